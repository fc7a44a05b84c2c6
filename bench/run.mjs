#!/usr/bin/env node
// `npm run bench`: ISMS Author against the generic setup a user would assemble instead
// (yaml-language-server with a JSON Schema for the SoA, markdownlint for the policies), side by
// side in one run. A benchmark, not a test: it prints medians and ratios and asserts nothing.
// Method and recorded results: BENCHMARKS.md. Sample counts: BENCH_* environment variables below.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, FLIP_CONTROL, KEYSTROKE_CONTROL, TODAY } from './lib/generate.mjs';
import { peerSchemaPath } from './lib/inprocess.mjs';
import { installCleanup, killAll, liveCount, runTimed } from './lib/procs.mjs';
import { measurePublish } from './lib/publish.mjs';
import { cliAgainstFloor, serverAtScale } from './lib/scale.mjs';
import { runSession, startOurs, startYamlLs, timeInitialize } from './lib/sessions.mjs';
import { fmtBytes, fmtMs, median, ratio, series } from './lib/stats.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Each series: warm-up runs (discarded), then at least `min` and at most `max` measured runs,
// stopping after `min` once the measured runs have taken `budgetMs` (see series() in lib/stats.mjs).
// BENCH_QUICK=1 runs two samples of everything (a smoke test of the benchmark itself).
const quick = !!process.env.BENCH_QUICK;
const S = (warmup, min, max, budgetMs) => (quick ? { warmup: Math.min(warmup, 1), min: 2, max: 2, budgetMs: 0 } : { warmup, min, max, budgetMs });
const OPTS = {
  edits: S(1, 3, 15, 10_000), // SoA edits per kind, size and server (and the peer's in-process validation)
  inProcessEdits: S(1, 3, 15, 8_000), // our in-process passes (each re-checks the whole workspace)
  requests: S(3, 10, 51, 3_000), // hovers and completions per size and server
  start: S(2, 10, 25, 10_000), // server starts, ours and the hello world interleaved
  cli: S(0, 5, 10, 60_000), // cold CLI runs, interleaved with as many markdownlint runs
  warm: S(0, 3, 10, 20_000), // CLI runs with nothing changed
  publish: S(0, 3, 5, 60_000), // `publish` of the whole workspace as a static site
  scale: S(1, 3, 5, 60_000), // cold CLI runs against the read-and-scan floor, at 1,000 and 10,000 policies
  serverRuns: quick ? 2 : 3, // language server sessions on 10,000 policies
};
/** `node bench/run.mjs --only=publish`: generate the workspace, one cold check and one publish, print both. */
const onlyPublish = process.argv.includes('--only=publish');

const T0 = performance.now();
const log = (...a) => console.error(`[${((performance.now() - T0) / 1000).toFixed(0).padStart(3)} s]`, ...a);
const work = mkdtempSync(path.join(os.tmpdir(), 'isms-bench-'));
const cleanupWork = () => { if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true }); };
installCleanup(cleanupWork);

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    model: cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

/** Copies the bundles now, so a rebuild by someone else during the run cannot mix versions. */
function snapshotDist() {
  const dist = path.join(REPO, 'dist');
  for (const f of ['server.js', 'cli.js']) {
    if (!existsSync(path.join(dist, f))) throw new Error(`dist/${f} is missing: run \`npm run build\` first.`);
  }
  const snap = path.join(work, 'dist');
  mkdirSync(snap, { recursive: true });
  // cli.js loads its lazily bundled commands (cli-tables.js, cli-publish.js, ...) from beside it.
  for (const f of readdirSync(dist).filter((n) => n.endsWith('.js'))) cpSync(path.join(dist, f), path.join(snap, f));
  if (existsSync(path.join(dist, 'catalogue'))) cpSync(path.join(dist, 'catalogue'), path.join(snap, 'catalogue'), { recursive: true });
  return { server: path.join(snap, 'server.js'), cli: path.join(snap, 'cli.js') };
}

async function main() {
  const started = performance.now();
  const m = machine();
  log(`ISMS Author benchmark: ${m.cpus} CPUs (${m.model}), Node ${m.node}, load ${m.load}; work dir ${work}`);
  const bin = snapshotDist();
  const schemaPath = peerSchemaPath(REPO);

  let t = performance.now();
  const gen = generate(path.join(work, 'ws'), REPO);
  const soaKb = (s) => Math.round(Buffer.byteLength(gen.workspaces[s].soaText) / 1024);
  if (onlyPublish) {
    const one = { warmup: 0, min: 1, max: 1, budgetMs: 0 };
    const p = await measurePublish({ cli: bin.cli, wsDir: gen.workspaces['ws-93'].dir, work, opts: one, today: TODAY, log, withCheck: true });
    const rows = [
      { measure: `d. check ${gen.policies.length} policies + SoA + risks, cold`, ours: fmtMs(median(p.cold)), peer: '', ratio: '', samples: '1' },
      { measure: `d. publish ${gen.policies.length} policies as a static site (${p.pages ?? '?'} pages)`, ours: fmtMs(median(p.publish)), peer: fmtMs(median(p.cold)), ratio: ratio(median(p.publish), median(p.cold)), samples: '1 / 1' },
    ];
    printTable(rows, `--only=publish: one sample each.${p.errors.length ? ` Errors: ${p.errors.join('; ')}` : ''}`, []);
    return;
  }
  log(`generated 2 workspaces in ${((performance.now() - t) / 1000).toFixed(1)} s: ${gen.policies.length} policies (avg ${(gen.avgPolicyBytes / 1024).toFixed(1)} KB), SoA ${soaKb('ws-93')} KB / ${soaKb('ws-930')} KB; ${FLIP_CONTROL} is cited by ${gen.flipCiting.length} policies`);

  // e. Start-up: spawn to `initialize` answered, ours and the hello world interleaved.
  log('start-up ...');
  const start = { ours: [], hello: [] };
  await series(OPTS.start, async (_i, measured) => {
    const o = await timeInitialize([bin.server, '--stdio'], gen.workspaces['ws-93'].dir, { ISMS_TODAY: TODAY });
    const h = await timeInitialize([path.join(REPO, 'bench/hello-server.cjs'), '--stdio'], gen.workspaces['ws-93'].dir);
    if (measured) { start.ours.push(o); start.hello.push(h); }
  });

  // a, c, f. Language-server sessions over stdio.
  const lsp = {};
  for (const size of ['93', '930']) {
    const w = gen.workspaces[`ws-${size}`];
    log(`LSP sessions, ${size} controls ...`);
    lsp[`ours${size}`] = await runSession(startOurs(bin.server), w, gen, true, OPTS, log);
    lsp[`peer${size}`] = await runSession(startYamlLs(REPO, schemaPath), w, gen, false, OPTS, log);
  }

  // b, c. The same work in process, no transport or debounce; each engine in a fresh process.
  log('in-process checking work ...');
  writeFileSync(path.join(work, 'inprocess-input.json'), JSON.stringify({ gen, opts: OPTS }));
  const inProcess = async (engine) => {
    const r = await runTimed(process.execPath, [path.join(REPO, 'bench/lib/inprocess-child.mjs'), engine, work, REPO], { cwd: REPO });
    for (const line of r.stderr.trim().split('\n').filter(Boolean)) log(line);
    if (r.code !== 0) throw new Error(`in-process ${engine} failed (exit ${r.code}): ${r.stderr.slice(-1000)}`);
    return JSON.parse(r.stdout);
  };
  let inOurs = await inProcess('ours');
  const coreError = inOurs.error;
  if (coreError) {
    log(`  in-process ours unavailable: ${coreError}`);
    inOurs = undefined;
  }
  const inPeer = await inProcess('peer');

  // d. CLI on the 1,000-policy workspace vs markdownlint on the same policies.
  log('CLI runs ...');
  const wsDir = gen.workspaces['ws-93'].dir;
  const cli = { cold: [], warm: [], mdl: [], coldFindings: undefined, warmFindings: undefined, mdlFiles: undefined, errors: [] };
  const summary = (out) => out.trim().split('\n').pop();
  let cacheHome;
  await series(OPTS.cli, async (i) => {
    // Cold: no cache anywhere we know of (a fresh XDG cache home, no .isms-cache in the workspace).
    cacheHome = path.join(work, `cache-${i}`);
    rmSync(path.join(wsDir, '.isms-cache'), { recursive: true, force: true });
    const ours = await runTimed(process.execPath, [bin.cli, 'check', '.', '--today', TODAY], { cwd: wsDir, env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
    if (ours.code !== 0 && ours.code !== 1) cli.errors.push(`isms-author exit ${ours.code}: ${ours.stderr.slice(0, 300)}`);
    cli.cold.push(ours.ms);
    cli.coldFindings = summary(ours.stdout);
    const mdl = await runTimed(process.execPath, [path.join(REPO, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), 'policies/**/*.md'], { cwd: wsDir });
    if (mdl.code !== 0 && mdl.code !== 1) cli.errors.push(`markdownlint exit ${mdl.code}: ${mdl.stderr.slice(0, 300)}`);
    cli.mdl.push(mdl.ms);
    cli.mdlFiles = (mdl.stdout + mdl.stderr).match(/Linting: (\d+) file/)?.[1];
    cli.mdlSummary = (mdl.stdout + mdl.stderr).match(/Summary: .*/)?.[0];
    log(`  run ${i + 1}: isms-author ${fmtMs(ours.ms)}, markdownlint ${fmtMs(mdl.ms)}`);
  });
  // Warm: the same cache home and workspace as the last cold run, nothing changed.
  await series(OPTS.warm, async () => {
    const ours = await runTimed(process.execPath, [bin.cli, 'check', '.', '--today', TODAY], { cwd: wsDir, env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
    if (ours.code !== 0 && ours.code !== 1) cli.errors.push(`isms-author (warm) exit ${ours.code}: ${ours.stderr.slice(0, 300)}`);
    cli.warm.push(ours.ms);
    cli.warmFindings = summary(ours.stdout);
  });
  log(`  second run with nothing changed: ${cli.warm.map((x) => fmtMs(x)).join(', ')}`);
  log('publish runs ...');
  const pub = await measurePublish({ cli: bin.cli, wsDir, work, opts: OPTS.publish, today: TODAY, log });
  cli.errors.push(...pub.errors);

  // g. Scale: the CLI against the read-and-scan floor at 1,000 and 10,000 policies, and the server at 10,000.
  log('scale: 1,000 policies against the floor ...');
  const scale1k = await cliAgainstFloor(bin.cli, wsDir, TODAY, OPTS.scale, log, '1,000');
  t = performance.now();
  const big = generate(path.join(work, 'ws10k'), REPO, 27001, { units: 400, only: ['ws-93'] });
  const bigDir = big.workspaces['ws-93'].dir;
  log(`generated ${big.policies.length} policies in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  log('scale: 10,000 policies against the floor ...');
  const scale10k = await cliAgainstFloor(bin.cli, bigDir, TODAY, OPTS.scale, log, '10,000');
  log('scale: language server on 10,000 policies ...');
  const server10k = await serverAtScale(bin.server, bigDir, big.policies[Math.floor(big.policies.length / 2)], TODAY, OPTS.serverRuns, log);

  // f. Package size.
  const vsix = path.join(REPO, 'dist/isms-author.vsix');
  const vsixBytes = existsSync(vsix) ? statSync(vsix).size : NaN;
  const vsixNote = existsSync(vsix) ? `dist/isms-author.vsix as found (packaged by \`npm start\` at ${statSync(vsix).mtime.toISOString().replace(/\.\d+Z$/, 'Z')}).` : 'dist/isms-author.vsix does not exist: run `npm start` to package it.';

  // The table.
  const rows = [];
  const add = (measure, ours, peer, samples, fmt = fmtMs) => rows.push({ measure, ours: fmt(median(ours)), peer: fmt(median(peer)), ratio: ratio(median(ours), median(peer)), samples });
  const n = (a, b) => `${a?.length ?? 0} / ${b?.length ?? 0}`;
  for (const size of ['93', '930']) {
    const o = lsp[`ours${size}`];
    const p = lsp[`peer${size}`];
    add(`a. keystroke in SoA → its diagnostics, ${size} controls (client)`, o.keySoa, p.keySoa, n(o.keySoa, p.keySoa));
    add(`a. flip applicable → SoA diagnostics, ${size} (client)`, o.flipSoa, p.flipSoa, n(o.flipSoa, p.flipSoa));
    add(`a. flip applicable → SoA + ${gen.flipCiting.length + 1} cross-file, ${size} (client; peer: SoA only)`, o.flipAll, p.flipSoa, n(o.flipAll, p.flipSoa));
  }
  for (const size of ['93', '930']) {
    const o = inOurs?.[size];
    const p = inPeer[size];
    const files = (xs) => {
      const k = xs?.length ? Math.round(median(xs)) : NaN;
      return Number.isFinite(k) ? `${k} file${k === 1 ? '' : 's'}` : '? files';
    };
    add(`b. keystroke: our SoA check vs doValidation, ${size} (in process)`, o?.keySoa ?? [], p.keySoa, n(o?.keySoa, p.keySoa));
    add(`b. keystroke: SoA check + what the server re-checks (${files(o?.keyFiles)}) vs doValidation, ${size}`, o?.keyAll ?? [], p.keySoa, n(o?.keyAll, p.keySoa));
    add(`b. flip: SoA check vs doValidation, ${size} (in process)`, o?.flipSoa ?? [], p.flipSoa, n(o?.flipSoa, p.flipSoa));
    add(`b. flip: SoA check + what the server re-checks (${files(o?.flipFiles)}) vs doValidation, ${size}`, o?.flipAll ?? [], p.flipSoa, n(o?.flipAll, p.flipSoa));
  }
  for (const size of ['93', '930']) {
    const o = lsp[`ours${size}`];
    const p = lsp[`peer${size}`];
    add(`c. hover on a control ID, ${size} (client round trip)`, o.hover, p.hover, n(o.hover, p.hover));
    add(`c. hover on a control ID, ${size} (in process)`, inOurs?.[size]?.hover ?? [], inPeer[size].hover, n(inOurs?.[size]?.hover, inPeer[size].hover));
    add(`c. completion of a status value, ${size} (client round trip)`, o.completion, p.completion, n(o.completion, p.completion));
    add(`c. completion of a status value, ${size} (in process)`, inOurs?.[size]?.completion ?? [], inPeer[size].completion, n(inOurs?.[size]?.completion, inPeer[size].completion));
    add(`c. hover on the empty last line (transport + fixed cost), ${size} (client round trip)`, o.hoverNoop, p.hoverNoop, n(o.hoverNoop, p.hoverNoop));
  }
  add(`d. check ${gen.policies.length} policies + SoA + risks, cold (peer: markdownlint-cli2)`, cli.cold, cli.mdl, n(cli.cold, cli.mdl));
  add(`d. publish the same ${gen.policies.length} policies as a static site, ${pub.pages ?? '?'} pages (peer: the cold check above)`, pub.publish, cli.cold, n(pub.publish, cli.cold));
  add('d. same, second run with nothing changed (peer: markdownlint-cli2)', cli.warm, cli.mdl, n(cli.warm, cli.mdl));
  add('e. spawn → initialize answered (peer: vscode-languageserver hello world)', start.ours, start.hello, n(start.ours, start.hello));
  const kb = (k) => (k === undefined ? NaN : k * 1024);
  rows.push({ measure: `f. peak RSS (VmHWM), 93-control workspace, ${gen.policies.length} policies loaded (peer: yaml-language-server, SoA only)`, ours: fmtBytes(kb(lsp.ours93.memory?.hwmKb)), peer: fmtBytes(kb(lsp.peer93.memory?.hwmKb)), ratio: ratio(kb(lsp.ours93.memory?.hwmKb), kb(lsp.peer93.memory?.hwmKb)), samples: '1 / 1' });
  rows.push({ measure: 'f. peak RSS (VmHWM), 930-entry workspace (peer: yaml-language-server, SoA only)', ours: fmtBytes(kb(lsp.ours930.memory?.hwmKb)), peer: fmtBytes(kb(lsp.peer930.memory?.hwmKb)), ratio: ratio(kb(lsp.ours930.memory?.hwmKb), kb(lsp.peer930.memory?.hwmKb)), samples: '1 / 1' });
  const floorRow = (measure, r) => rows.push({ measure, ours: fmtMs(median(r.ours)), peer: fmtMs(median(r.floor)), ratio: `${(median(r.ours) / median(r.floor)).toFixed(1)}x floor`, samples: n(r.ours, r.floor) });
  floorRow(`g. check ${gen.policies.length} policies, cold, no cache (peer: read-and-scan floor)`, scale1k);
  floorRow(`g. check ${big.policies.length} policies, cold, no cache (peer: read-and-scan floor)`, scale10k);
  rows.push({ measure: `g. peak RSS of that check, ${big.policies.length} policies`, ours: fmtBytes(scale10k.rss), peer: 'n/a', ratio: 'n/a', samples: `${scale10k.ours.length}` });
  rows.push({ measure: `g. server, ${big.policies.length} policies: opened policy → its diagnostics, after initialized (worst run)`, ours: fmtMs(server10k.worstOpened), peer: 'n/a', ratio: 'n/a', samples: `${server10k.opened.length}` });
  rows.push({ measure: `g. server, ${big.policies.length} policies: every file (${server10k.files}) has diagnostics, after initialized`, ours: fmtMs(server10k.medianAll), peer: 'n/a', ratio: 'n/a', samples: `${server10k.all.length}` });
  rows.push({ measure: `g. server peak RSS, ${big.policies.length} policies`, ours: fmtBytes(server10k.rss), peer: 'n/a', ratio: 'n/a', samples: `${server10k.all.length}` });
  rows.push({ measure: 'f. dist/isms-author.vsix size', ours: fmtBytes(vsixBytes), peer: 'n/a', ratio: 'n/a', samples: '1' });

  const notes = [
    `Ratio = peer median ÷ our median: above 1 means ours is faster (or smaller). Samples: ours / peer.`,
    `Workspaces: ${gen.policies.length} generated policies (avg ${(gen.avgPolicyBytes / 1024).toFixed(1)} KB), risk register of 40 risks; SoA of 93 controls (map form, ${soaKb('ws-93')} KB) and of 930 entries (list form, 10 copies of each control, ${soaKb('ws-930')} KB, soa/duplicate-control off).`,
    `Keystroke: type or delete "." at the end of the 19-character justification of excluded ${KEYSTROKE_CONTROL} (too short ↔ long enough). Flip: \`applicable: true\` ↔ \`false\` on ${FLIP_CONTROL}, cited by ${gen.flipCiting.length} policies and by risk R-001. Each series starts with ${OPTS.edits.warmup} discarded warm-up edit(s); the server is idle (no CPU for 75 ms) before every edit.`,
    `Peer schema: ${path.relative(REPO, schemaPath)}. yaml-language-server waits a fixed 200 ms (validationDelayMs, not configurable) after each change before validating.`,
    `Server ready (SoA opened → diagnostics for every file / first diagnostics of the SoA): ours ${fmtMs(lsp.ours93.readyMs)} (93), ${fmtMs(lsp.ours930.readyMs)} (930); yaml-language-server ${fmtMs(lsp.peer93.readyMs)} (93), ${fmtMs(lsp.peer930.readyMs)} (930).`,
    inOurs ? `In process, ours: first load and check of the whole workspace (${inOurs.initialFiles} files) ${fmtMs(inOurs.initialCheckMs)}; which files an edit re-checks comes from ${inOurs.dependents ? 'core/dependents.ts, as in the server\'s publisher' : 'nowhere (the core has no dependents(); every checked file of the scope)'}.` : `In process, ours: not measured (${coreError}).`,
    `Hover: on the key of ${FLIP_CONTROL} in the SoA; completion: at the end of its \`status: implemented\`. Answers: ours hover ${lsp.ours93.answers?.hover ? 'yes' : 'NO'}, completion items ${lsp.ours93.answers?.completion}; yaml-language-server hover ${lsp.peer93.answers?.hover ? `yes (${lsp.peer93.answers.hoverText})` : "NO"}, completion items ${lsp.peer93.answers?.completion}.`,
    vsixNote,
    `Scale (g): the floor is a fresh Node process that lists the workspace, reads every Markdown and YAML file and matches one control-ID regular expression (bench/lib/floor.mjs); "x floor" is our median ÷ the floor's. ${big.policies.length}-policy workspace: the same generator with 400 business units. Server: opened policy times per run ${server10k.opened.map((x) => fmtMs(x)).join(', ')}; whole workspace ${server10k.all.map((x) => fmtMs(x)).join(', ')}. CLI findings at ${big.policies.length}: "${scale10k.findings}".`,
    `CLI: isms-author cold "${cli.coldFindings}", warm "${cli.warmFindings}"; markdownlint-cli2 (default rules) linted ${cli.mdlFiles} files, "${cli.mdlSummary}".${cli.errors.length ? ` Errors: ${cli.errors.join('; ')}` : ''}`,
  ];
  const m2 = machine();
  const header = `Machine: ${m.cpus} CPUs, ${m.model}, Node ${m.node}. Date: ${m.date}. Load average at start ${m.load}, at end ${m2.load}. Total run time ${((performance.now() - started) / 1000).toFixed(0)} s.`;
  printTable(rows, header, notes);
  if (quick) log('\nBENCH_QUICK: two samples each, so bench/results.md was left as it was');
  else {
    writeFileSync(path.join(REPO, 'bench/results.md'), markdown(rows, header, notes));
    log('\nwrote bench/results.md');
  }
}

function printTable(rows, header, notes) {
  const cols = ['measure', 'ours', 'peer', 'ratio', 'samples'];
  const titles = { measure: 'measure', ours: 'ours (median)', peer: 'peer (median)', ratio: 'ratio', samples: 'samples' };
  const w = Object.fromEntries(cols.map((c) => [c, Math.max(titles[c].length, ...rows.map((r) => String(r[c]).length))]));
  const line = (r) => cols.map((c) => (c === 'measure' ? String(r[c]).padEnd(w[c]) : String(r[c]).padStart(w[c]))).join(' | ');
  console.log(`\n${header}\n`);
  console.log(line(titles));
  console.log(cols.map((c) => '-'.repeat(w[c])).join('-|-'));
  for (const r of rows) console.log(line(r));
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
}

function markdown(rows, header, notes) {
  const esc = (s) => String(s).replaceAll('|', '\\|');
  return [
    '# Benchmark results', '', `Generated by \`npm run bench\` (bench/run.mjs). ${header}`, '',
    '| measure | ours (median) | peer (median) | ratio | samples |', '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${esc(r.measure)} | ${esc(r.ours)} | ${esc(r.peer)} | ${esc(r.ratio)} | ${esc(r.samples)} |`),
    '', ...notes.map((n) => `- ${n}`), '',
  ].join('\n');
}

main()
  .catch((e) => {
    console.error(`benchmark failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    killAll();
    cleanupWork();
    if (liveCount()) console.error('some processes could not be killed');
    // Servers' pipes and timers must not keep the process alive.
    setImmediate(() => process.exit());
  });
