// `isms-author publish [dir] -o OUT`: the ISMS as a static site for auditors. Loads the folder
// (with Git history, commit times and committed texts when it is in a Git work tree), builds
// the page model in the core, renders each page and writes the files. Output is deterministic:
// the findings are computed for HEAD's date (or --today), never the clock, and no timestamp is
// written. A manifest of the files written lets the next run remove pages that no longer exist
// without touching anything else in the output folder.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { todayIso } from '../core/diagnostics';
import { buildSite, type SiteModel } from '../core/site/model';
import { PAGE } from '../core/site/paths';
import { Workspace } from '../core/workspace';
import { fileUri, loadFolder } from '../host/fsWorkspace';
import { applyGitBaselines, gitFacts } from '../host/gitFacts';
import { applyGitTimes } from '../host/gitTimes';
import { UsageError } from './check';
import { controlPage, indexPage, policyPage, risksPage, soaPage, traceabilityPage, type SiteInfo } from './site/pages';
import { printPdfs } from './site/pdf';

export interface PublishOptions {
  cwd: string;
  folder: string;
  output: string;
  /** YYYY-MM-DD for the findings; default: the date of HEAD, else today. */
  today?: string;
  guidance?: boolean;
  pdf?: boolean;
  /** Called after each file written (done of total) and with messages for the user. */
  progress?(done: number, total: number): void;
  log?(message: string): void;
}

export interface PublishResult { output: string; pages: number; pdfs: number; removed: number; gitRepository: boolean }

export const MANIFEST = '.isms-site';

export async function runPublish(opts: PublishOptions): Promise<PublishResult> {
  const folder = path.resolve(opts.cwd, opts.folder);
  const output = path.resolve(opts.cwd, opts.output);
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`${folder} is not a folder.`);
  const relOut = path.relative(output, folder);
  if (relOut === '' || (!relOut.startsWith('..') && !path.isAbsolute(relOut))) {
    throw new UsageError(`The output folder ${output} would contain the ISMS folder itself; choose a separate folder, for example ${path.join(folder, 'site')}.`);
  }
  const outStat = await fs.stat(output).catch(() => undefined);
  if (outStat && !outStat.isDirectory()) throw new UsageError(`${output} exists and is not a folder.`);

  const ws = new Workspace();
  ws.setFolders([fileUri(folder)]);
  await loadFolder(ws, folder);
  const facts = await gitFacts(folder);
  if (facts) {
    await applyGitTimes(ws, folder);
    await applyGitBaselines(ws, folder);
  }
  const today = opts.today ?? facts?.headDate ?? todayIso();
  let site: SiteModel;
  try {
    site = buildSite(ws, { root: fileUri(folder), today, history: facts?.history, guidance: opts.guidance });
  } catch (e) {
    throw new UsageError(`Nothing to publish in ${folder}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!site.soa.header.soaPath && !site.policies.length && !site.risks.risks.length) {
    throw new UsageError(`No Statement of Applicability, risk register or policy found in ${folder}.`);
  }

  const norm = (s: string) => s.replace(/\r\n?/g, '\n');
  const dirty = ws.all().some((d) => { const b = ws.baseline(d.uri); return !!b && norm(b.base) !== norm(d.text); });
  const info: SiteInfo = {
    provenance: facts?.head ? `Content of commit ${facts.head.hash.slice(0, 12)} (${facts.head.date})${dirty ? ', with uncommitted changes to policies' : ''}.` : 'Content of a folder outside Git.',
    pageOfSource: new Map(site.policies.map((p) => [p.source, p.path])),
  };
  if (site.soa.header.soaPath) info.pageOfSource.set(site.soa.header.soaPath, PAGE.soa);
  if (site.risks.source) info.pageOfSource.set(site.risks.source, PAGE.risks);

  const jobs: { file: string; render: () => string }[] = [
    { file: PAGE.index, render: () => indexPage(site, info) },
    { file: PAGE.soa, render: () => soaPage(site, info) },
    { file: PAGE.risks, render: () => risksPage(site, info) },
    { file: PAGE.traceability, render: () => traceabilityPage(site, info) },
    ...site.policies.map((p) => ({ file: p.path, render: () => policyPage(site, info, p) })),
    ...site.controls.map((c) => ({ file: c.path, render: () => controlPage(site, info, c) })),
  ];
  const pdfPages = opts.pdf ? [PAGE.index, PAGE.soa, PAGE.risks, PAGE.traceability, ...site.policies.map((p) => p.path)] : [];
  const total = jobs.length;
  const written = new Set<string>();
  const dirs = new Set<string>();
  let done = 0;
  for (const job of jobs) {
    const target = path.join(output, ...job.file.split('/'));
    const dir = path.dirname(target);
    if (!dirs.has(dir)) { await fs.mkdir(dir, { recursive: true }); dirs.add(dir); }
    await fs.writeFile(target, job.render());
    written.add(job.file);
    opts.progress?.(++done, total);
  }

  let pdfs = 0;
  if (opts.pdf) {
    const result = await printPdfs(output, pdfPages, opts.log);
    pdfs = result.printed.length;
    for (const f of result.printed) written.add(f);
  }
  const removed = await replaceManifest(output, written);
  return { output, pages: total, pdfs, removed, gitRepository: !!facts };
}

/** Writes the manifest and removes the files an earlier run wrote that this one did not. */
async function replaceManifest(output: string, written: Set<string>): Promise<number> {
  const manifestFile = path.join(output, MANIFEST);
  const previous = await fs.readFile(manifestFile, 'utf8').then((t) => t.split('\n').filter(Boolean), () => [] as string[]);
  let removed = 0;
  for (const rel of previous) {
    // Only plain relative paths of the kinds we write; anything else in a tampered manifest is ignored.
    if (written.has(rel) || !/^[A-Za-z0-9._/-]+\.(html|pdf)$/.test(rel) || rel.split('/').includes('..')) continue;
    await fs.unlink(path.join(output, ...rel.split('/'))).then(() => removed++, () => undefined);
  }
  await fs.writeFile(manifestFile, `${[...written].sort().join('\n')}\n`);
  return removed;
}
