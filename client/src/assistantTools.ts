// The five assistant tools as VS Code language-model tools, for agent mode in chat: the same
// tools as `isms-author mcp`, answered by the language server (isms/assistantTool) on the
// editor's view of the workspace. Each says in its confirmation what it reads; none writes.
//
// The tools API arrived in VS Code 1.95 and the extension supports 1.91, so it is looked up at
// run time (and typed here, since @types/vscode follows the minimum version): on an older
// editor the tools are simply not registered. The setting isms.assistantTools.enabled turns
// them off; the manifest hides them with the same setting.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ASSISTANT_TOOL_REQUEST, type AssistantToolParams, type AssistantToolResult } from './protocol';

export const TOOL_NAMES = ['check_workspace', 'check_text', 'show_control', 'soa_overview', 'find_references'] as const;
type ToolName = (typeof TOOL_NAMES)[number];
export const SETTING = 'isms.assistantTools.enabled';

/** The part of the 1.95 tools API used here. */
interface ToolInvocationOptions { input: Record<string, unknown> }
interface PreparedInvocation { invocationMessage?: string; confirmationMessages?: { title: string; message: string | vscode.MarkdownString } }
interface LanguageModelTool {
  invoke(options: ToolInvocationOptions, token: vscode.CancellationToken): Promise<unknown>;
  prepareInvocation?(options: ToolInvocationOptions, token: vscode.CancellationToken): PreparedInvocation;
}
interface ToolsApi {
  registerTool(name: string, tool: LanguageModelTool): vscode.Disposable;
  LanguageModelToolResult: new (content: unknown[]) => unknown;
  LanguageModelTextPart: new (value: string) => unknown;
}

function toolsApi(): ToolsApi | undefined {
  const api = vscode as unknown as { lm?: { registerTool?: ToolsApi['registerTool'] }; LanguageModelToolResult?: ToolsApi['LanguageModelToolResult']; LanguageModelTextPart?: ToolsApi['LanguageModelTextPart'] };
  const registerTool = api.lm?.registerTool;
  if (typeof registerTool !== 'function' || !api.LanguageModelToolResult || !api.LanguageModelTextPart) return undefined;
  return { registerTool: registerTool.bind(api.lm), LanguageModelToolResult: api.LanguageModelToolResult, LanguageModelTextPart: api.LanguageModelTextPart };
}

/** Registers the tools while the setting is on; follows changes of the setting. */
export function registerAssistantTools(client: LanguageClient, started: Promise<void>, output: vscode.LogOutputChannel): vscode.Disposable {
  const api = toolsApi();
  if (!api) {
    output.info(`Language-model tools need VS Code 1.95 or later (this is ${vscode.version}); they are not registered.`);
    return new vscode.Disposable(() => undefined);
  }
  let registered: vscode.Disposable[] = [];
  const update = () => {
    const enabled = vscode.workspace.getConfiguration().get<boolean>(SETTING, true);
    if (enabled && !registered.length) registered = TOOL_NAMES.map((name) => api.registerTool(`isms_${name}`, tool(api, name, client, started)));
    if (!enabled && registered.length) { for (const d of registered) d.dispose(); registered = []; }
  };
  update();
  const watcher = vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SETTING)) update(); });
  return new vscode.Disposable(() => { watcher.dispose(); for (const d of registered) d.dispose(); registered = []; });
}

function tool(api: ToolsApi, name: ToolName, client: LanguageClient, started: Promise<void>): LanguageModelTool {
  return {
    prepareInvocation: (options) => {
      const { title, reads } = describe(name, options.input ?? {});
      return { invocationMessage: `${title}…`, confirmationMessages: { title, message: new vscode.MarkdownString(`${reads}\n\nNothing is written.`) } };
    },
    invoke: async (options, token) => {
      await started;
      const params: AssistantToolParams = { name, input: options.input ?? {} };
      const answer = await client.sendRequest<AssistantToolResult>(ASSISTANT_TOOL_REQUEST, params, token);
      // VS Code hands a thrown error's message to the model, which can then correct its input.
      if (answer.error !== undefined) throw new Error(answer.error);
      return new api.LanguageModelToolResult([new api.LanguageModelTextPart(JSON.stringify(answer.result))]);
    },
  };
}

const folderNames = () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.name).join(', ') || 'the workspace';
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 120) : undefined);

/** What a call reads, in words, for the confirmation the user sees before it runs. */
function describe(name: ToolName, input: Record<string, unknown>): { title: string; reads: string } {
  switch (name) {
    case 'check_workspace': {
      const where = text(input.path) ? `\`${text(input.path)}\` in ${folderNames()}` : `the ISMS files of ${folderNames()}`;
      return { title: 'Check the ISMS workspace', reads: `Reads ${where} (policies in Markdown, the Statement of Applicability and the risk register) and lists ISMS Author's findings.` };
    }
    case 'check_text': {
      const lines = typeof input.text === 'string' ? input.text.split('\n').length : 0;
      return { title: 'Check a draft', reads: `Checks a ${lines}-line draft as if it were \`${text(input.path) ?? '(no path)'}\`, against the SoA and risk register of ${folderNames()}. Reads those files; the draft is not saved.` };
    }
    case 'show_control':
      return { title: `Show control ${text(input.id) ?? ''}`.trim(), reads: `Reads ISMS Author's built-in catalogue entry for \`${text(input.id) ?? '(no ID)'}\` and, from ${folderNames()}, its SoA entry, linked risks and the policies that cite it.` };
    case 'soa_overview':
      return { title: 'Summarise the SoA', reads: `Reads the Statement of Applicability, risk register and policies of ${folderNames()} and counts controls per theme and state.` };
    case 'find_references':
      return { title: `Find references to ${text(input.id) ?? ''}`.trim(), reads: `Searches the policies, Statement of Applicability and risk register of ${folderNames()} for \`${text(input.id) ?? '(no ID)'}\`.` };
  }
}
