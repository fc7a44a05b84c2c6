// Scale rows of `npm run bench` (issue: close to the limit at every size): the CLI's cold check at
// 1,000 and 10,000 policies against the read-and-scan floor measured in the same run, peak memory,
// and the language server on 10,000 policies: how soon an opened policy gets its diagnostics after
// `initialized`, and how long until every file of the workspace has them.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileUri, LspClient } from './lsp.mjs';
import { runTimed } from './procs.mjs';
import { median, series } from './stats.mjs';

const FLOOR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'floor.mjs');
const MAXRSS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'maxrss.cjs');

/** Cold CLI checks and floor runs, interleaved; returns medians and the CLI's peak RSS (bytes). */
export async function cliAgainstFloor(cli, dir, today, opts, log, label) {
  const ours = [];
  const floor = [];
  let rss = 0;
  let findings = '';
  await series(opts, async (i, measured) => {
    // --require maxrss.cjs prints the peak RSS on exit (stderr), without a wrapper process.
    const o = await runTimed(process.execPath, ['--require', MAXRSS, cli, 'check', '.', '--today', today, '--no-cache'], { cwd: dir });
    if (o.code !== 0 && o.code !== 1) throw new Error(`isms-author check exited ${o.code}: ${o.stderr.slice(-500)}`);
    const f = await runTimed(process.execPath, [FLOOR, dir]);
    if (f.code !== 0) throw new Error(`floor failed: ${f.stderr}`);
    if (measured) { ours.push(o.ms); floor.push(f.ms); }
    rss = Math.max(rss, Number(o.stderr.match(/maxrss (\d+)/)?.[1] ?? 0) * 1024);
    findings = o.stdout.trim().split('\n').pop();
    log(`  ${label} run ${i + 1}: isms-author ${Math.round(o.ms)} ms, floor ${Math.round(f.ms)} ms (${f.stdout.trim()})`);
  });
  return { ours, floor, rss, findings };
}

const countFiles = (dir) => readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && /\.(md|ya?ml)$/.test(e.name)).length;

/**
 * Language server sessions on a large workspace: spawn, initialize (with workDoneProgress), open
 * one policy at once, and time its diagnostics and the workspace's. Each run is a fresh server.
 */
export async function serverAtScale(server, dir, policyRel, today, runs, log) {
  const files = countFiles(dir);
  const results = [];
  for (let i = 0; i < runs; i++) {
    const client = new LspClient([server, '--stdio'], { env: { ISMS_TODAY: today } });
    try {
      await client.initialize(dir, { window: { workDoneProgress: true } });
      const uri = fileUri(path.join(dir, policyRel));
      await client.open(uri, readFileSync(path.join(dir, policyRel), 'utf8'), 'markdown');
      const opened = await client.nextPublish(uri, 0, 120_000);
      await client.until(() => client.published.size >= files, `diagnostics for all ${files} files`, 600_000);
      const all = Math.max(...[...client.published.values()].map((p) => p.at));
      const mem = client.memory();
      results.push({ openedMs: opened - client.initializedAt, allMs: all - client.initializedAt, rss: (mem?.hwmKb ?? NaN) * 1024 });
      log(`  server run ${i + 1}: opened policy ${Math.round(opened - client.initializedAt)} ms, all ${files} files ${Math.round(all - client.initializedAt)} ms after initialized, peak RSS ${Math.round((mem?.hwmKb ?? 0) / 1024)} MB`);
    } finally {
      await client.shutdown();
    }
  }
  return {
    files,
    opened: results.map((r) => r.openedMs),
    all: results.map((r) => r.allMs),
    rss: Math.max(...results.map((r) => r.rss)),
    worstOpened: Math.max(...results.map((r) => r.openedMs)),
    medianAll: median(results.map((r) => r.allMs)),
  };
}
