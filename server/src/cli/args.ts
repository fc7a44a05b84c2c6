// Argument handling shared by the commands of `isms-author`: each command's usage (for `--help`),
// option values that start with a dash, date and number checks, and plain-language messages for
// the system errors a user can cause (a missing folder, a file where a folder should be).
import * as path from 'node:path';
import { UsageError } from './check';

export const USAGE: Record<string, string> = {
  check: `Usage: isms-author check [paths...] [options]

Checks the Markdown and YAML files of an ISMS. Given single files (as pre-commit passes them),
it also loads their SoA and risk register, and checks the files that depend on them.

Options:
  -f, --format text|json|sarif|github   output format (default text)
      --fail-on error|warning|info|hint  exit 1 on a finding this severe or worse (default error)
      --max-warnings N                   exit 1 when there are more than N warnings
  -c, --config FILE                      use FILE instead of each scope's isms.config.yaml
  -q, --quiet                            print errors only; the exit code still counts every finding
      --today YYYY-MM-DD                 the date that review and approval dates are compared with
  -o, --output FILE                      write the report to FILE instead of standard output
      --no-cache                         check everything again instead of reusing the last result
      --staged                           compare staged policies (the index) with HEAD, for a pre-commit hook
  -h, --help                             print this help
`,
  init: `Usage: isms-author init [dir]

Creates isms.config.yaml, soa.yaml, risks.yaml and two policy skeletons in dir (default: the
current folder). An existing file is never overwritten.
`,
  export: `Usage: isms-author export soa [dir] --format csv|xlsx|html|md [-o FILE] [--today YYYY-MM-DD]

Writes the Statement of Applicability of dir (default: the current folder) for auditors. CSV,
HTML and Markdown go to standard output without -o; XLSX needs -o. When dir holds several ISMS
scopes with an SoA, -o FILE writes one file per scope, named after its folder.
`,
  import: `Usage: isms-author import soa|risks FILE.csv|FILE.xlsx|FILE.md [options]

Turns a spreadsheet or a Markdown table into soa.yaml or risks.yaml, and reports how every column,
row and value was read. An existing output file is kept unless --force is given.

Options:
  -o, --output FILE            where to write (default soa.yaml or risks.yaml)
      --force                  overwrite the output file
      --dry-run                print the report and the YAML; write nothing
      --map "Column name=field"  read a column as a field (x-name keeps it aside, ignore drops it); repeatable
`,
  publish: `Usage: isms-author publish [dir] -o OUT [options]

Writes the ISMS as a static site for auditors and staff: index, policies with document control
and revision history from Git, the SoA, one page per control, the risk register with a heat map,
and a traceability matrix. No script and no remote resource; works from file://.

Options:
  -o, --output OUT        the folder to write (required; pages that no longer exist are removed)
      --guidance          add our implementation guidance to the control pages
      --pdf               also print the pages to PDF with a locally installed Chromium
      --today YYYY-MM-DD  the date findings and review dates are judged on (default: HEAD's date)
`,
  show: `Usage: isms-author show <control ID or clause>

Prints the facts and guidance of a control or clause, e.g. A.5.15, A.9.2.3, 6.1.3.
`,
};

export const wantsHelp = (args: string[]): boolean => {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

/**
 * Joins a value that starts with a dash to its option (`--max-warnings -1` becomes
 * `--max-warnings=-1`), so the command's own check explains what is wrong with it.
 */
export function joinDashedValues(args: string[], valueOptions: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (valueOptions.includes(a) && i + 1 < args.length && /^-\d/.test(args[i + 1])) out.push(`${a}=${args[++i]}`);
    else out.push(a);
  }
  return out;
}

/** A real calendar date written YYYY-MM-DD (2026-13-45 is not one). */
export function checkDate(option: string, value: string | undefined): void {
  if (value === undefined) return;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (!m || !d || d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw new UsageError(`${option} needs a real date as YYYY-MM-DD; "${value}" is not one.`);
  }
}

/** A whole number of zero or more. */
export function wholeNumber(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${option} needs a whole number of 0 or more; "${value}" is not one.`);
  return n;
}

/** The message of an error from node:util parseArgs, in our words, with where to find help. */
export function parseArgsMessage(command: string, e: Error & { code?: string }): string | undefined {
  if (!e.code?.startsWith('ERR_PARSE_ARGS')) return undefined;
  const option = /'(?:-\w, )?(--?[\w-]+)/.exec(e.message)?.[1];
  const help = `Run isms-author ${command} --help.`;
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return `Unknown option ${option ?? ''} for ${command}. ${help}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': return `${option ?? 'An option'} needs a value. ${help}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return `${command} takes no argument ${/'([^']+)'/.exec(e.message)?.[1] ?? ''}. ${help}`;
    default: return `${e.message} ${help}`;
  }
}

/** A system error (ENOENT, EACCES, ...) as a sentence about the user's path, or undefined. */
export function systemErrorMessage(e: unknown, cwd: string): string | undefined {
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err.code !== 'string' || !err.syscall) return undefined;
  const file = err.path ? shown(cwd, err.path) : 'a file';
  const writing = ['open', 'write', 'mkdir', 'rename', 'copyfile'].includes(err.syscall);
  switch (err.code) {
    case 'ENOENT': return writing ? `Cannot write ${file}: the folder ${shown(cwd, path.dirname(err.path ?? '.'))} does not exist.` : `${file} does not exist.`;
    case 'ENOTDIR': return `Cannot use ${file}: a part of that path is a file, not a folder.`;
    case 'EISDIR': return `${file} is a folder; give a file name.`;
    case 'EEXIST': return `${file} already exists and is not a folder.`;
    case 'EACCES': case 'EPERM': return `Permission denied for ${file}.`;
    case 'EROFS': return `Cannot write ${file}: the file system is read-only.`;
    case 'ENOSPC': return `Cannot write ${file}: the disk is full.`;
    default: return undefined;
  }
}

/** A path as the user would write it: relative below the current folder, else absolute. */
export function shown(cwd: string, file: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  return !rel ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}
