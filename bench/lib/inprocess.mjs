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

const require = createRequire(import.meta.url);

/** Bundles the core and the file-system loader from source; returns the module or an error. */
export async function loadCore(repo, outDir) {
  const { build } = require('esbuild');
  const outfile = path.join(outDir, 'isms-core.cjs');
  await build({
    stdin: {
      contents: "export { createIsmsService } from './server/src/core/service';\nexport { loadFolder } from './server/src/host/fsWorkspace';\n",
      resolveDir: repo, loader: 'ts', sourcefile: 'bench-core-entry.ts',
    },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'silent',
  });
  return require(outfile);
}

const CHECKED_KINDS = new Set(['soa', 'risks', 'policy', 'config', 'skipped']);

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
  const scopeUris = () => {
    const scope = ws.scopeOf(soaUri);
    return scope.docs().filter((d) => CHECKED_KINDS.has(scope.model(d).kind)).map((d) => d.uri);
  };
  // What the publisher does after an edit: the changed document first, then every checked
  // document of its scope, each converted and serialised for the "did it change" comparison.
  const fullPass = () => {
    const t0 = performance.now();
    JSON.stringify(service.check(soaUri));
    const t1 = performance.now();
    for (const uri of scopeUris()) if (uri !== soaUri) JSON.stringify(service.check(uri));
    return { soa: t1 - t0, all: performance.now() - t0 };
  };
  const first = fullPass();
  log(`  in-process ours: loaded and checked ${scopeUris().length} files in ${((performance.now() - tLoad) / 1000).toFixed(1)} s`);
  const out = { initialCheckMs: performance.now() - tLoad };
  let version = 1;
  for (const size of ['93', '930']) {
    const w = gen.workspaces[`ws-${size}`];
    ws.set(configUri, readFileSync(path.join(w.dir, 'isms.config.yaml'), 'utf8'), ++version);
    const editor = new SoaEditor(w.soaText);
    ws.set(soaUri, editor.text(), ++version);
    fullPass();
    const r = { keySoa: [], keyAll: [], flipSoa: [], flipAll: [], hover: [], completion: [] };
    for (const [kind, soaKey, allKey] of [['keystroke', 'keySoa', 'keyAll'], ['flip', 'flipSoa', 'flipAll']]) {
      for (let i = 0; i < opts.warmup + opts.n; i++) {
        editor[kind]();
        ws.set(soaUri, editor.text(), ++version);
        const t = fullPass();
        if (i >= opts.warmup) { r[soaKey].push(t.soa); r[allKey].push(t.all); }
      }
    }
    for (let i = 0; i < opts.warmup + opts.nRequests; i++) {
      let t = performance.now();
      const h = service.hover(soaUri, editor.hoverPosition);
      const hoverMs = performance.now() - t;
      t = performance.now();
      const c = service.complete(soaUri, editor.completionPosition);
      const completionMs = performance.now() - t;
      if (i === 0) r.answers = { hover: !!h, completion: c.length };
      if (i >= opts.warmup) { r.hover.push(hoverMs); r.completion.push(completionMs); }
    }
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
      for (let i = 0; i < opts.warmup + opts.n; i++) {
        editor[kind]();
        const doc = TextDocument.create(uri, 'yaml', ++version, editor.text());
        const t = performance.now();
        const diagnostics = await ls.doValidation(doc, false);
        if (i >= opts.warmup) r[key].push(performance.now() - t);
        if (kind === 'keystroke' && i < 2) r[`diagnostics${i}`] = diagnostics.length;
      }
    }
    const doc = TextDocument.create(uri, 'yaml', ++version, editor.text());
    for (let i = 0; i < opts.warmup + opts.nRequests; i++) {
      let t = performance.now();
      const h = await ls.doHover(doc, editor.hoverPosition);
      const hoverMs = performance.now() - t;
      t = performance.now();
      const c = await ls.doComplete(doc, editor.completionPosition, false);
      const completionMs = performance.now() - t;
      if (i === 0) r.answers = { hover: !!h, completion: c?.items?.length ?? 0 };
      if (i >= opts.warmup) { r.hover.push(hoverMs); r.completion.push(completionMs); }
    }
    out[size] = r;
  }
  return out;
}
