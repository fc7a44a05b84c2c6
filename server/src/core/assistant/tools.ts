// The five assistant tools (MCP server and VS Code language-model tools) as pure functions over a
// Workspace. The host loads the files, confines paths to the served folder and supplies the date;
// the answers come from the same engine as `isms-author check`, the hover and the views.
import { computeFindings, indexFor } from '../diagnostics';
import type { Severity } from '../types';
import { normaliseUri, relativePath } from '../uris';
import type { Workspace } from '../workspace';
import { controlInfo, type ControlInfo, type ScopeView } from './controlInfo';
import { ToolInputError } from './errors';
import { findingFilter, findingRecord, paginate, summary, type FindingRecord } from './records';
import { findReferences, type ReferenceRecord, type ReferenceTarget } from './references';
import { soaSummaries, type SoaSummary } from './soaSummary';
import { crossFileDependents } from '../dependents';

export { ToolInputError } from './errors';

export interface ToolHost {
  ws: Workspace;
  /** Folder URIs the tools may see; paths in answers are relative to the first that holds them. */
  roots: readonly string[];
  today: string;
  /** A path from the assistant as a URI inside a root; throws ToolInputError for anything else. */
  resolve(path: string): string;
}

/** Drafts larger than this are refused outright (the configured size limit applies below it). */
export const MAX_DRAFT_CHARS = 10_000_000;

export const TOOL_NAMES = ['check_workspace', 'check_text', 'show_control', 'soa_overview', 'find_references'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export interface FindingsPage {
  summary: Record<Severity, number>;
  total: number;
  findings: FindingRecord[];
  nextCursor?: string;
}

/** `uri` relative to `root` ("" for the root itself), or undefined when outside. */
const relativeTo = (root: string, uri: string): string | undefined => relativePath(root, uri) ?? (relativePath(root, `${uri}/`) === '' ? '' : undefined);
const under = (root: string, uri: string) => relativeTo(root, uri) !== undefined;
const fileOf = (host: ToolHost) => (uri: string) => {
  for (const root of host.roots) {
    const rel = relativeTo(root, uri);
    if (rel !== undefined) return rel;
  }
  return uri;
};

/** Each ISMS scope under the roots with its index: one per folder with its own SoA or config. */
function scopeViews(host: ToolHost): ScopeView[] {
  const file = fileOf(host);
  return host.ws.allScopes()
    .filter((s) => host.roots.some((r) => under(r, s.root)))
    .map((s) => ({ index: indexFor(host.ws, s.docs()[0].uri), scope: file(s.root), file }))
    .filter((v) => v.index.soas.length || v.index.registers.length || v.index.markdown.length);
}

export interface CheckWorkspaceInput { path?: string; codes?: string[]; minSeverity?: Severity; cursor?: string; limit?: number }

/** The findings of every ISMS file under `path` (default: everything served), in `check`'s order. */
export function checkWorkspace(host: ToolHost, input: CheckWorkspaceInput): FindingsPage {
  const keep = findingFilter(input.codes, input.minSeverity);
  let uris = host.ws.all().map((d) => d.uri).filter((u) => host.roots.some((r) => under(r, u)));
  if (input.path !== undefined && input.path !== '' && input.path !== '.') {
    const target = normaliseUri(host.resolve(input.path));
    const prefix = target.replace(/\/?$/, '/');
    uris = uris.filter((u) => u === target || u.startsWith(prefix));
    if (!uris.length) throw new ToolInputError(`There is no Markdown or YAML file at or under "${input.path}" in the served folder.`);
  }
  const all = uris.sort().flatMap((u) => computeFindings(host.ws, u, { today: host.today })).filter(keep);
  const page = paginate(all.map((f) => findingRecord(host.roots, f)), input.cursor, input.limit);
  return { summary: summary(all), total: page.total, findings: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export interface CheckTextInput { path: string; text: string; cursor?: string; limit?: number }

/** The findings for a draft, checked as the file at `path` against the workspace's SoA and register. */
export function checkText(host: ToolHost, input: CheckTextInput): FindingsPage & { file: string; kind: string } {
  if (typeof input.text !== 'string') throw new ToolInputError('text must be the full draft as a string.');
  if (input.text.length > MAX_DRAFT_CHARS) throw new ToolInputError(`The draft has ${input.text.length} characters; drafts over ${MAX_DRAFT_CHARS} are not checked. Split it into smaller documents.`);
  if (typeof input.path !== 'string' || !input.path.trim()) throw new ToolInputError('path is required: the file the draft is for, relative to the ISMS folder (for example policies/access-control.md).');
  const uri = normaliseUri(host.resolve(input.path));
  if (!/\.(md|markdown|ya?ml)$/i.test(uri)) throw new ToolInputError(`"${input.path}" is not a Markdown or YAML file; only .md, .markdown, .yaml and .yml files are checked.`);
  const draft = host.ws.fork();
  draft.set(uri, input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text, Number.MAX_SAFE_INTEGER);
  const scope = draft.scopeOf(uri);
  const kind = scope.kindOf(uri);
  // As `isms-author check FILE` does: also what the draft causes in the files that depend on it
  // (a register that drops a risk the SoA links, an SoA that excludes a control a policy cites).
  const all = computeFindings(draft, uri, { today: host.today });
  for (const d of crossFileDependents(indexFor(draft, uri), uri)) all.push(...computeFindings(draft, d.uri, { today: host.today }).filter(d.caused));
  const page = paginate(all.map((f) => findingRecord(host.roots, f)), input.cursor, input.limit);
  return { file: fileOf(host)(uri), kind, summary: summary(all), total: page.total, findings: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export function showControl(host: ToolHost, input: { id: string }): ControlInfo {
  return controlInfo(input.id, scopeViews(host));
}

export function soaOverview(host: ToolHost): { scopes: SoaSummary[] } {
  return { scopes: soaSummaries(host.ws, (root) => host.roots.some((r) => under(r, root)), fileOf(host), host.today) };
}

export interface ReferencesPage { target: ReferenceTarget; total: number; references: ReferenceRecord[]; nextCursor?: string }

export function references(host: ToolHost, input: { id: string; cursor?: string; limit?: number }): ReferencesPage {
  const found = findReferences(host.ws, input.id, scopeViews(host));
  const page = paginate(found.references, input.cursor, input.limit);
  return { target: found.target, total: page.total, references: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** Runs a tool by name; for hosts that receive the name and input as untyped data (the language server). */
export function runTool(host: ToolHost, name: string, input: unknown): unknown {
  const args = readArgs(input);
  switch (name as ToolName) {
    case 'check_workspace': return checkWorkspace(host, { path: args.string('path'), codes: args.strings('codes'), minSeverity: args.string('minSeverity') as Severity | undefined, cursor: args.string('cursor'), limit: args.number('limit') });
    case 'check_text': return checkText(host, { path: args.string('path', true)!, text: args.string('text', true)!, cursor: args.string('cursor'), limit: args.number('limit') });
    case 'show_control': return showControl(host, { id: args.string('id', true)! });
    case 'soa_overview': return soaOverview(host);
    case 'find_references': return references(host, { id: args.string('id', true)!, cursor: args.string('cursor'), limit: args.number('limit') });
    default: throw new ToolInputError(`Unknown tool "${name}"; the tools are ${TOOL_NAMES.join(', ')}.`);
  }
}

/** Typed reads of an input object, with a clear error for a missing or mistyped field. */
function readArgs(input: unknown) {
  if (input !== undefined && input !== null && (typeof input !== 'object' || Array.isArray(input))) throw new ToolInputError('The tool input must be an object.');
  const o = (input ?? {}) as Record<string, unknown>;
  const missing = (key: string) => new ToolInputError(`"${key}" is required.`);
  return {
    string(key: string, required = false): string | undefined {
      const v = o[key];
      if (v === undefined || v === null) { if (required) throw missing(key); return undefined; }
      if (typeof v !== 'string') throw new ToolInputError(`"${key}" must be a string.`);
      return v;
    },
    strings(key: string): string[] | undefined {
      const v = o[key];
      if (v === undefined || v === null) return undefined;
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new ToolInputError(`"${key}" must be a list of strings.`);
      return v as string[];
    },
    number(key: string): number | undefined {
      const v = o[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'number') throw new ToolInputError(`"${key}" must be a number.`);
      return v;
    },
  };
}
