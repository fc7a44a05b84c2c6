// isms-author: the command-line checker, scaffolder, exporter and importer.
// Exit codes: 0 clean, 1 findings at or above the failing severity, 2 usage or internal error.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { todayIso } from '../core/diagnostics';
import type { Severity } from '../core/types';
import { VERSION } from '../host/buildInfo';
import { checkDate, joinDashedValues, parseArgsMessage, shown, systemErrorMessage, USAGE, wantsHelp, wholeNumber } from './args';
import { runCheck, UsageError } from './check';
import { counts, formatGithub, formatJson, formatSarif, formatText, FORMATS, type Format } from './formats';
import { runInit } from './init';
import { renderControl } from './show';

const HELP = `isms-author ${VERSION}: checks an ISO/IEC 27001:2022 ISMS kept as files.

Usage:
  isms-author check [paths...] [--format text|json|sarif|github] [--fail-on error|warning]
                    [--max-warnings N] [--config FILE] [--quiet] [--today YYYY-MM-DD] [-o FILE]
                    [--no-cache] [--staged]
  isms-author init [dir]
  isms-author export soa [dir] --format csv|xlsx|html|md [-o FILE]
  isms-author import soa|risks FILE.csv|FILE.xlsx|FILE.md [-o FILE.yaml] [--force] [--dry-run]
                    [--map "Column name=field"]...
  isms-author publish [dir] -o OUT [--guidance] [--pdf] [--today YYYY-MM-DD]
  isms-author show <control ID or clause>   e.g. A.5.15, A.9.2.3, 6.1.3
  isms-author mcp [dir] [--today YYYY-MM-DD]  MCP server over stdio for AI assistants (read-only)

Run isms-author <command> --help for a command's options.
Exit codes: 0 no findings at the failing severity, 1 findings, 2 usage or internal error.
`;

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') { process.stdout.write(HELP); return command ? 0 : 2; }
  if (command === '--version' || command === '-v') { process.stdout.write(`${VERSION}\n`); return 0; }
  if (USAGE[command] && wantsHelp(rest)) { process.stdout.write(USAGE[command]); return 0; }
  const cwd = process.cwd();
  switch (command) {
    case 'check': {
      const { values, positionals } = parseArgs({
        args: joinDashedValues(rest, ['--max-warnings', '--today']), allowPositionals: true, strict: true,
        options: {
          format: { type: 'string', short: 'f', default: 'text' },
          'fail-on': { type: 'string', default: 'error' },
          'max-warnings': { type: 'string' },
          config: { type: 'string', short: 'c' },
          quiet: { type: 'boolean', short: 'q', default: false },
          today: { type: 'string' },
          output: { type: 'string', short: 'o' },
          'no-cache': { type: 'boolean', default: false },
          staged: { type: 'boolean', default: false },
        },
      });
      const format = values.format as Format;
      if (!FORMATS.includes(format)) throw new UsageError(`Unknown format "${values.format}"; use ${FORMATS.join(', ')}.`);
      const failOn = values['fail-on'] as Severity;
      if (!(failOn in SEVERITY_RANK)) throw new UsageError(`--fail-on must be error, warning, info or hint.`);
      const maxWarnings = wholeNumber('--max-warnings', values['max-warnings']);
      checkDate('--today', values.today);
      const findings = await runCheck({
        paths: positionals, cwd, configFile: values.config, today: values.today, cache: !values['no-cache'], staged: values.staged,
        onDependents: (added) => { for (const d of added) process.stderr.write(`Also checked ${rel(cwd, d.uri)} for what ${rel(cwd, d.because)} causes there.\n`); },
      });
      // --quiet changes what is printed, never the exit code.
      const printed = values.quiet ? findings.filter((f) => f.severity === 'error') : findings;
      const report = { findings: printed, cwd, color: format === 'text' && !values.output && !!process.stdout.isTTY && !process.env.NO_COLOR, version: VERSION };
      const text = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report) : format === 'github' ? formatGithub(report) : formatText(report, values.quiet);
      if (values.output) await writeOutput(path.resolve(cwd, values.output), text); else process.stdout.write(text);
      const failing = findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
      const tooManyWarnings = maxWarnings !== undefined && counts(findings).warning > maxWarnings;
      if (tooManyWarnings) process.stderr.write(`Too many warnings (${counts(findings).warning}; at most ${maxWarnings} allowed).\n`);
      return failing || tooManyWarnings ? 1 : 0;
    }
    case 'init': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: {} });
      if (positionals.length > 1) throw new UsageError('init takes at most one folder.');
      const dir = path.resolve(cwd, positionals[0] ?? '.');
      const existing = await fs.stat(dir).catch(() => undefined);
      if (existing && !existing.isDirectory()) throw new UsageError(`${positionals[0]} is a file; init needs a folder (new or existing).`);
      const { created, skipped } = await runInit(dir);
      for (const f of created) process.stdout.write(`created  ${path.relative(cwd, f) || f}\n`);
      for (const f of skipped) process.stdout.write(`kept     ${path.relative(cwd, f) || f} (exists; not overwritten)\n`);
      return 0;
    }
    case 'export': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, today: { type: 'string' } } });
      checkDate('--today', values.today);
      if (positionals[0] !== 'soa') throw new UsageError('Usage: isms-author export soa [dir] --format csv|xlsx|html|md [-o FILE]');
      const format = values.format ?? (values.output ? path.extname(values.output).slice(1) : '');
      if (!['csv', 'xlsx', 'html', 'md'].includes(format)) throw new UsageError('export soa needs --format csv, xlsx, html or md.');
      const folder = path.resolve(cwd, positionals[1] ?? '.');
      // The export, import, publish and mcp commands load their libraries only when used.
      const { runExport } = await import('./tableCommands');
      const result = await runExport({ cwd, folder, format: format as 'csv', output: values.output && path.resolve(cwd, values.output), today: values.today ?? todayIso() });
      if (result.text !== undefined) process.stdout.write(result.text);
      for (const w of result.written ? [result.written] : result.writtenEach ?? []) process.stderr.write(`wrote ${path.relative(cwd, w)}\n`);
      return 0;
    }
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest, allowPositionals: true, strict: true,
        options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false }, map: { type: 'string', multiple: true } },
      });
      const kind = positionals[0];
      if ((kind !== 'soa' && kind !== 'risks') || positionals.length !== 2) {
        throw new UsageError('Usage: isms-author import soa|risks FILE.csv|FILE.xlsx|FILE.md [-o FILE.yaml] [--force] [--dry-run] [--map "Column name=field"]');
      }
      const output = path.resolve(cwd, values.output ?? (kind === 'soa' ? 'soa.yaml' : 'risks.yaml'));
      const { runImport } = await import('./tableCommands');
      const result = await runImport({ kind, file: path.resolve(cwd, positionals[1]), output, force: values.force, dryRun: values['dry-run'], map: values.map });
      for (const line of result.report) process.stdout.write(`${line}\n`);
      if (values['dry-run']) process.stdout.write(`\n--- ${path.relative(cwd, output) || output} (not written) ---\n${result.yaml}`);
      else if (result.written) process.stdout.write(`wrote ${path.relative(cwd, result.written)}\n`);
      return 0;
    }
    case 'publish': {
      const { values, positionals } = parseArgs({
        args: rest, allowPositionals: true, strict: true,
        options: { output: { type: 'string', short: 'o' }, guidance: { type: 'boolean', default: false }, pdf: { type: 'boolean', default: false }, today: { type: 'string' } },
      });
      if (!values.output || positionals.length > 1) throw new UsageError('Usage: isms-author publish [dir] -o OUT [--guidance] [--pdf] [--today YYYY-MM-DD]');
      if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--today needs a date as YYYY-MM-DD.');
      const { runPublish } = await import('./publish');
      const result = await runPublish({
        cwd, folder: positionals[0] ?? '.', output: values.output, today: values.today, guidance: values.guidance, pdf: values.pdf,
        progress: publishProgress(), log: (m) => process.stderr.write(`${m}\n`),
      });
      const where = path.relative(cwd, result.output) || '.';
      process.stdout.write(`published ${result.pages} pages${result.pdfs ? ` and ${result.pdfs} PDFs` : ''} to ${where}${result.removed ? ` (removed ${result.removed} stale)` : ''}; open ${path.join(where, 'index.html')}\n`);
      if (!result.gitRepository) process.stderr.write('note: the folder is not in a Git repository, so policies show no revision history.\n');
      return 0;
    }
    case 'show': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: {} });
      if (positionals.length !== 1) throw new UsageError('Usage: isms-author show <control ID or clause>');
      const text = renderControl(positionals[0]);
      if (!text) throw new UsageError(`"${positionals[0]}" is not a control ID or clause of ISO/IEC 27001.`);
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      return 0;
    }
    case 'mcp': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { today: { type: 'string' } } });
      if (positionals.length > 1) throw new UsageError('mcp serves one folder: isms-author mcp [dir]');
      if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--today needs a date as YYYY-MM-DD.');
      // stdout carries the protocol: anything else printed there would corrupt it.
      console.log = console.info = console.warn = console.debug = (...a: unknown[]) => process.stderr.write(`${a.map(String).join(' ')}\n`);
      process.on('uncaughtException', (e) => process.stderr.write(`isms-author mcp: uncaught ${e.stack ?? e.message}\n`));
      process.on('unhandledRejection', (e) => process.stderr.write(`isms-author mcp: unhandled rejection ${String(e)}\n`));
      const dir = path.resolve(cwd, positionals[0] ?? '.');
      if (!(await fs.stat(dir).catch(() => undefined))?.isDirectory()) throw new UsageError(`${positionals[0] ?? '.'} is not a folder.`);
      // Loaded on demand: the MCP SDK and zod stay out of every other command's start-up.
      const { runMcpServer } = await import('../mcp/server');
      await runMcpServer({ dir, version: VERSION, today: values.today ?? process.env.ISMS_TODAY, catalogueDir: process.env.ISMS_CATALOGUE_DIR ?? path.join(__dirname, 'catalogue') });
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}". Run isms-author --help.`);
  }
}

/**
 * "published N of M pages": rewritten in place on a terminal; elsewhere (CI logs, the VS Code
 * command, which reads these lines for its progress notification) a line per tenth and at the end.
 */
function publishProgress(): (done: number, total: number) => void {
  const tty = !!process.stderr.isTTY;
  let lastTenth = -1;
  return (done, total) => {
    if (tty) { process.stderr.write(`\rpublished ${done} of ${total} pages${done === total ? '\n' : ''}`); return; }
    const tenth = Math.floor((done * 10) / total);
    if (tenth !== lastTenth || done === total) { lastTenth = tenth; process.stderr.write(`published ${done} of ${total} pages\n`); }
  };
}

// `isms-author check | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });

const rel = (cwd: string, uri: string) => shown(cwd, fileURLToPath(uri));

/** Writes a report, saying plainly when the folder is missing rather than creating it unasked. */
async function writeOutput(file: string, text: string): Promise<void> {
  const dir = await fs.stat(path.dirname(file)).catch(() => undefined);
  if (!dir?.isDirectory()) throw new UsageError(`Cannot write ${shown(process.cwd(), file)}: the folder ${shown(process.cwd(), path.dirname(file))} does not exist.`);
  await fs.writeFile(file, text);
}

const args = process.argv.slice(2);
main(args).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    // By name: the lazily loaded command bundles carry their own copy of the class.
    const usage = (e instanceof Error && e.name === 'UsageError') || (e as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS');
    const message = parseArgsMessage(args[0] ?? '', e as Error) ?? systemErrorMessage(e, process.cwd()) ?? (e instanceof Error ? e.message : String(e));
    process.stderr.write(`isms-author: ${message}\n`);
    if (!usage && process.env.ISMS_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    process.exitCode = 2;
  },
);
