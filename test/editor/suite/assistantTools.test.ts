// Language-model tools: the five ISMS tools are registered with vscode.lm (VS Code 1.95+), and
// invoking check_text through vscode.lm.invokeTool returns the findings for a draft, checked
// against the workspace's SoA. The tools API is newer than the minimum VS Code (1.91) and
// @types/vscode, so its shape is declared here; on an older editor these tests are skipped.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, file, ourDiagnostics, until, whenLoaded } from './helpers';

interface ToolInfo { name: string; inputSchema?: { properties?: Record<string, unknown> } }
interface ToolResult { content: unknown[] }
interface LmTools {
  tools: readonly ToolInfo[];
  invokeTool(name: string, options: { input: object; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<ToolResult>;
}
const lm = (vscode as unknown as { lm?: Partial<LmTools> }).lm;
const hasToolsApi = () => !!lm && Array.isArray(lm.tools) && typeof lm.invokeTool === 'function';

const TOOLS = ['isms_check_workspace', 'isms_check_text', 'isms_show_control', 'isms_soa_overview', 'isms_find_references'];
const SETTING = 'isms.assistantTools.enabled';

/** The JSON the tool returned as its text part. */
function json(result: ToolResult): { findings?: { file: string; line: number; code: string; severity: string }[]; [k: string]: unknown } {
  const text = result.content.map((p) => (p && typeof p === 'object' && 'value' in p ? String((p as { value: unknown }).value) : '')).join('');
  return JSON.parse(text);
}
const invoke = (name: string, input: object) => lm!.invokeTool!(name, { input, toolInvocationToken: undefined });
const registered = () => new Set((lm?.tools ?? []).map((t) => t.name));

const DRAFT = [
  '---',
  'title: Remote working policy',
  'owner: IT Manager',
  'approved-by: Chief Executive Officer',
  'version: "0.1"',
  'effective: 2026-12-01',
  'next-review: 2027-12-01',
  'controls: [A.6.7]',
  '---',
  '# Remote working policy',
  '',
  'Staff who work remotely follow A.6.7 and the access rules of A.9.2.3.',
  'Laptops are encrypted as control A.8.99 requires.',
  'Physical entry to the co-working space follows A.7.6.',
  '',
].join('\n');

describe('language-model tools', function () {
  before(async function () {
    await activate();
    if (!hasToolsApi()) { this.skip(); return; }
    await whenLoaded();
    // Outside a chat session VS Code asks for confirmation in a modal dialog, which a test
    // cannot answer; the runner's profile auto-approves tools (chat.tools.global.autoApprove).
  });

  it('registers the five ISMS tools with their input schemas', async () => {
    const names = await until(() => (TOOLS.every((t) => registered().has(t)) ? registered() : undefined), `the tools ${TOOLS.join(', ')} in vscode.lm.tools (have ${[...registered()].filter((n) => n.startsWith('isms')).join(', ') || 'none'}; chat.disableAIFeatures=${vscode.workspace.getConfiguration().get('chat.disableAIFeatures')})`);
    for (const t of TOOLS) assert.ok(names.has(t), t);
    const checkText = lm!.tools!.find((t) => t.name === 'isms_check_text');
    assert.deepEqual(Object.keys(checkText?.inputSchema?.properties ?? {}).sort(), ['cursor', 'limit', 'path', 'text']);
  });

  it('check_text through vscode.lm.invokeTool returns the findings of a draft, with the SoA as context', async () => {
    const result = json(await invoke('isms_check_text', { path: 'policies/remote-working.md', text: DRAFT }));
    assert.deepEqual(result.findings?.map((f) => `${f.file}:${f.line} ${f.severity} ${f.code}`), [
      'policies/remote-working.md:12 warning ref/legacy-control',
      'policies/remote-working.md:13 error ref/unknown-control',
      'policies/remote-working.md:14 info policy/cites-unclaimed',
      'policies/remote-working.md:14 warning policy/excluded-control-cited',
    ]);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(file('policies/remote-working.md'))), 'the draft is not saved');
  });

  it('check_workspace returns what the Problems panel shows', async () => {
    // Earlier tests edit and save files (the quick fix on A.9.2.3): compare with the live
    // diagnostics, asking again until the server has published everything.
    let last: string[] = [];
    // Only the workspace folder is the tool's: an earlier test's import wrote outside it.
    const panel = () => ourDiagnostics().filter((d) => !/^[a-z][\w+.-]*:\/\//.test(d));
    try {
      await until(async () => {
        const result = json(await invoke('isms_check_workspace', {}));
        last = (result.findings ?? []).map((f) => `${f.file}:${f.line} ${f.code}`).sort();
        return last.length && JSON.stringify(last) === JSON.stringify(panel()) ? true : undefined;
      }, 'check_workspace to equal the Problems panel');
    } catch (e) {
      throw new Error(`${(e as Error).message}: tool ${JSON.stringify(last)}, panel ${JSON.stringify(panel())}`);
    }
  });

  it('bad input is a tool error the model can read', async () => {
    await assert.rejects(Promise.resolve(invoke('isms_check_text', { path: '../outside.md', text: '# x' })), /contains "\.\."/);
    await assert.rejects(Promise.resolve(invoke('isms_show_control', { id: 'A.5.99' })), /did you mean/);
  });

  it('the setting isms.assistantTools.enabled turns the tools off and on', async () => {
    const config = vscode.workspace.getConfiguration();
    try {
      await config.update(SETTING, false, vscode.ConfigurationTarget.Global);
      // Off means: gone from vscode.lm.tools, or no longer answering.
      await until(async () => {
        if (!registered().has('isms_check_text')) return true;
        try { await invoke('isms_soa_overview', {}); return undefined; } catch { return true; }
      }, 'the tools to go away after the setting was turned off');
    } finally {
      await config.update(SETTING, undefined, vscode.ConfigurationTarget.Global);
    }
    await until(async () => {
      if (!registered().has('isms_check_text')) return undefined;
      try { return json(await invoke('isms_show_control', { id: 'A.5.15' })).title === 'Access control' ? true : undefined; } catch { return undefined; }
    }, 'the tools to come back after the setting was turned on');
  });
});
