// "Checking work alone": both engines called directly in this process, no transport, no
// debounce. Ours: the core (server/src/core) bundled from source with esbuild at benchmark time,
// driven the way the language server's publisher drives it. Peer: yaml-language-server's own
// language service API (getLanguageService + doValidation/doHover/doComplete) with the same schema.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileUri } from './lsp.mjs';
import { SoaEditor } from './edits.mjs';
import { TODAY } from './generate.mjs';
import { series } from './stats.mjs';

const require = createRequire(import.meta.url);

/**
 * Bundles the core and the file-system loader from source. When the core can tell which documents
 * an edit affects (core/dependents.ts, what the language server's publisher uses), that is bundled
 * too, so the in-process pass re-checks exactly what the server re-checks.
 */
export async function loadCore(repo, outDir) {
  const { build } = require('esbuild');
  const outfile = path.join(outDir, 'isms-core.cjs');
  const base = "export { createIsmsService } from './server/src/core/service';\nexport { loadFolder } from './server/src/host/fsWorkspace';\n";
  const withDeps = `${base}export { dependents, scopeFacts } from './server/src/core/dependents';\nexport { indexFor } from './server/src/core/diagnostics';\n`;
  const bundle = (contents) => build({
    stdin: { contents, resolveDir: repo, loader: 'ts', sourcefile: 'bench-core-entry.ts' },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'silent',
  });
  try { await bundle(withDeps); } catch { await bundle(base); }
  return require(outfile);
}

const CHECKED_KINDS = new Set(['soa', 'risks', 'policy', 'config', 'skipped']);

/** A pause between samples, as a server gets between keystrokes: the runtime's own housekeeping
 * (garbage collection steps, compilation) then happens there and not inside the next sample. */
const pause = () => new Promise((r) => setTimeout(r, 30));

/**
 * Ours, in process. One workspace (the 93-control folder's 1,000 policies, parsed once) serves
 * both sizes: for 930 the SoA and isms.config.yaml texts are swapped for the 930-entry ones.
 */
export async function oursInProcess(core, gen, opts, log) {
  const ws93 = gen.workspaces['ws-93'];
  const service = core.createIsmsService({ today: () => TODAY });
  const ws = service.workspace;
  ws.setFolders([fileUri(ws93.dir)]);
  const tLoad = performance.now();
  await core.loadFolder(ws, ws93.dir);
  const soaUri = fileUri(ws93.soa);
  const configUri = fileUri(path.join(ws93.dir, 'isms.config.yaml'));
  // What the publisher does after an edit: work out which documents the change can affect
  // (everything in the scope if the core cannot tell), check the changed document first, then the
  // others, each serialised for the "did it change" comparison.
  const checkedUris = (docs, scope) => docs.filter((d) => CHECKED_KINDS.has(scope.model(d).kind)).map((d) => d.uri);
  let facts;
  const targets = () => {
    const scope = ws.scopeOf(soaUri);
    const docs = scope.docs();
    if (!core.dependents) return checkedUris(docs, scope);
    const index = core.indexFor(ws, docs[0].uri);
    const now = core.scopeFacts(index);
    const affected = core.dependents(index, [soaUri], facts, now);
    facts = now;
    return affected === 'all' ? checkedUris(docs, scope) : checkedUris(affected.map((u) => ws.get(u)).filter(Boolean), scope);
  };
  const fullPass = () => {
    const t0 = performance.now();
    const uris = targets();
    JSON.stringify(service.check(soaUri));
    const t1 = performance.now();
    for (const uri of uris) if (uri !== soaUri) JSON.stringify(service.check(uri));
    return { soa: t1 - t0, all: performance.now() - t0, files: uris.length };
  };
  const first = fullPass();
  const out = { initialCheckMs: performance.now() - tLoad, initialFiles: first.files, dependents: !!core.dependents };
  log(`  in-process ours: loaded and checked ${first.files} files in ${(out.initialCheckMs / 1000).toFixed(1)} s`);
  let version = 1;
  for (const size of ['93', '930']) {
    const w = gen.workspaces[`ws-${size}`];
    ws.set(configUri, readFileSync(path.join(w.dir, 'isms.config.yaml'), 'utf8'), ++version);
    const editor = new SoaEditor(w.soaText);
    ws.set(soaUri, editor.text(), ++version);
    fullPass();
    const r = { keySoa: [], keyAll: [], flipSoa: [], flipAll: [], keyFiles: [], flipFiles: [], hover: [], completion: [] };
    for (const [kind, soaKey, allKey] of [['keystroke', 'keySoa', 'keyAll'], ['flip', 'flipSoa', 'flipAll']]) {
      await series(opts.inProcessEdits, async (_i, measured) => {
        editor[kind]();
        ws.set(soaUri, editor.text(), ++version);
        const t = fullPass();
        if (measured) { r[soaKey].push(t.soa); r[allKey].push(t.all); r[kind === 'flip' ? 'flipFiles' : 'keyFiles'].push(t.files); }
        await pause();
      });
    }
    await series(opts.requests, async (i, measured) => {
      let t = performance.now();
      const h = service.hover(soaUri, editor.hoverPosition);
      const hoverMs = performance.now() - t;
      t = performance.now();
      const c = service.complete(soaUri, editor.completionPosition);
      const completionMs = performance.now() - t;
      if (i === 0) r.answers = { hover: !!h, completion: c.length };
      if (measured) { r.hover.push(hoverMs); r.completion.push(completionMs); }
    });
    out[size] = r;
  }
  out.firstPass = first;
  return out;
}

/** The schema used for the peer: the project's, if it has one by now, else bench/soa.schema.json. */
export function peerSchemaPath(repo) {
  const ours = path.join(repo, 'catalogue/schemas/soa.schema.json');
  try { readFileSync(ours); return ours; } catch { return path.join(repo, 'bench/soa.schema.json'); }
}

/** yaml-language-server's language service, in process, with the SoA schema mapped to soa.yaml. */
export async function peerInProcess(gen, schemaPath, opts) {
  const { getLanguageService } = require('yaml-language-server');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const ls = getLanguageService({
    schemaRequestService: async (uri) => readFileSync(new URL(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (p, r) => new URL(p, r).toString() },
  });
  ls.configure({ validate: true, hover: true, completion: true, schemas: [{ uri: fileUri(schemaPath), fileMatch: ['soa.yaml'] }] });
  const out = {};
  let version = 1;
  for (const size of ['93', '930']) {
    const w = gen.workspaces[`ws-${size}`];
    const uri = fileUri(w.soa);
    const editor = new SoaEditor(w.soaText);
    const r = { keySoa: [], flipSoa: [], hover: [], completion: [] };
    for (const [kind, key] of [['keystroke', 'keySoa'], ['flip', 'flipSoa']]) {
      await series(opts.edits, async (_i, measured) => {
        editor[kind]();
        const doc = TextDocument.create(uri, 'yaml', ++version, editor.text());
        const t = performance.now();
        await ls.doValidation(doc, false);
        if (measured) r[key].push(performance.now() - t);
        await pause();
      });
    }
    const doc = TextDocument.create(uri, 'yaml', ++version, editor.text());
    await series(opts.requests, async (i, measured) => {
      let t = performance.now();
      const h = await ls.doHover(doc, editor.hoverPosition);
      const hoverMs = performance.now() - t;
      t = performance.now();
      const c = await ls.doComplete(doc, editor.completionPosition, false);
      const completionMs = performance.now() - t;
      if (i === 0) r.answers = { hover: !!h, completion: c?.items?.length ?? 0 };
      if (measured) { r.hover.push(hoverMs); r.completion.push(completionMs); }
    });
    out[size] = r;
  }
  return out;
}
