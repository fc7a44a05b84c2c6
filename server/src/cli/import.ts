// `isms-author import soa|risks FILE`: reads the file's tables (importReaders.ts) and lets the core
// importer (server/src/core/import) turn them into soa.yaml or risks.yaml and a report. This
// adapter owns only the file system: it checks the input first, never overwrites without --force,
// and with --dry-run writes nothing.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseMapOverride, type ImportKind } from '../core/import/headers';
import { importRisks } from '../core/import/riskImport';
import { importSoa } from '../core/import/soaImport';
import { readTables } from './importReaders';

export { detectDelimiter } from './importReaders';

export interface ImportArgs {
  /** What the file holds; default `soa`. */
  kind?: ImportKind;
  /** The spreadsheet or Markdown file: .csv, .tsv, .txt, .xlsx, .xlsm, .md. */
  file: string;
  /** The YAML file to write. */
  output: string;
  /** Overwrite `output` when it exists. */
  force: boolean;
  /** Report and return the YAML without writing anything. */
  dryRun?: boolean;
  /** `--map "Column name=field"` overrides. */
  map?: readonly string[];
}

export interface ImportOutcome {
  report: string[];
  yaml: string;
  /** The file written; undefined on a dry run. */
  written?: string;
}

export async function runImport(args: ImportArgs): Promise<ImportOutcome> {
  const kind = args.kind ?? 'soa';
  const input = path.resolve(args.file);
  const output = path.resolve(args.output);
  const stat = await fs.stat(input).catch(() => undefined);
  if (!stat) throw new Error(`${args.file} not found: there is no file to import at ${input}.`);
  if (!stat.isFile()) throw new Error(`${args.file} is a folder, not a file to import.`);
  const overrides = (args.map ?? []).map((m) => parseMapOverride(kind, m));
  const exists = !!(await fs.stat(output).catch(() => undefined));
  if (exists && !args.force && !args.dryRun) throw new Error(`${output} already exists; pass --force to overwrite it, or -o to write elsewhere.`);
  const tables = await readTables(input);
  const source = path.basename(input);
  const result = kind === 'soa' ? importSoa(tables, { source, overrides }) : importRisks(tables, { source, overrides });
  const noun = kind === 'soa' ? 'controls' : 'risks';
  if (args.dryRun) {
    result.report.push(`Dry run: ${result.count} ${noun} would be written to ${path.basename(output)}${exists ? ` (it exists: a real run needs --force)` : ''}; nothing was written.`);
    return { report: result.report, yaml: result.yaml };
  }
  await fs.mkdir(path.dirname(output), { recursive: true });
  await fs.writeFile(output, result.yaml, { flag: args.force ? 'w' : 'wx' }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EEXIST') throw new Error(`${output} already exists; pass --force to overwrite it, or -o to write elsewhere.`);
    throw new Error(`cannot write ${output}: ${e.code === 'EACCES' ? 'permission denied' : e.message}`);
  });
  result.report.push(`${result.count} ${noun} written to ${path.basename(output)}.`);
  return { report: result.report, yaml: result.yaml, written: output };
}
