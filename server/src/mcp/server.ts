// `isms-author mcp [dir]`: a Model Context Protocol server over stdio for AI assistants. Five
// read-only tools over the ISMS at `dir` (the same engine and findings as `isms-author check`)
// and the catalogue pages as resources. It writes no file, opens no network connection, and
// reads nothing outside `dir` except its own catalogue pages.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { catalogue } from '../core/catalogue';
import { ToolInputError } from '../core/assistant/errors';
import { checkText, checkWorkspace, references, showControl, soaOverview, type ToolHost } from '../core/assistant/tools';
import { todayIso } from '../core/diagnostics';
import { openServedFolder } from '../host/servedFolder';
import { inputs, outputs } from './schemas';

export interface McpOptions { dir: string; version: string; catalogueDir: string; today?: string }

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

const DESCRIPTIONS = {
  check_workspace: 'Checks the ISMS files (policies, Statement of Applicability, risk register) and returns the findings with file, line, column, severity, code and message: the same as `isms-author check`. Paginated.',
  check_text: 'Checks a draft before it is written: the text is checked as if it were the file at `path`, against this workspace\'s SoA and risk register. Call it on every policy, SoA or risk register text you are about to write, and fix what it reports.',
  show_control: 'Facts about an ISO/IEC 27001:2022 Annex A control (title, theme, attributes, 2013 predecessors), implementation guidance, and this workspace\'s SoA entry, linked risks and citing policies. A 2013 ID answers with its 2022 successors; a clause number with what the clause requires.',
  soa_overview: 'The Statement of Applicability at a glance: counts per theme and state, excluded controls without a valid justification, applicable controls without a risk, undecided and missing controls.',
  find_references: 'Every policy line, SoA entry and risk that cites a control (2022 or 2013 ID), or that links or mentions a risk ID. Paginated.',
} as const;

export async function runMcpServer(opts: McpOptions): Promise<void> {
  const folder = await openServedFolder(opts.dir);
  const server = new McpServer(
    { name: 'isms-author', version: opts.version },
    { instructions: `ISMS Author serves the ISO/IEC 27001 ISMS in ${folder.root} read-only. Before writing a policy, SoA or risk register change, check the draft with check_text; use show_control for what a control asks and whether this organisation applies it.` },
  );
  const host = async (): Promise<ToolHost> => {
    await folder.sync();
    return { ws: folder.ws, roots: [folder.rootUri], today: opts.today ?? todayIso(), resolve: folder.resolve };
  };
  // One call at a time: each re-reads the folder into the same workspace.
  let queue: Promise<unknown> = Promise.resolve();
  const answer = (run: (h: ToolHost) => object) => {
    const next = queue.then(() => answerNow(run));
    queue = next.catch(() => undefined);
    return next;
  };
  const answerNow = async (run: (h: ToolHost) => object) => {
    try {
      const result = run(await host());
      return { content: [{ type: 'text' as const, text: JSON.stringify(result) }], structuredContent: result as Record<string, unknown> };
    } catch (e) {
      const message = e instanceof ToolInputError ? e.message : `Internal error: ${e instanceof Error ? e.message : String(e)}`;
      if (!(e instanceof ToolInputError)) process.stderr.write(`isms-author mcp: ${e instanceof Error ? e.stack : String(e)}\n`);
      return { content: [{ type: 'text' as const, text: message }], isError: true };
    }
  };
  const tool = <I extends object, O extends object>(name: keyof typeof DESCRIPTIONS, title: string, input: I, output: O, run: (h: ToolHost, args: never) => object) =>
    server.registerTool(name, { title, description: DESCRIPTIONS[name], inputSchema: input as never, outputSchema: output as never, annotations: { title, ...READ_ONLY } },
      ((args: never) => answer((h) => run(h, args))) as never);
  tool('check_workspace', 'Check the ISMS workspace', inputs.check_workspace, outputs.check_workspace, checkWorkspace);
  tool('check_text', 'Check a draft before writing it', inputs.check_text, outputs.check_text, checkText);
  tool('show_control', 'Show a control', inputs.show_control, outputs.show_control, showControl);
  tool('soa_overview', 'SoA overview', inputs.soa_overview, outputs.soa_overview, (h) => soaOverview(h));
  tool('find_references', 'Find references', inputs.find_references, outputs.find_references, references);
  await registerCataloguePages(server, opts.catalogueDir);

  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => { transport.onclose = () => resolve(); process.stdin.on('end', () => resolve()); });
  await server.connect(transport);
  await closed;
  await server.close().catch(() => undefined);
}

/** Every readable catalogue page (dist/catalogue/*.md) as `isms://catalogue/<id>`. */
async function registerCataloguePages(server: McpServer, dir: string): Promise<void> {
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.md'));
  const ids = new Set(files.map((f) => f.slice(0, -3)));
  const titleOf = (id: string) => id.startsWith('clause-')
    ? `Clause ${id.slice(7)} ${catalogue.clause(id.slice(7))?.title ?? ''}`.trim()
    : `${id} ${catalogue.control(id)?.title ?? catalogue.legacyControl(id)?.title ?? ''}`.trim();
  const uriOf = (id: string) => `isms://catalogue/${id}`;
  server.registerResource('catalogue', new ResourceTemplate('isms://catalogue/{id}', {
    list: () => ({ resources: [...ids].sort(byCatalogueOrder).map((id) => ({ uri: uriOf(id), name: titleOf(id), mimeType: 'text/markdown' })) }),
    complete: { id: (value) => [...ids].filter((id) => id.startsWith(value)).slice(0, 100) },
  }), {
    title: 'ISO/IEC 27001 catalogue page',
    description: 'A control (2022 or 2013) or clause: facts, attributes and this project\'s guidance, as Markdown.',
    mimeType: 'text/markdown',
  }, async (uri, variables) => {
    const id = String(Array.isArray(variables.id) ? variables.id[0] : variables.id);
    // Only names from the listing: a crafted ID cannot reach another file.
    if (!ids.has(id)) throw new McpError(ErrorCode.InvalidParams, `No catalogue page "${id}"; pages are named like isms://catalogue/A.5.15, isms://catalogue/A.9.2.3 or isms://catalogue/clause-6.1.3.`);
    return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: await fs.readFile(path.join(dir, `${id}.md`), 'utf8') }] };
  });
}

/** 2022 controls in catalogue order, then clauses, then 2013 controls. */
function byCatalogueOrder(a: string, b: string): number {
  const rank = (id: string) => (catalogue.control(id) ? 0 : id.startsWith('clause-') ? 1 : 2);
  return rank(a) - rank(b) || catalogue.order(a) - catalogue.order(b) || a.localeCompare(b, 'en', { numeric: true });
}
