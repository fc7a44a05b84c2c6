// The language server's isms/assistantTool request (what the VS Code language-model tools call):
// the same tools as `isms-author mcp`, on the editor's view of the workspace, over real JSON-RPC.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers';
import { EXAMPLE, fileUri, TestClient } from './lspClient';

const REQUEST = 'isms/assistantTool';
/** `result` is the tool's JSON, read field by field in each test. */
interface Answer { result?: any; error?: string }
let client: TestClient;

before(async () => { client = new TestClient(); await client.initialize(EXAMPLE, {}); });
after(async () => { await client.shutdown(); });

const tool = (name: string, input: unknown) => client.request<Answer>(REQUEST, { name, input });
const strip = (f: Record<string, unknown>) => ({ file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, severity: f.severity, code: f.code, message: f.message });

function cliFindings(): Record<string, unknown>[] {
  const r = runCli(['check', '--format', 'json', '--today', '2026-11-22'], { cwd: EXAMPLE });
  return (JSON.parse(r.out).findings as Record<string, unknown>[]).map(strip);
}

test('check_workspace over LSP equals isms-author check', async () => {
  const a = await tool('check_workspace', {});
  assert.equal(a.error, undefined);
  assert.deepEqual((a.result!.findings as Record<string, unknown>[]).map(strip), cliFindings());
});

test('check_text over LSP checks a draft without touching the editor\'s documents', async () => {
  const access = fileUri(path.join(EXAMPLE, 'policies/access-control.md'));
  await client.until(() => client.codes(access).length > 0);
  const text = readFileSync(path.join(EXAMPLE, 'policies/access-control.md'), 'utf8').replace('A.9.2.3', 'A.8.2').replace('A.5.15', 'A.5.99');
  const a = await tool('check_text', { path: 'policies/access-control.md', text });
  // A.8.2 is not in the front matter's controls list; A.5.99 is no control.
  assert.deepEqual((a.result!.findings as { code: string }[]).map((f) => f.code).sort(), ['policy/cites-unclaimed', 'ref/unknown-control']);
  // The draft lived in a copy: the file's own findings are what they were.
  const again = await tool('check_workspace', { path: 'policies/access-control.md' });
  assert.deepEqual((again.result!.findings as { code: string }[]).map((f) => f.code), ['ref/legacy-control']);
});

test('an unsaved edit in the editor is what the tools see', async () => {
  const uri = fileUri(path.join(EXAMPLE, 'policies/incident-response.md'));
  const text = readFileSync(path.join(EXAMPLE, 'policies/incident-response.md'), 'utf8');
  await client.open(uri, `${text}\nEscalation follows A.16.1.2.\n`);
  const a = await tool('check_workspace', { path: 'policies/incident-response.md' });
  assert.ok((a.result!.findings as { code: string }[]).some((f) => f.code === 'ref/legacy-control' || f.code === 'ref/mixed-edition'), JSON.stringify(a.result));
});

test('bad input is an error message, and the server keeps answering', async () => {
  assert.match((await tool('check_text', { path: '../x.md', text: '' })).error!, /contains "\.\."/);
  assert.match((await tool('check_text', { path: '/etc/x.md', text: '' })).error!, /outside the ISMS folder/);
  assert.match((await tool('check_text', { path: 'x.md', text: 42 })).error!, /"text" must be a string/);
  assert.match((await tool('show_control', { id: 'A.5.99' })).error!, /did you mean/);
  assert.match((await tool('find_references', {})).error!, /"id" is required/);
  assert.match((await tool('check_workspace', 'nonsense')).error!, /must be an object/);
  assert.match((await tool('delete_everything', {})).error!, /Unknown tool/);
  assert.equal(((await tool('show_control', { id: 'A.5.15' })).result as { title: string }).title, 'Access control');
  assert.equal(((await tool('soa_overview', {})).result as { scopes: { total: number }[] }).scopes[0].total, 93);
});
