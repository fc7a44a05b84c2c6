// The core's facade: one object of bound methods over a Workspace, taking positions and
// returning plain LSP-shaped data. Hosts (the language server, the CLI, tests) inject only the
// catalogue page locator and the clock; the core never touches files or the network.
import { computeFindings, todayIso } from './diagnostics';
import { featureContext } from './features/context';
import { complete, type CompletionEntry } from './features/completion';
import { hover, type HoverResult } from './features/hover';
import { definition, documentLinks, references, type CataloguePage } from './features/navigation';
import { quickFixes, type QuickFix } from './features/codeActions';
import { codeLenses, documentSymbols, workspaceSymbols, type SymbolEntry } from './features/symbols';
import type { Finding, Position, Range, Span } from './types';
import { LineIndex } from './text';
import { Workspace, type Doc } from './workspace';

export interface ServiceOptions {
  cataloguePage?: CataloguePage;
  /** Today's date as YYYY-MM-DD; injectable so tests are stable. */
  today?: () => string;
}

export interface RangeLocation { uri: string; range: Range }
export type RangedSymbol = Omit<SymbolEntry, 'children'> & { range: Range; selectionRange: Range; children?: RangedSymbol[] };

export function createIsmsService(options: ServiceOptions = {}, workspace = new Workspace()) {
  const page: CataloguePage = options.cataloguePage ?? (() => undefined);
  const today = options.today ?? todayIso;
  const ctxAt = (uri: string, pos?: Position) => {
    const ctx = featureContext(workspace, uri);
    return ctx ? { ctx, offset: pos ? ctx.doc.lines.offset(pos) : 0 } : undefined;
  };
  const toRange = (doc: Doc, span: Span) => doc.lines.range(span);
  const locate = (uri: string, span: Span): RangeLocation => {
    const doc = workspace.get(uri);
    return { uri, range: doc ? doc.lines.range(span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  };
  const symbolsWithRanges = (doc: Doc | undefined, list: SymbolEntry[]): RangedSymbol[] =>
    list.map((s): RangedSymbol => {
      const d = s.uri ? workspace.get(s.uri) : doc;
      return { ...s, range: d ? toRange(d, s.span) : locate('', s.span).range, selectionRange: d ? toRange(d, s.selection) : locate('', s.span).range, children: s.children ? symbolsWithRanges(d, s.children) : undefined };
    });

  return Object.freeze({
    workspace,
    check: (uri: string): Finding[] => computeFindings(workspace, uri, { today: today() }),
    hover: (uri: string, pos: Position): HoverResult | undefined => {
      const at = ctxAt(uri, pos);
      return at && hover(at.ctx, at.offset);
    },
    complete: (uri: string, pos: Position): (CompletionEntry & { range: Range })[] => {
      const at = ctxAt(uri, pos);
      return at ? complete(at.ctx, at.offset).map((c) => ({ ...c, range: toRange(at.ctx.doc, c.replace) })) : [];
    },
    links: (uri: string) => {
      const at = ctxAt(uri);
      return at ? documentLinks(at.ctx, page).map((l) => ({ ...l, range: toRange(at.ctx.doc, l.span) })) : [];
    },
    definition: (uri: string, pos: Position): RangeLocation[] => {
      const at = ctxAt(uri, pos);
      return at ? definition(at.ctx, at.offset, page).map((l) => locate(l.uri, l.span)) : [];
    },
    references: (uri: string, pos: Position, includeDeclaration = true): RangeLocation[] => {
      const at = ctxAt(uri, pos);
      return at ? references(at.ctx, at.offset, includeDeclaration).map((l) => locate(l.uri, l.span)) : [];
    },
    documentSymbols: (uri: string) => {
      const at = ctxAt(uri);
      return at ? symbolsWithRanges(at.ctx.doc, documentSymbols(at.ctx)) : [];
    },
    workspaceSymbols: (query: string) => symbolsWithRanges(undefined, workspaceSymbols(workspace, query)),
    codeLenses: (uri: string) => {
      const at = ctxAt(uri);
      return at ? codeLenses(at.ctx).map((l) => ({ range: toRange(at.ctx.doc, l.span), title: l.title, locations: l.locations.map((x) => locate(x.uri, x.span)) })) : [];
    },
    quickFixes: (uri: string, diagnostics: Pick<Finding, 'code' | 'range' | 'data'>[]) => {
      const at = ctxAt(uri);
      if (!at) return [];
      return quickFixes(at.ctx, diagnostics).map((f: QuickFix) => ({
        ...f,
        edits: f.edits.map((e) => ({ uri: e.uri, newText: e.newText, range: locate(e.uri, e.span).range })),
        select: f.select && selectionAfter(workspace, f),
      }));
    },
  });
}

/** The fix's selection is given in the text as it reads after the fix; convert it there. */
function selectionAfter(ws: Workspace, fix: QuickFix): RangeLocation | undefined {
  const select = fix.select;
  const doc = select && ws.get(select.uri);
  if (!select || !doc) return undefined;
  let text = doc.text;
  for (const e of fix.edits.filter((x) => x.uri === select.uri).sort((a, b) => b.span.start - a.span.start)) {
    text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  }
  return { uri: select.uri, range: new LineIndex(text).range(select.span) };
}

export type IsmsService = ReturnType<typeof createIsmsService>;
