// `isms-author init`: scaffolds a workspace the checker accepts, and never overwrites a file.
import { strict as assert } from 'node:assert';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYamlPlain } from 'yaml';
import { runInit } from '../../server/src/cli/init';
import { catalogue } from '../../server/src/core/catalogue';
import { DIAGNOSTICS } from '../../server/src/core/codes';
import { DEFAULT_CONFIG, parseConfig } from '../../server/src/core/config';
import { computeFindings } from '../../server/src/core/diagnostics';
import { parseMarkdown } from '../../server/src/core/markdown';
import { parseRiskRegister } from '../../server/src/core/risks';
import { isDecided, parseSoa } from '../../server/src/core/soa';
import { Workspace } from '../../server/src/core/workspace';
import { fileUri, loadFolder } from '../../server/src/host/fsWorkspace';
import { defaultsByKey } from '../consistency/defaultsByKey';

const FILES = ['isms.config.yaml', 'soa.yaml', 'risks.yaml', 'policies/information-security-policy.md', 'policies/access-control.md'];
const TODAY = '2026-03-01';

let tmp: string;
before(async () => { tmp = await mkdtemp(path.join(tmpdir(), 'isms-init-')); });
after(async () => { await rm(tmp, { recursive: true, force: true }); });

describe('init', () => {
  it('creates the five files in an empty (even missing) folder', async () => {
    const dir = path.join(tmp, 'fresh', 'isms');
    const { created, skipped } = await runInit(dir, { today: TODAY });
    assert.deepEqual(created, FILES.map((f) => path.join(dir, f)));
    assert.deepEqual(skipped, []);
  });

  it('writes an SoA with all 93 controls in catalogue order, each with a title comment', async () => {
    const dir = path.join(tmp, 'soa');
    await runInit(dir, { today: TODAY });
    const text = await readFile(path.join(dir, 'soa.yaml'), 'utf8');
    const soa = parseSoa(text);
    assert.deepEqual(soa.errors, []);
    assert.equal(soa.form, 'map');
    assert.equal(soa.entries.length, 93);
    assert.deepEqual(soa.entries.map((e) => e.id), catalogue.controls.map((c) => c.id));
    for (const e of soa.entries) {
      assert.equal(e.status?.value, 'not-started');
      assert.equal(isDecided(e), false, 'init decides nothing on the user\'s behalf');
    }
    assert.match(text, /^ {2}# A\.5\.1 Policies for information security \(Organizational\)\n {2}A\.5\.1:\n {4}status: not-started$/m);
    assert.match(text, /^ {2}# A\.8\.34 Protection of information systems during audit testing \(Technological\)$/m);
    assert.equal(soa.header.get('standard')?.value, 'ISO/IEC 27001:2022');
    assert.equal(soa.riskRegister?.value, 'risks.yaml');
  });

  it('writes two example risks in the register format', async () => {
    const dir = path.join(tmp, 'risks');
    await runInit(dir, { today: TODAY });
    const reg = parseRiskRegister(await readFile(path.join(dir, 'risks.yaml'), 'utf8'));
    assert.deepEqual(reg.errors, []);
    assert.deepEqual(reg.risks.map((r) => r.id), ['R-001', 'R-002']);
    for (const r of reg.risks) {
      assert.ok(r.title?.value);
      assert.ok(r.owner?.value);
      assert.equal(r.treatment?.value, 'mitigate');
      assert.deepEqual(r.unknownFields, []);
      assert.ok(r.controls.length > 0);
      for (const c of r.controls) assert.ok(c.id && catalogue.control(c.id), `${c.raw} is a 2022 control`);
    }
  });

  it('writes policy skeletons with complete front matter', async () => {
    const dir = path.join(tmp, 'policies');
    await runInit(dir, { today: TODAY });
    for (const f of ['policies/information-security-policy.md', 'policies/access-control.md']) {
      const text = await readFile(path.join(dir, f), 'utf8');
      const md = parseMarkdown(text);
      assert.ok(md.frontMatter, f);
      assert.deepEqual(md.frontMatter.yaml.errors, []);
      const fm = parseYamlPlain(text.split('---')[1]) as Record<string, unknown>;
      for (const key of ['title', 'owner', 'approved-by', 'version', 'effective', 'next-review', 'classification', 'controls']) assert.ok(fm[key], `${f}: ${key}`);
      assert.equal(fm.version, '0.1');
      assert.equal(fm.effective, TODAY);
      assert.equal(fm['next-review'], '2027-03-01');
      assert.ok(md.claimed.length > 0);
      for (const c of md.claimed) assert.equal(c.kind, 'control', `${f} claims ${c.id}`);
    }
  });

  it('writes the configuration defaults as comments that, uncommented, equal DEFAULT_CONFIG', async () => {
    const dir = path.join(tmp, 'config');
    await runInit(dir, { today: TODAY });
    const text = await readFile(path.join(dir, 'isms.config.yaml'), 'utf8');
    assert.deepEqual(parseConfig(text).problems, [], 'as written: comments only');
    assert.ok(text.split('\n').every((l) => l === '' || l.startsWith('#')));
    const uncommented = text.split('\n').filter((l) => l.startsWith('# ') && /^# {0,3}[a-z/-]+:/.test(l)).map((l) => l.slice(2)).join('\n');
    const parsed = parseConfig(uncommented);
    // Every setting is written out, not just left to fall back to its default.
    const written = parseYamlPlain(uncommented) as Record<string, unknown>;
    for (const key of Object.keys(defaultsByKey())) {
      const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], written);
      assert.notEqual(value, undefined, `the template writes ${key}`);
    }
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.problems, []);
    const { severity, ...rest } = parsed.config;
    const { severity: _none, ...defaults } = DEFAULT_CONFIG;
    assert.deepEqual(rest, defaults);
    assert.deepEqual(severity, Object.fromEntries(Object.entries(DIAGNOSTICS).map(([k, v]) => [k, v.severity])));
  });

  it('never overwrites: existing files are kept byte for byte and reported as skipped', async () => {
    const dir = path.join(tmp, 'existing');
    await mkdir(path.join(dir, 'policies'), { recursive: true });
    const mine = '# my own SoA\ncontrols: {}\n';
    const policy = '---\ntitle: Mine\n---\n';
    await writeFile(path.join(dir, 'soa.yaml'), mine);
    await writeFile(path.join(dir, 'policies', 'access-control.md'), policy);
    const first = await runInit(dir, { today: TODAY });
    assert.deepEqual(first.skipped, [path.join(dir, 'soa.yaml'), path.join(dir, 'policies', 'access-control.md')]);
    assert.deepEqual(first.created, [path.join(dir, 'isms.config.yaml'), path.join(dir, 'risks.yaml'), path.join(dir, 'policies', 'information-security-policy.md')]);
    assert.equal(await readFile(path.join(dir, 'soa.yaml'), 'utf8'), mine);
    assert.equal(await readFile(path.join(dir, 'policies', 'access-control.md'), 'utf8'), policy);
    const risks = await readFile(path.join(dir, 'risks.yaml'), 'utf8');
    await writeFile(path.join(dir, 'risks.yaml'), risks + '# edited\n');
    const second = await runInit(dir);
    assert.deepEqual(second.created, []);
    assert.deepEqual(second.skipped, FILES.map((f) => path.join(dir, ...f.split('/'))));
    assert.equal(await readFile(path.join(dir, 'risks.yaml'), 'utf8'), risks + '# edited\n');
  });

  it('produces a workspace the checker reads without errors: only undecided controls to work through', async () => {
    const dir = path.join(tmp, 'check');
    await runInit(dir, { today: TODAY });
    const ws = new Workspace();
    ws.setFolders([fileUri(dir)]);
    await loadFolder(ws, dir);
    const findings = ws.all().flatMap((d) => computeFindings(ws, d.uri, { today: TODAY }));
    const byCode = new Map<string, number>();
    for (const f of findings) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
    assert.equal(byCode.get('soa/undecided'), 93);
    const others = findings.filter((f) => f.code !== 'soa/undecided');
    assert.deepEqual(others.map((f) => `${f.code}: ${f.message}`), []);
  });
});
