// Output formats of `isms-author check`: text (human), json, sarif (code scanning), github
// (workflow annotations). All take the same findings; none re-implements a rule.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIAGNOSTICS, DIAGNOSTIC_CODES } from '../core/codes';
import type { Finding, Severity } from '../core/types';

export type Format = 'text' | 'json' | 'sarif' | 'github';
export const FORMATS: Format[] = ['text', 'json', 'sarif', 'github'];

export interface Report { findings: Finding[]; cwd: string; color: boolean; version: string }

const rel = (cwd: string, uri: string) => {
  const p = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  return path.relative(cwd, p).split(path.sep).join('/') || p;
};

export function counts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

const COLOR: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

const at = (cwd: string, uri: string, range: Finding['range']) => `${rel(cwd, uri)}:${range.start.line + 1}:${range.start.character + 1}`;

/** Related places listed under a finding in text and annotations; JSON and SARIF carry them all. */
const MAX_RELATED_LINES = 20;

function relatedLines(r: Report, f: Finding): string[] {
  const related = f.related ?? [];
  const lines = related.slice(0, MAX_RELATED_LINES).map((x) => `- ${at(r.cwd, x.uri, x.range)}: ${x.message}`);
  if (related.length > MAX_RELATED_LINES) lines.push(`- and ${related.length - MAX_RELATED_LINES} more (all of them in --format json or sarif)`);
  return lines;
}

export function formatText(r: Report, quiet: boolean): string {
  const lines = r.findings.flatMap((f) => {
    const loc = at(r.cwd, f.uri, f.range);
    const head = r.color ? `${loc} ${COLOR[f.severity]}${f.severity}${RESET} ${DIM}${f.code}${RESET} ${f.message}` : `${loc} ${f.severity} ${f.code} ${f.message}`;
    // Related places are indented and have no severity, so the $isms problem matcher skips them.
    return [head, ...relatedLines(r, f).map((l) => `  ${l}`)];
  });
  if (!quiet || r.findings.length) {
    const c = counts(r.findings);
    const total = r.findings.length;
    lines.push(total === 0 ? 'No problems found.' : `${total} problem${total === 1 ? '' : 's'} (${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} info, ${c.hint} hint${c.hint === 1 ? '' : 's'})`);
  }
  // --quiet with nothing to print prints nothing, not an empty line.
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function formatJson(r: Report): string {
  return JSON.stringify({
    version: r.version,
    summary: counts(r.findings),
    findings: r.findings.map((f) => ({
      file: rel(r.cwd, f.uri), uri: f.uri,
      line: f.range.start.line + 1, column: f.range.start.character + 1,
      endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1,
      severity: f.severity, code: f.code, message: f.message, data: f.data ?? {},
      related: (f.related ?? []).map((x) => ({
        file: rel(r.cwd, x.uri), uri: x.uri, line: x.range.start.line + 1, column: x.range.start.character + 1,
        endLine: x.range.end.line + 1, endColumn: x.range.end.character + 1, message: x.message,
      })),
    })),
  }, null, 2) + '\n';
}

const sarifRegion = (range: Finding['range']) => ({ startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 });

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(r: Report): string {
  const rules = DIAGNOSTIC_CODES.map((code) => ({
    id: code,
    name: code.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: DIAGNOSTICS[code].help },
    fullDescription: { text: DIAGNOSTICS[code].help },
    help: { text: `${DIAGNOSTICS[code].help} Configure its severity under \`severity:\` in isms.config.yaml or suppress it with an isms-disable comment.`, markdown: `${DIAGNOSTICS[code].help}\n\nConfigure its severity under \`severity:\` in \`isms.config.yaml\`, or suppress one occurrence with \`<!-- isms-disable ${code} -->\` (Markdown) or \`# isms-disable ${code}\` (YAML).` },
    defaultConfiguration: { level: SARIF_LEVEL[DIAGNOSTICS[code].severity] },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'isms-author', version: r.version, informationUri: 'https://example.invalid/isms-author', rules } },
      columnKind: 'utf16CodeUnits',
      results: r.findings.map((f) => ({
        ruleId: f.code,
        ruleIndex: DIAGNOSTIC_CODES.indexOf(f.code as never),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: rel(r.cwd, f.uri), uriBaseId: '%SRCROOT%' },
            region: sarifRegion(f.range),
          },
        }],
        ...(f.related?.length ? {
          relatedLocations: f.related.map((x, i) => ({
            id: i + 1,
            physicalLocation: { artifactLocation: { uri: rel(r.cwd, x.uri), uriBaseId: '%SRCROOT%' }, region: sarifRegion(x.range) },
            message: { text: x.message },
          })),
        } : {}),
      })),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

const GH_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
const ghEscape = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string) => ghEscape(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Annotations have one place each: the related places go into the message, one per line. */
const ghMessage = (r: Report, f: Finding) => [f.message, ...relatedLines(r, f)].join('\n');

export function formatGithub(r: Report): string {
  return r.findings.map((f) => `::${GH_LEVEL[f.severity]} file=${ghProp(rel(r.cwd, f.uri))},line=${f.range.start.line + 1},col=${f.range.start.character + 1},endLine=${f.range.end.line + 1},endColumn=${f.range.end.character + 1},title=${ghProp(f.code)}::${ghEscape(ghMessage(r, f))}`).join('\n') + (r.findings.length ? '\n' : '');
}
