// Row d of `npm run bench`: `isms-author publish` of the 1,000-policy workspace (every page of the
// static site written), beside the cold `check` of the same workspace. Each sample publishes into
// a fresh folder with a fresh cache home.
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { runTimed } from './procs.mjs';
import { series } from './stats.mjs';
import { fmtMs } from './stats.mjs';

/** Publishes `wsDir` `opts` times; with `withCheck`, a cold check runs before each publish (for --only=publish). */
export async function measurePublish({ cli, wsDir, work, opts, today, log, withCheck = false }) {
  const out = { publish: [], cold: [], pages: undefined, errors: [] };
  await series(opts, async (i) => {
    const env = { ...process.env, XDG_CACHE_HOME: path.join(work, `publish-cache-${i}`) };
    if (withCheck) {
      const c = await runTimed(process.execPath, [cli, 'check', '.', '--today', today], { cwd: wsDir, env });
      if (c.code !== 0 && c.code !== 1) out.errors.push(`check exit ${c.code}: ${c.stderr.slice(0, 300)}`);
      out.cold.push(c.ms);
    }
    const site = path.join(work, `site-${i}`);
    const r = await runTimed(process.execPath, [cli, 'publish', '.', '-o', site, '--today', today], { cwd: wsDir, env });
    if (r.code !== 0) out.errors.push(`publish exit ${r.code}: ${r.stderr.slice(-300)}`);
    out.publish.push(r.ms);
    out.pages = r.stdout.match(/published (\d+) pages/)?.[1];
    rmSync(site, { recursive: true, force: true });
    log(`  publish run ${i + 1}: ${fmtMs(r.ms)} (${out.pages ?? '?'} pages)${withCheck ? `, cold check ${fmtMs(out.cold.at(-1))}` : ''}`);
  });
  return out;
}
