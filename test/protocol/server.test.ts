// Drives the bundled server (dist/server.js --stdio) over real JSON-RPC on the example workspace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { catalogue } from '../../server/src/core/catalogue';
import { runCli } from '../helpers';
import { EXAMPLE, fileUri, TestClient } from './lspClient';
import { soaText as soaFixture } from '../helpers';

const soaUri = fileUri(path.join(EXAMPLE, 'soa.yaml'));
const accessUri = fileUri(path.join(EXAMPLE, 'policies/access-control.md'));
const aupUri = fileUri(path.join(EXAMPLE, 'policies/acceptable-use.md'));
const risksUri = fileUri(path.join(EXAMPLE, 'risks.yaml'));
const soaText = readFileSync(path.join(EXAMPLE, 'soa.yaml'), 'utf8');
const accessText = readFileSync(path.join(EXAMPLE, 'policies/access-control.md'), 'utf8');

let client: TestClient;
let init: { capabilities: Record<string, unknown>; serverInfo?: { name: string; version: string } };

before(async () => {
  client = new TestClient();
  // A client with no pull diagnostics and no dynamic registration: static capabilities only.
  init = await client.initialize(EXAMPLE, {});
});
after(async () => { if (process.env.LOG) console.error(client.log); await client.shutdown(); });

test('advertises its capabilities in the initialize result', () => {
  const c = init.capabilities;
  assert.deepEqual(init.serverInfo, { name: 'isms-author', version: JSON.parse(readFileSync('package.json', 'utf8')).version }, 'the version comes from package.json');
  for (const k of ['hoverProvider', 'completionProvider', 'definitionProvider', 'referencesProvider', 'documentLinkProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'codeLensProvider', 'codeActionProvider', 'textDocumentSync']) assert.ok(c[k], k);
});

test('pushes diagnostics for the whole workspace without opening files', async () => {
  await client.until(() => client.codes(soaUri).length >= 4 && client.codes(risksUri).length >= 1 && client.codes(accessUri).length >= 1);
  assert.deepEqual(client.codes(soaUri).sort(), ['ref/missing-file', 'ref/unknown-risk', 'soa/applicable-without-risk', 'soa/excluded-without-justification']);
  assert.deepEqual(client.codes(accessUri), ['ref/legacy-control']);
  assert.deepEqual(client.codes(risksUri), ['risk/untreated']);
  const [legacy] = client.diagnostics.get(accessUri)!;
  const line = accessText.split('\n')[legacy.range.start.line];
  assert.equal(line.slice(legacy.range.start.character, legacy.range.end.character), 'A.9.2.3');
});

test('the CLI reports exactly what the server reports (same engine, same codes)', () => {
  const cli = runCli(['check', EXAMPLE, '--format', 'json', '--today', '2026-11-22']);
  const fromCli = (JSON.parse(cli.out).findings as { uri: string; line: number; column: number; code: string; message: string }[])
    .map((f) => `${f.uri} ${f.line}:${f.column} ${f.code} ${f.message}`).sort();
  const fromServer = [...client.diagnostics].flatMap(([uri, ds]) => ds.map((d) => `${uri} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`)).sort();
  assert.deepEqual(fromServer, fromCli);
});

test('sends an empty list for a clean file', async () => {
  await client.open(aupUri, readFileSync(path.join(EXAMPLE, 'policies/acceptable-use.md'), 'utf8'));
  await client.until(() => client.diagnostics.has(aupUri));
  assert.deepEqual(client.diagnostics.get(aupUri), []);
});

test('hover, completion, definition and references', async () => {
  const line = soaText.split('\n').indexOf('  A.5.15:');
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: soaUri }, position: { line, character: 4 } });
  assert.match(hover.contents.value, /A\.5\.15 Access control/);
  assert.match(hover.contents.value, /Intent/);
  await client.open(accessUri, accessText);
  const refLine = accessText.split('\n').findIndex((l) => l.includes('A.5.15') && !l.startsWith('controls'));
  const col = accessText.split('\n')[refLine].indexOf('A.5.15') + 2;
  const def = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri: accessUri }, position: { line: refLine, character: col } });
  assert.equal(def[0].uri, soaUri);
  assert.equal(def[0].range.start.line, line);
  const refs = await client.request<{ uri: string }[]>('textDocument/references', { textDocument: { uri: accessUri }, position: { line: refLine, character: col }, context: { includeDeclaration: true } });
  assert.ok(refs.some((r) => r.uri === soaUri) && refs.some((r) => r.uri === risksUri));
  const links = await client.request<{ target: string }[]>('textDocument/documentLink', { textDocument: { uri: accessUri } });
  assert.ok(links.some((l) => /catalogue\/A\.5\.15\.md$/.test(l.target)));
});

test('completion offers the control IDs with titles after "A." in prose, and the status values in the SoA', async () => {
  type Item = { label: string; detail?: string; textEdit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string } };
  const uri = fileUri(path.join(EXAMPLE, 'policies/completion.md'));
  const text = '# Draft\n\nAccess is reviewed under A.';
  await client.open(uri, text);
  const end = text.split('\n')[2].length;
  const prose = await client.request<Item[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: end } });
  assert.deepEqual(prose.map((i) => i.label), catalogue.controls.map((c) => c.id), 'all 93 controls, in catalogue order');
  const a515 = prose.find((i) => i.label === 'A.5.15')!;
  assert.equal(a515.detail, 'Access control');
  assert.deepEqual(a515.textEdit, { range: { start: { line: 2, character: end - 2 }, end: { line: 2, character: end } }, newText: 'A.5.15' }, 'replaces the "A." typed so far');

  const statusLine = soaText.split('\n').findIndex((l) => /^    status: /.test(l));
  const col = soaText.split('\n')[statusLine].indexOf(':') + 2;
  const values = await client.request<Item[]>('textDocument/completion', { textDocument: { uri: soaUri }, position: { line: statusLine, character: col } });
  for (const v of ['implemented', 'partial', 'planned', 'not-started']) assert.ok(values.some((i) => i.label === v), v);
  assert.ok(values.every((i) => !/^A\.\d/.test(i.label)), 'values, not control IDs');
});

test('didChange re-checks, and a change in the SoA updates a policy it affects', async () => {
  await client.open(soaUri, soaText);
  // Exclude A.5.15 with a justification: the access control policy now cites an excluded control.
  const edited = soaText.replace(/  A\.5\.15:\n(    .*\n)+/, '  A.5.15:\n    applicable: false\n    justification: Temporarily excluded for this protocol test scenario only.\n');
  assert.notEqual(edited, soaText);
  await client.change(soaUri, 2, edited);
  await client.until(() => client.codes(accessUri).includes('policy/excluded-control-cited'));
  await client.change(soaUri, 3, soaText);
  await client.until(() => !client.codes(accessUri).includes('policy/excluded-control-cited'));
});

test('code lens and a quick fix as a workspace edit', async () => {
  const lenses = await client.request<{ command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri: soaUri } });
  assert.equal(lenses.length, 93);
  assert.match(lenses[0].command.title, /^cited by \d+ polic(y|ies) · \d+ risks?$/);
  const diag = client.diagnostics.get(accessUri)!.find((d) => d.code === 'ref/legacy-control')!;
  const actions = await client.request<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', { textDocument: { uri: accessUri }, range: diag.range, context: { diagnostics: [{ ...diag, source: 'isms' }] } });
  assert.equal(actions[0].title, 'Replace with A.8.2 Privileged access rights');
  assert.equal(actions[0].edit.changes[accessUri][0].newText, 'A.8.2');
});

test('a malformed YAML document gives a diagnostic, and the server keeps answering', async () => {
  await client.change(soaUri, 4, 'controls:\n  A.5.1: [unclosed\n');
  await client.until(() => client.codes(soaUri).includes('file/syntax'));
  const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri: soaUri }, position: { line: 99, character: 99 } });
  assert.equal(hover, null);
  assert.equal(await client.request('textDocument/hover', { nonsense: true }), null, 'a malformed request gets an empty answer');
  await client.change(soaUri, 5, soaText);
  await client.until(() => !client.codes(soaUri).includes('file/syntax'));
  const binary = fileUri(path.join(EXAMPLE, 'policies/binary.md'));
  await client.open(binary, 'PK\u0003\u0004\u0000\u0000 binary');
  await client.until(() => client.codes(binary).length > 0);
  assert.deepEqual(client.codes(binary), ['file/too-large']);
});

test('a burst of 1,000 edits ends with diagnostics for the final text', async () => {
  const uri = fileUri(path.join(EXAMPLE, 'policies/burst.md'));
  const front = '---\ntitle: Burst\nowner: O\napproved-by: A\nversion: "1"\neffective: 2026-01-01\nnext-review: 2027-01-01\n---\n';
  await client.open(uri, front + 'Nothing yet.\n');
  const sends: Promise<void>[] = [];
  for (let v = 2; v <= 1001; v++) {
    // Every edit changes the number of 2013 IDs cited; only the last one counts.
    const body = Array.from({ length: v % 7 }, (_, i) => `Legacy A.9.2.${(i % 6) + 1}.`).join('\n');
    sends.push(client.change(uri, v, front + body + '\n'));
  }
  await Promise.all(sends);
  await client.until(() => client.versions.get(uri) === 1001);
  assert.deepEqual(client.codes(uri), Array(1001 % 7).fill('ref/legacy-control'));
});

test('one finding for a shared cause carries the affected entries as relatedInformation', async () => {
  // No risk register: the untraced applicable controls are one diagnostic on `controls:`.
  const dir = mkdtempSync(path.join(tmpdir(), 'isms-related-'));
  const ids = ['A.5.6', 'A.5.7', 'A.8.30'];
  const text = soaFixture(Object.fromEntries(ids.map((id) => [id, '    applicable: true\n    status: planned\n'])), 'standard: ISO/IEC 27001:2022\n');
  writeFileSync(path.join(dir, 'soa.yaml'), text);
  const other = new TestClient();
  try {
    await other.initialize(dir, {});
    const uri = fileUri(path.join(dir, 'soa.yaml'));
    await other.until(() => other.codes(uri).length > 0);
    const [d] = other.diagnostics.get(uri)! as unknown as { code: string; range: { start: { line: number } }; relatedInformation?: { location: { uri: string; range: { start: { line: number } } }; message: string }[] }[];
    assert.equal(d.code, 'soa/applicable-without-risk');
    assert.equal(d.range.start.line, text.split('\n').indexOf('controls:'));
    assert.deepEqual(d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message.split(' ')[0]]), ids.map((id) => [uri, text.split('\n').indexOf(`  ${id}:`), id]));
  } finally {
    await other.shutdown();
  }
});
