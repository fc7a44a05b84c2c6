// Language-server sessions over stdio: our bundled server and yaml-language-server, driven the
// same way, timed on the client ("as the user sees it").
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LspClient, fileUri } from './lsp.mjs';
import { SoaEditor } from './edits.mjs';
import { TODAY } from './generate.mjs';
import { series } from './stats.mjs';

const CAPABILITIES = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
  },
};

/** CPU time (user + system) of a process in clock ticks, from /proc/<pid>/stat. */
function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch { return NaN; }
}

/**
 * Think time between samples: waits until the server has used no CPU for three consecutive
 * 25 ms windows (it finished the work the previous edit started, including diagnostics of other
 * files that were not awaited), then samples again. At most 10 s.
 */
export async function waitIdle(pid) {
  const end = performance.now() + 10_000;
  let last = cpuTicks(pid);
  let quiet = 0;
  while (quiet < 3 && performance.now() < end) {
    await new Promise((r) => setTimeout(r, 25));
    const now = cpuTicks(pid);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

export function startOurs(serverJs) {
  return new LspClient([serverJs, '--stdio'], { env: { ISMS_TODAY: TODAY } });
}

export function startYamlLs(repo, schemaPath) {
  const settings = {
    yaml: {
      validate: true, hover: true, completion: true, format: { enable: false },
      schemas: { [fileUri(schemaPath)]: ['soa.yaml', '*.soa.yaml'] },
      // No network on this machine, and a user of a private SoA schema would not want it either.
      schemaStore: { enable: false }, kubernetesCRDStore: { enable: false },
    },
    http: { proxy: '', proxyStrictSSL: false },
    '[yaml]': {},
    editor: {},
  };
  return new LspClient([path.join(repo, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], {
    configuration: (item) => settings[item.section] ?? null,
  });
}

/**
 * One session on one workspace. `ours` selects how readiness and cross-file results are awaited.
 * Returns the samples (milliseconds) and memory.
 */
export async function runSession(client, w, gen, ours, opts, log) {
  const r = { keySoa: [], flipSoa: [], flipAll: [], hover: [], completion: [], hoverNoop: [] };
  const t0 = performance.now();
  await client.initialize(w.dir, CAPABILITIES);
  if (!ours) {
    // yaml-language-server pulls its settings when told they changed. Open the SoA only once it
    // has them: a validation before that would try to download the SchemaStore catalogue.
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => client.requestsFromServer.some((m) => /^workspace\/configuration yaml\b/.test(m)), 'the settings request', 60_000);
  }
  const soaUri = fileUri(w.soa);
  const editor = new SoaEditor(w.soaText);
  await client.open(soaUri, editor.text(), 'yaml');
  let version = 1;
  if (ours) {
    // Ready when every checked file of the workspace has had its first diagnostics.
    const expected = [soaUri, fileUri(path.join(w.dir, 'risks.yaml')), ...gen.policies.map((p) => fileUri(path.join(w.dir, p)))];
    await client.until(() => expected.every((u) => client.count(u) > 0), 'diagnostics for every file', 300_000);
  } else {
    // Ready when the SoA has been validated (with the settings, hence the schema, applied).
    await client.until(() => client.count(soaUri) > 0, 'first diagnostics', 120_000);
  }
  r.readyMs = performance.now() - t0;
  r.initialDiagnostics = client.published.get(soaUri)?.diagnostics.length;
  await waitIdle(client.pid);
  log(`  ${ours ? 'ours' : 'yaml-language-server'} ${w.entries}: ready after ${(r.readyMs / 1000).toFixed(1)} s`);

  const crossFile = ours ? [fileUri(path.join(w.dir, 'risks.yaml')), ...gen.flipCiting.map((p) => fileUri(path.join(w.dir, p)))] : [];
  for (const kind of ['keystroke', 'flip']) {
    await series(opts.edits, async (_i, measured) => {
      const edit = editor[kind]();
      const before = client.count(soaUri);
      const beforeCross = crossFile.map((u) => client.count(u));
      const v = ++version;
      const sent = client.change(soaUri, v, edit.range, edit.text);
      // Ours sends the document version with its diagnostics; yaml-language-server does not.
      await client.until(() => client.count(soaUri) > before && (!ours || client.published.get(soaUri).version === v), `SoA diagnostics after ${kind}`, 60_000);
      const soaAt = client.published.get(soaUri).at;
      let allAt = soaAt;
      if (kind === 'flip' && ours) {
        await client.until(() => crossFile.every((u, j) => client.count(u) > beforeCross[j]), 'cross-file diagnostics after flip', 60_000);
        allAt = Math.max(soaAt, ...crossFile.map((u) => client.published.get(u).at));
      }
      if (measured) {
        if (kind === 'keystroke') r.keySoa.push(soaAt - sent);
        else { r.flipSoa.push(soaAt - sent); r.flipAll.push(allAt - sent); }
      }
      await waitIdle(client.pid);
    });
  }
  const pos = { textDocument: { uri: soaUri } };
  // A position with nothing to say (the empty last line): transport plus the server's fixed
  // per-request cost.
  const blank = { line: editor.lines.length - 1, character: 0 };
  await series(opts.requests, async (i, measured) => {
    const h = await client.timedRequest('textDocument/hover', { ...pos, position: editor.hoverPosition });
    const c = await client.timedRequest('textDocument/completion', { ...pos, position: editor.completionPosition });
    const noop = await client.timedRequest('textDocument/hover', { ...pos, position: blank });
    if (i === 0) r.answers = { hover: !!h.result, hoverText: JSON.stringify(h.result?.contents ?? '').slice(0, 120), completion: (Array.isArray(c.result) ? c.result : c.result?.items ?? []).length, initialDiagnostics: r.initialDiagnostics };
    if (measured) { r.hover.push(h.ms); r.completion.push(c.ms); r.hoverNoop.push(noop.ms); }
  });
  r.memory = client.memory();
  await client.shutdown();
  return r;
}

/** Spawn to `initialize` answered, in milliseconds; the process is killed right after. */
export async function timeInitialize(argv, rootDir, env = {}) {
  const client = new LspClient(argv, { env });
  const t = client.t0;
  await client.initialize(rootDir, CAPABILITIES);
  const ms = client.initializedAt - t;
  try { process.kill(-client.pid, 'SIGKILL'); } catch { /* gone */ }
  await new Promise((r) => (client.exited ? r() : client.child.once('exit', r)));
  client.conn.dispose();
  return ms;
}
