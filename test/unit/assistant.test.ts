// The assistant tools' core (server/src/core/assistant) on in-memory workspaces, and the path
// confinement of the served folder (server/src/host/servedFolder) on real temporary folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkText, checkWorkspace, references, runTool, showControl, soaOverview, ToolInputError, type ToolHost } from '../../server/src/core/assistant/tools';
import { paginate } from '../../server/src/core/assistant/records';
import { confine } from '../../server/src/host/servedFolder';
import { computeFindings } from '../../server/src/core/diagnostics';
import { RISKS, ROOT, soaText, TODAY, workspaceOf } from '../helpers';

const FRONT = '---\ntitle: P\nowner: O\napproved-by: A\nversion: "1"\neffective: 2026-01-01\nnext-review: 2027-01-01\ncontrols: [A.5.15]\n---\n';

function host(files: Record<string, string>): ToolHost {
  const { ws } = workspaceOf(files);
  return {
    ws, roots: [ROOT], today: TODAY,
    resolve: (p) => {
      if (p.split('/').includes('..') || p.startsWith('/')) throw new ToolInputError(`"${p}" is outside`);
      return `${ROOT}/${p}`;
    },
  };
}

test('check_workspace: the findings of computeFindings for every file, in URI order, as one-based records', () => {
  const h = host({ 'soa.yaml': soaText({ 'A.7.4': '    applicable: false\n    justification: n/a\n' }), 'risks.yaml': RISKS, 'policies/p.md': `${FRONT}Access control A.5.15 and A.9.2.3.\n` });
  const r = checkWorkspace(h, {});
  const direct = ['policies/p.md', 'risks.yaml', 'soa.yaml'].flatMap((f) => computeFindings(h.ws, `${ROOT}/${f}`, { today: TODAY }));
  assert.deepEqual(r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`), direct.map((f) => `${f.uri.slice(ROOT.length + 1)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`));
  assert.ok(r.findings.some((f) => f.code === 'soa/excluded-without-justification'));
  assert.deepEqual(checkWorkspace(h, { codes: ['ref'] }).findings.map((f) => f.code), ['ref/legacy-control']);
  assert.throws(() => checkWorkspace(h, { codes: ['nope'] }), ToolInputError);
});

test('check_text: a draft is checked in a copy; the workspace keeps its documents', () => {
  const h = host({ 'soa.yaml': soaText({ 'A.7.4': '    applicable: false\n    justification: No premises of our own; staff work from home only.\n' }), 'risks.yaml': RISKS, 'policies/p.md': `${FRONT}Access control A.5.15.\n` });
  const before = h.ws.get(`${ROOT}/policies/p.md`);
  const r = checkText(h, { path: 'policies/p.md', text: `${FRONT}Access control A.5.15; premises under A.7.4.\n` });
  assert.deepEqual(r.findings.map((f) => f.code).sort(), ['policy/cites-unclaimed', 'policy/excluded-control-cited']);
  assert.equal(h.ws.get(`${ROOT}/policies/p.md`), before, 'the original document is untouched');
  assert.deepEqual(checkText(h, { path: 'policies/new.md', text: '# New\n\nSee A.5.99.\n' }).findings.map((f) => f.code), ['policy/missing-metadata', 'ref/unknown-control'], 'a new file under policies/ is a policy');
  assert.equal(h.ws.has(`${ROOT}/policies/new.md`), false, 'a draft for a new file is not added');
  assert.throws(() => checkText(h, { path: 'a.txt', text: 'x' }), /not a Markdown or YAML file/);
  assert.throws(() => checkText(h, { path: '../a.md', text: 'x' }), /outside/);
});

test('show_control, soa_overview and find_references on one small workspace', () => {
  const h = host({ 'soa.yaml': soaText({ 'A.5.15': '    applicable: true\n    status: partial\n    risks: [R-001]\n', 'A.8.1': '' }), 'risks.yaml': RISKS, 'policies/p.md': `${FRONT}Access control A.5.15.\n` });
  const c = showControl(h, { id: '5.15' });
  assert.equal(c.id, 'A.5.15');
  assert.equal(c.workspace[0].entry?.status, 'partial');
  assert.deepEqual(c.workspace[0].risks.map((r) => r.id), ['R-001']);
  assert.deepEqual(c.workspace[0].citingPolicies.map((p) => `${p.file}:${p.line}`), ['policies/p.md:8', 'policies/p.md:10']);
  assert.throws(() => showControl(h, { id: 'A.5.38' }), /did you mean/);
  const [o] = soaOverview(h).scopes;
  assert.deepEqual(o.missing, ['A.8.1']);
  assert.equal(o.byState.partial, 1);
  const refs = references(h, { id: 'R-001' });
  assert.deepEqual(refs.references.map((r) => `${r.file}:${r.via}`).sort(), ['risks.yaml:definition', 'soa.yaml:soa']);
  assert.throws(() => references(h, { id: 'R-404' }), /No risk register defines R-404/);
});

test('runTool checks the types of untyped input', () => {
  const h = host({ 'soa.yaml': soaText(), 'risks.yaml': RISKS });
  assert.throws(() => runTool(h, 'check_text', { path: 'x.md', text: 1 }), /"text" must be a string/);
  assert.throws(() => runTool(h, 'check_workspace', { codes: 'soa/' }), /list of strings/);
  assert.throws(() => runTool(h, 'check_workspace', []), /must be an object/);
  assert.throws(() => runTool(h, 'rm', {}), /Unknown tool/);
});

test('paginate: pages, cursors and bad cursors', () => {
  const items = Array.from({ length: 7 }, (_, i) => i);
  assert.deepEqual(paginate(items, undefined, 3), { items: [0, 1, 2], total: 7, nextCursor: '3' });
  assert.deepEqual(paginate(items, '6', 3), { items: [6], total: 7 });
  assert.throws(() => paginate(items, '8', 3), /not one this tool returned/);
  assert.throws(() => paginate(items, '-1', 3), /not one this tool returned/);
  assert.throws(() => paginate(items, undefined, 0), /limit/);
});

test('confine: relative paths inside, no "..", absolute only inside, no symlink out', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'isms-confine-'));
  const root = path.join(base, 'isms');
  mkdirSync(path.join(root, 'policies'), { recursive: true });
  mkdirSync(path.join(base, 'outside'));
  writeFileSync(path.join(base, 'outside', 'x.md'), '# x');
  writeFileSync(path.join(root, 'policies', 'in.md'), '# in');
  symlinkSync(path.join(base, 'outside'), path.join(root, 'out'));
  symlinkSync(path.join(base, 'outside', 'x.md'), path.join(root, 'policies', 'x.md'));
  symlinkSync(path.join(root, 'policies', 'in.md'), path.join(root, 'policies', 'alias.md'));
  assert.equal(confine(root, 'policies/in.md'), path.join(root, 'policies', 'in.md'));
  assert.equal(confine(root, 'policies/new/draft.md'), path.join(root, 'policies', 'new', 'draft.md'), 'a new file in a new folder');
  assert.equal(confine(root, path.join(root, 'soa.yaml')), path.join(root, 'soa.yaml'));
  assert.equal(confine(root, 'policies/alias.md'), path.join(root, 'policies', 'alias.md'), 'a symlink that stays inside is fine');
  assert.equal(confine(root, 'policies/..draft.md'), path.join(root, 'policies', '..draft.md'), 'a name that starts with two dots');
  // The folder named through a symlink to it: accepted, and answered as the folder itself.
  symlinkSync(root, path.join(base, 'alias-of-isms'));
  assert.equal(confine(root, path.join(base, 'alias-of-isms', 'policies', 'in.md')), path.join(root, 'policies', 'in.md'));
  assert.equal(confine(path.join(base, 'alias-of-isms'), 'policies/in.md'), path.join(base, 'alias-of-isms', 'policies', 'in.md'), 'a root that is itself a symlink');
  for (const bad of ['../outside/x.md', 'policies/../../outside/x.md', 'policies\\..\\..\\x.md', path.join(base, 'outside', 'x.md'), '/etc/passwd', 'out/x.md', 'out/new.md', 'policies/x.md', '', 'a\0b']) {
    assert.throws(() => confine(root, bad), ToolInputError, JSON.stringify(bad));
  }
});
