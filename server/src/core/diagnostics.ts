// Runs every rule that applies to one document and turns raw findings into Findings with a
// range and the configured severity, honouring inline suppression comments.
import { DIAGNOSTICS, type DiagnosticCode } from './codes';
import { checkMarkdownOnItsOwn, checkPolicyAgainstSoa, checkPolicyOnItsOwn } from './rules/policyRules';
import { checkRiskRegister } from './rules/riskRules';
import { checkSoa } from './rules/soaRules';
import { checkVersionBumped } from './rules/versionRule';
import type { RawFinding, RawRelated, RuleContext } from './rules/context';
import { scopeIndex, type ScopeIndex } from './scopeIndex';
import type { Finding, RelatedLocation, Severity } from './types';
import type { Doc, Workspace } from './workspace';

export interface CheckOptions {
  /** YYYY-MM-DD; defaults to the host's clock. */
  today?: string;
}

export function todayIso(): string { return new Date().toISOString().slice(0, 10); }

export function indexFor(ws: Workspace, uri: string): ScopeIndex {
  const scope = ws.scopeOf(uri);
  return scopeIndex(scope, (u) => ws.exists(u), ws.generationKey(scope));
}

export function computeFindings(ws: Workspace, uri: string, options: CheckOptions = {}): Finding[] {
  const doc = ws.get(uri);
  if (!doc) return [];
  const scope = ws.scopeOf(doc.uri);
  const index = indexFor(ws, doc.uri);
  const config = scope.config;
  const raw: RawFinding[] = [];
  const ctx: RuleContext = {
    doc, index, config, today: options.today ?? todayIso(),
    modified: (u) => ws.modified(u),
    baseline: (u) => ws.baseline(u),
    enabled: (code) => (config.severity[code] ?? DIAGNOSTICS[code].severity) !== 'off',
    report: (code, span, message, data, extras) => raw.push({ code, span, message, data, ...extras }),
  };
  const model = scope.model(doc);
  switch (model.kind) {
    case 'skipped':
      ctx.report('file/too-large', { start: 0, end: 0 }, model.reason === 'binary'
        ? 'This file holds binary data, not text; it was not checked.'
        : `This file is larger than the limit of ${config.limits.maxFileSize} characters (limits.max-file-size in isms.config.yaml); it was not checked.`);
      break;
    case 'soa': {
      for (const e of model.soa.errors) ctx.report('file/syntax', e.span, `YAML: ${e.message}`);
      const file = index.soaFile(doc.uri);
      if (file) checkSoa(ctx, file);
      break;
    }
    case 'risks': {
      for (const e of model.register.errors) ctx.report('file/syntax', e.span, `YAML: ${e.message}`);
      const file = index.registerFile(doc.uri);
      if (file) checkRiskRegister(ctx, file);
      break;
    }
    case 'policy': {
      const file = index.markdownFile(doc.uri);
      if (!file) break;
      // A change in the SoA re-checks the policies citing a control it excluded or included;
      // what they find on their own stays the same for this version, configuration and day.
      raw.push(...doc.remember('policy-on-its-own', [config, ctx.today], () => collect(ctx, (c) => checkPolicyOnItsOwn(c, file))));
      checkPolicyAgainstSoa(ctx, file);
      checkVersionBumped(ctx, file);
      break;
    }
    case 'markdown': {
      // Outside the \`policies\` globs: references and content, no policy/* rules.
      const file = index.markdownFile(doc.uri);
      if (file) raw.push(...doc.remember('markdown-on-its-own', [config, ctx.today], () => collect(ctx, (c) => checkMarkdownOnItsOwn(c, file))));
      break;
    }
    case 'config':
      for (const e of model.config.errors) ctx.report('file/syntax', e.span, `YAML: ${e.message}`);
      for (const p of model.config.problems) ctx.report('config/invalid', p.span, p.message);
      break;
  }
  return finish(doc, raw, config.severity, (u) => ws.get(u));
}

/** The raw findings of `rules`, run with the same context but their own report. */
function collect(ctx: RuleContext, rules: (ctx: RuleContext) => void): RawFinding[] {
  const raw: RawFinding[] = [];
  rules({ ...ctx, report: (code, span, message, data, extras) => raw.push({ code, span, message, data, ...extras }) });
  return raw;
}

function finish(doc: Doc, raw: RawFinding[], overrides: Partial<Record<DiagnosticCode, string>>, docOf: (uri: string) => Doc | undefined): Finding[] {
  const suppressed = suppressions(doc);
  const out: Finding[] = [];
  for (const f of raw) {
    const setting = overrides[f.code] ?? DIAGNOSTICS[f.code].severity;
    if (setting === 'off') continue;
    const range = doc.lines.range(f.span);
    if (isSuppressed(suppressed, f.code, range.start.line)) continue;
    const related = f.related && relatedLocations(doc, f.code, f.related, suppressed, docOf);
    out.push({
      code: f.code, severity: f.severity ?? (setting as Severity), message: f.message, uri: doc.uri, range,
      ...(f.data ? { data: f.data } : {}), ...(related?.length ? { related } : {}),
    });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}

/**
 * Ranges for a finding's related places. A related place on a line that suppresses the code (in
 * the document checked) is left out, so one entry of a shared cause can be accepted on its own.
 */
function relatedLocations(doc: Doc, code: string, related: RawRelated[], suppressed: Suppressions, docOf: (uri: string) => Doc | undefined): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const r of related) {
    const target = r.uri === undefined || r.uri === doc.uri ? doc : docOf(r.uri);
    if (!target) continue;
    const range = target.lines.range(r.span);
    if (target === doc && isSuppressed(suppressed, code, range.start.line)) continue;
    out.push({ uri: target.uri, range, message: r.message });
  }
  return out;
}

interface Suppressions { file: Set<string> | 'all' | undefined; lines: Map<number, Set<string> | 'all'> }

const SUPPRESS = /(?:<!--|#)\s*isms-disable(-file|-next-line|-line)?\b([^\n]*?)(?:-->|$)/gm;

/**
 * `<!-- isms-disable code -->` or `# isms-disable code` suppresses the codes (all when none are
 * named) on its own line and the next; `isms-disable-file` for the whole file.
 */
function suppressions(doc: Doc): Suppressions {
  const result: Suppressions = { file: undefined, lines: new Map() };
  if (!doc.text.includes('isms-disable')) return result;
  for (const m of doc.text.matchAll(SUPPRESS)) {
    const codes = m[2].split(/[\s,]+/).filter((c) => c.includes('/'));
    const value: Set<string> | 'all' = codes.length ? new Set(codes) : 'all';
    if (m[1] === '-file') { result.file = value; continue; }
    const line = doc.lines.position(m.index).line;
    for (const l of [line, line + 1]) result.lines.set(l, merge(result.lines.get(l), value));
  }
  return result;
}

const merge = (a: Set<string> | 'all' | undefined, b: Set<string> | 'all'): Set<string> | 'all' =>
  a === 'all' || b === 'all' ? 'all' : new Set([...(a ?? []), ...b]);

function isSuppressed(s: Suppressions, code: string, line: number): boolean {
  const hit = (v: Set<string> | 'all' | undefined) => v === 'all' || (v !== undefined && v.has(code));
  return hit(s.file) || hit(s.lines.get(line));
}
