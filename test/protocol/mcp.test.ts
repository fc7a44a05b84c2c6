// `isms-author mcp` (dist/cli.js) driven by the official MCP SDK client over stdio, on the example
// workspace: the five tools with good and bad input, findings equal to `isms-author check`, the
// catalogue resources, and confinement to the served folder (`..`, absolute paths, symlinks).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI as BUNDLE } from '../helpers';

// ISMS_TEST_NODE and ISMS_TEST_CLI run the same test against another Node (20.19, the minimum) or
// a copy of dist/ outside the repository (to show the bundle needs no node_modules).
const NODE = process.env.ISMS_TEST_NODE ?? process.execPath;
const CLI = process.env.ISMS_TEST_CLI ? path.resolve(process.env.ISMS_TEST_CLI) : BUNDLE;
const EXAMPLE = path.resolve('examples/acme-isms');
const TODAY = '2026-11-22';
const TOOLS = ['check_workspace', 'check_text', 'show_control', 'soa_overview', 'find_references'];
const env = () => ({ ...process.env, ISMS_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'isms-mcp-cache-')), NO_COLOR: '1' }) as Record<string, string>;

interface Finding { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }
interface Call { isError?: boolean; structuredContent?: Record<string, unknown>; content: { type: string; text?: string }[] }

async function connect(dir: string): Promise<Client> {
  const client = new Client({ name: 'isms-author-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: NODE, args: [CLI, 'mcp', dir, '--today', TODAY], env: env(), stderr: 'pipe' }));
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as Call;
const ok = (r: Call) => {
  assert.ok(!r.isError, `unexpected tool error: ${r.content[0]?.text}`);
  assert.deepEqual(JSON.parse(r.content[0].text!), r.structuredContent, 'the text content is the structured result');
  return r.structuredContent as Record<string, never>;
};
const toolError = (r: Call, pattern: RegExp) => {
  assert.equal(r.isError, true, `expected a tool error, got ${JSON.stringify(r.structuredContent)?.slice(0, 200)}`);
  assert.match(r.content[0].text!, pattern);
};

/** `isms-author check --format json` in `dir`, reduced to the fields the MCP tools return. */
function cliFindings(dir: string, args: string[] = []): Finding[] {
  const r = spawnSync(NODE, [CLI, 'check', '--format', 'json', '--today', TODAY, ...args], { cwd: dir, encoding: 'utf8', env: env() });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return (JSON.parse(r.stdout).findings as Finding[]).map(({ file, line, column, endLine, endColumn, severity, code, message }) => ({ file, line, column, endLine, endColumn, severity, code, message }));
}

/** Every file under `dir` with its size and modification time: proof that nothing was written. */
function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else { const s = statSync(p, { throwIfNoEntry: false }); out.push(`${path.relative(dir, p)} ${s?.size} ${s?.mtimeMs}`); } } };
  walk(dir);
  return out.sort().join('\n');
}

let client: Client;
let before0: string;
before(async () => { before0 = snapshot(EXAMPLE); client = await connect(EXAMPLE); });
after(async () => { await client?.close(); });

test('lists the five tools with input and output schemas, read-only, and the same input schemas as the VS Code manifest', async () => {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), [...TOOLS].sort());
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')).contributes.languageModelTools as { name: string; inputSchema: object; modelDescription: string }[];
  for (const t of tools) {
    assert.equal(t.inputSchema.type, 'object', t.name);
    assert.ok(t.outputSchema, `${t.name} has an output schema`);
    assert.equal(t.annotations?.readOnlyHint, true, t.name);
    assert.equal(t.annotations?.openWorldHint, false, t.name);
    const lm = manifest.find((m) => m.name === `isms_${t.name}`);
    assert.ok(lm, `package.json contributes isms_${t.name}`);
    const { $schema: _, ...schema } = t.inputSchema as Record<string, unknown>;
    assert.deepEqual(lm.inputSchema, schema, `${t.name}: the manifest's inputSchema equals the server's`);
    assert.equal(lm.modelDescription, t.description, `${t.name}: the same description for the model`);
  }
});

test('check_workspace returns exactly the findings of isms-author check --format json', async () => {
  const r = ok(await call(client, 'check_workspace', {}));
  const cli = cliFindings(EXAMPLE);
  assert.equal(cli.length, 8, 'the example has eight deliberate mistakes');
  assert.deepEqual(r.findings, cli);
  assert.equal(r.total, 8);
  assert.deepEqual(r.summary, { error: 4, warning: 4, info: 0, hint: 0 });
  assert.equal(r.nextCursor, undefined);
});

test('check_workspace pages long results, and filters by path, code family and severity as check does', async () => {
  const all = cliFindings(EXAMPLE);
  const pages: Finding[] = [];
  let cursor: string | undefined;
  let calls = 0;
  do {
    const r = ok(await call(client, 'check_workspace', { limit: 3, ...(cursor ? { cursor } : {}) }));
    pages.push(...(r.findings as Finding[]));
    cursor = r.nextCursor;
    assert.equal(r.total, 8);
    calls++;
  } while (cursor);
  assert.equal(calls, 3);
  assert.deepEqual(pages, all);
  const soa = ok(await call(client, 'check_workspace', { path: 'soa.yaml' }));
  assert.deepEqual(soa.findings, cliFindings(EXAMPLE, ['soa.yaml']));
  // A folder is a view on the served ISMS (its SoA and config still apply), where `check policies`
  // would make the folder a root of its own: compare with the whole check, filtered.
  const policies = ok(await call(client, 'check_workspace', { path: 'policies' }));
  assert.deepEqual(policies.findings, all.filter((f) => f.file.startsWith('policies/')));
  const refs = ok(await call(client, 'check_workspace', { codes: ['ref/'] }));
  assert.deepEqual(refs.findings, all.filter((f) => f.code.startsWith('ref/')));
  const errors = ok(await call(client, 'check_workspace', { minSeverity: 'error' }));
  assert.deepEqual(errors.findings, all.filter((f) => f.severity === 'error'));
  assert.deepEqual(ok(await call(client, 'check_workspace', { path: path.join(EXAMPLE, 'risks.yaml') })).findings, all.filter((f) => f.file === 'risks.yaml'), 'an absolute path inside the folder');
});

test('check_workspace: bad input is a tool error with a clear message', async () => {
  toolError(await call(client, 'check_workspace', { path: '../../package.json' }), /contains "\.\."/);
  toolError(await call(client, 'check_workspace', { path: '/etc/passwd' }), /outside the ISMS folder/);
  toolError(await call(client, 'check_workspace', { path: 'no-such-folder' }), /no Markdown or YAML file/);
  toolError(await call(client, 'check_workspace', { codes: ['soa/no-such-code'] }), /not a diagnostic code/);
  toolError(await call(client, 'check_workspace', { cursor: 'abc' }), /not one this tool returned/);
  toolError(await call(client, 'check_workspace', { limit: 0 }), /limit|too small|>=1/i);
  toolError(await call(client, 'check_workspace', { minSeverity: 'fatal' }), /minSeverity|Invalid/);
});

const DRAFT = `---
title: Remote working policy
owner: IT Manager
approved-by: Chief Executive Officer
version: "0.1"
effective: 2026-12-01
next-review: 2027-12-01
controls: [A.6.7]
---
# Remote working policy

Staff who work remotely follow A.6.7 and the access rules of A.9.2.3.
Laptops are encrypted as control A.8.99 requires.
Physical entry to the co-working space follows A.7.6.
`;

test('check_text checks a draft against the workspace SoA before it is written, and writes nothing', async () => {
  const r = ok(await call(client, 'check_text', { path: 'policies/remote-working.md', text: DRAFT }));
  assert.equal(r.kind, 'policy');
  assert.equal(r.file, 'policies/remote-working.md');
  assert.deepEqual((r.findings as Finding[]).map((f) => `${f.line}:${f.column} ${f.code}`), [
    '12:62 ref/legacy-control',
    '13:34 ref/unknown-control',
    '14:48 policy/cites-unclaimed',
    // The SoA of the workspace excludes A.7.6: context a draft on its own would not have.
    '14:48 policy/excluded-control-cited',
  ]);
  assert.equal(readdirSync(path.join(EXAMPLE, 'policies')).includes('remote-working.md'), false, 'the draft is not written');
});

test('check_text of a saved file gives the same findings as check on that file', async () => {
  for (const file of ['policies/access-control.md', 'soa.yaml', 'risks.yaml']) {
    const r = ok(await call(client, 'check_text', { path: file, text: readFileSync(path.join(EXAMPLE, file), 'utf8') }));
    assert.deepEqual(r.findings, cliFindings(EXAMPLE, [file]), file);
  }
});

test('check_text: paths outside the folder, other file types and a 2 MB text', async () => {
  toolError(await call(client, 'check_text', { path: '../outside.md', text: '# x' }), /contains "\.\."/);
  toolError(await call(client, 'check_text', { path: 'policies/../../outside.md', text: '# x' }), /contains "\.\."/);
  toolError(await call(client, 'check_text', { path: path.join(tmpdir(), 'draft.md'), text: '# x' }), /outside the ISMS folder/);
  toolError(await call(client, 'check_text', { path: 'notes.txt', text: 'x' }), /not a Markdown or YAML file/);
  toolError(await call(client, 'check_text', { path: 'policies/x.md' }), /text|Required/i);
  // 2 MB is over the default limits.max-file-size (2,000,000 characters): a finding, not a crash.
  const big = `# Big\n\nA.5.15 ${'x'.repeat(2 * 1024 * 1024)}\n`;
  const r = ok(await call(client, 'check_text', { path: 'policies/big.md', text: big }));
  assert.deepEqual((r.findings as Finding[]).map((f) => f.code), ['file/too-large']);
  // The server is still there and answers.
  assert.equal(ok(await call(client, 'check_workspace', {})).total, 8);
});

test('show_control: facts, guidance and this workspace\'s SoA entry, risks and citing policies', async () => {
  const c = ok(await call(client, 'show_control', { id: 'A.5.15' }));
  assert.equal(c.title, 'Access control');
  assert.equal(c.theme, 'Organizational');
  assert.deepEqual((c.predecessors as { id: string }[]).map((p) => p.id), ['A.9.1.1', 'A.9.1.2']);
  assert.ok((c.guidance as { intent: string }).intent.length > 20);
  const [ws] = c.workspace as { decision: string; soaFile: string; entry: { status: string; line: number }; risks: { id: string }[]; citingPolicies: { file: string }[] }[];
  assert.equal(ws.decision, 'applicable');
  assert.equal(ws.soaFile, 'soa.yaml');
  assert.equal(ws.entry.status, 'implemented');
  assert.equal(readFileSync(path.join(EXAMPLE, 'soa.yaml'), 'utf8').split('\n')[ws.entry.line - 1].trim(), 'A.5.15:');
  assert.ok(ws.risks.some((r) => r.id === 'R-003'));
  assert.ok(ws.citingPolicies.some((p) => p.file === 'policies/access-control.md'));
  const excluded = ok(await call(client, 'show_control', { id: 'Annex A 7.6' }));
  assert.equal((excluded.workspace as { decision: string }[])[0].decision, 'excluded');
  const legacy = ok(await call(client, 'show_control', { id: 'A.9.2.3' }));
  assert.equal(legacy.kind, 'legacy-control');
  assert.deepEqual((legacy.successors as { id: string }[]).map((s) => s.id), ['A.8.2']);
  const [legacyWs] = legacy.workspace as { decision?: string; citingPolicies: { file: string; line: number }[] }[];
  assert.equal(legacyWs.decision, undefined, 'a 2013 ID has no SoA decision of its own');
  assert.deepEqual(legacyWs.citingPolicies, [{ file: 'policies/access-control.md', line: 48 }], 'where the 2013 ID is still cited');
  const clause = ok(await call(client, 'show_control', { id: 'clause 6.1.3' }));
  assert.equal(clause.kind, 'clause');
  toolError(await call(client, 'show_control', { id: 'A.5.99' }), /not an ISO\/IEC 27001 Annex A control; did you mean/);
  toolError(await call(client, 'show_control', { id: 'drop table' }), /not an ISO\/IEC 27001 Annex A control/);
  toolError(await call(client, 'show_control', { id: 'clause 11.4' }), /not a clause/);
  toolError(await call(client, 'show_control', {}), /id|Required/i);
});

test('soa_overview: counts per theme and state, and the gaps check reports', async () => {
  const o = ok(await call(client, 'soa_overview', {}));
  const [s] = o.scopes as { total: number; decided: number; byState: Record<string, number>; byTheme: { theme: string; total: number }[]; excludedWithoutJustification: { id: string }[]; applicableWithoutRisk: { id: string }[]; missing: string[]; undecided: string[] }[];
  assert.equal(s.total, 93);
  assert.equal(s.byState.excluded, 8, 'the example README: 85 applicable, 8 excluded');
  assert.equal(Object.values(s.byState).reduce((a, b) => a + b, 0), 93);
  assert.deepEqual(s.byTheme.map((t) => [t.theme, t.total]), [['Organizational', 37], ['People', 8], ['Physical', 14], ['Technological', 34]]);
  const cli = cliFindings(EXAMPLE);
  assert.deepEqual(s.excludedWithoutJustification.map((x) => x.id), ['A.7.6']);
  assert.equal(cli.filter((f) => f.code === 'soa/excluded-without-justification').length, 1);
  assert.deepEqual(s.applicableWithoutRisk.map((x) => x.id), ['A.5.6']);
  assert.deepEqual(s.missing, []);
  assert.deepEqual(s.undecided, []);
});

test('find_references: policy lines, SoA entries and risks for a control or a risk, paged', async () => {
  const r = ok(await call(client, 'find_references', { id: 'A.5.15' }));
  const refs = r.references as { file: string; line: number; via: string; text: string; riskId?: string }[];
  assert.ok(refs.some((x) => x.via === 'soa' && x.file === 'soa.yaml' && x.text === 'A.5.15:'));
  assert.ok(refs.some((x) => x.via === 'policy' && x.file === 'policies/access-control.md' && x.text.includes('5.15')));
  assert.ok(refs.some((x) => x.via === 'risk' && x.file === 'risks.yaml' && x.riskId === 'R-003'));
  for (const x of refs) assert.ok(readFileSync(path.join(EXAMPLE, x.file), 'utf8').split('\n')[x.line - 1].includes(x.text.replace(/…$/, '')), `${x.file}:${x.line}`);
  const risk = ok(await call(client, 'find_references', { id: 'R-003', limit: 2 }));
  assert.equal((risk.target as { defined: boolean }).defined, true);
  assert.deepEqual((risk.references as { via: string; file: string }[])[0], { ...(risk.references as object[])[0], via: 'definition', file: 'risks.yaml' });
  assert.ok(risk.nextCursor);
  const rest = ok(await call(client, 'find_references', { id: 'R-003', cursor: risk.nextCursor, limit: 500 }));
  assert.equal((risk.references as unknown[]).length + (rest.references as unknown[]).length, risk.total);
  const undefinedRisk = ok(await call(client, 'find_references', { id: 'R-099' }));
  assert.equal((undefinedRisk.target as { defined: boolean }).defined, false, 'cited in the SoA but not in the register');
  toolError(await call(client, 'find_references', { id: 'R-999' }), /No risk register defines R-999/);
  toolError(await call(client, 'find_references', { id: 'A.5.99' }), /neither an Annex A control nor a risk ID; did you mean/);
});

test('catalogue pages are resources; names outside the catalogue are refused', async () => {
  const { resources } = await client.listResources();
  assert.ok(resources.length > 200, `${resources.length} pages`);
  assert.equal(resources[0].uri, 'isms://catalogue/A.5.1', '2022 controls first, in catalogue order');
  assert.ok(resources.some((r) => r.uri === 'isms://catalogue/clause-6.1.3'));
  const page = await client.readResource({ uri: 'isms://catalogue/A.5.15' });
  assert.match(String((page.contents[0] as { text?: string }).text), /^# A\.5\.15 Access control/);
  await assert.rejects(client.readResource({ uri: 'isms://catalogue/..%2F..%2Fpackage.json' }), /No catalogue page/);
  await assert.rejects(client.readResource({ uri: 'isms://catalogue/A.5.99' }), /No catalogue page/);
});

test('no tool wrote anything in the served folder', () => {
  assert.equal(snapshot(EXAMPLE), before0);
});

test('symbolic links out of the folder are neither followed nor accepted as paths; files changed on disk are re-read', async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'isms-mcp-'));
  // A folder name with a space, brackets, '#', '+' and a non-ASCII letter: URIs must not drift.
  const served = path.join(base, 'Acme ISMS (copy) #1+ä');
  const outside = path.join(base, 'outside');
  cpSync(EXAMPLE, served, { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.md'), '---\ntitle: Secret\n---\nThe secret plan cites A.5.77.\n');
  symlinkSync(path.join(outside, 'secret.md'), path.join(served, 'policies', 'secret.md'));
  symlinkSync(outside, path.join(served, 'linked'));
  const c = await connect(served);
  try {
    const all = ok(await call(c, 'check_workspace', {}));
    assert.deepEqual(all.findings, cliFindings(served), 'the same findings as check on the copy');
    assert.deepEqual((ok(await call(c, 'soa_overview', {})).scopes as { scope: string; soaFile: string }[]).map((s) => [s.scope, s.soaFile]), [['', 'soa.yaml']]);
    assert.deepEqual(ok(await call(c, 'check_workspace', { path: 'policies' })).findings, (all.findings as Finding[]).filter((f) => f.file.startsWith('policies/')));
    assert.ok(!(all.findings as Finding[]).some((f) => f.message.includes('A.5.77') || f.file.includes('secret')), 'the linked file is not read');
    toolError(await call(c, 'check_workspace', { path: 'policies/secret.md' }), /symbolic link/);
    toolError(await call(c, 'check_text', { path: 'linked/new.md', text: '# x' }), /symbolic link/);
    toolError(await call(c, 'check_text', { path: 'linked/secret.md', text: '# x' }), /symbolic link/);
    // An edit on disk between two calls is seen by the next call.
    writeFileSync(path.join(served, 'policies', 'new.md'), readFileSync(path.join(served, 'policies', 'access-control.md'), 'utf8').replace('A.5.15', 'A.5.98'));
    const after1 = ok(await call(c, 'check_workspace', { path: 'policies/new.md' }));
    assert.ok((after1.findings as Finding[]).some((f) => f.code === 'ref/unknown-control' && f.message.startsWith('A.5.98')));
  } finally {
    await c.close();
  }
});

test('a folder that does not exist is a usage error, not a hang', () => {
  const r = spawnSync(NODE, [CLI, 'mcp', path.join(tmpdir(), 'no-such-isms-folder')], { encoding: 'utf8', env: env(), input: '' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /is not a folder/);
});
