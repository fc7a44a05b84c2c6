// Language server entry: creates the connection (stdio, IPC or pipe, chosen by argv), keeps
// stdout clean for the protocol, and supplies the Node file-system host.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Baseline } from '../core/gitTypes';
import { VERSION } from '../host/buildInfo';
import { fileUri, loadFolder, readText } from '../host/fsWorkspace';
import { gitBaselines } from '../host/gitFacts';
import { findMarkedRoot } from '../host/ismsRoot';
import { confineToFolders } from '../host/servedFolder';
import { startServer } from './startServer';

const connection = createConnection(ProposedFeatures.all);
// Under --stdio, stdout is the transport: route stray logging to the client's output instead.
console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
console.info = console.log;
console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${String(e)}`));

const catalogueDir = process.env.ISMS_CATALOGUE_DIR ?? path.join(__dirname, 'catalogue');

startServer(connection, {
  version: VERSION,
  today: process.env.ISMS_TODAY ? () => process.env.ISMS_TODAY! : undefined,
  cataloguePage: (id) => {
    const file = path.join(catalogueDir, `${id}.md`);
    return existsSync(file) ? pathToFileURL(file).toString() : undefined;
  },
  confinePath: confineToFolders,
  gitBaselines: async (folderUri, uris) => {
    const out = new Map<string, Baseline>();
    if (!folderUri.startsWith('file:')) return out;
    const files = uris.filter((u) => u.startsWith('file:')).map((u) => ({ uri: u, file: fileURLToPath(u) }));
    const found = await gitBaselines(fileURLToPath(folderUri), files.map((f) => f.file));
    for (const f of files) { const b = found.get(fileUri(f.file)); if (b) out.set(f.uri, b); }
    return out;
  },
  readFile: async (uri) => (uri.startsWith('file:') ? readText(fileURLToPath(uri)) : undefined),
  findIsmsRoot: async (uri) => {
    if (!uri.startsWith('file:')) return undefined;
    const root = await findMarkedRoot(path.dirname(fileURLToPath(uri)));
    return root === undefined ? undefined : pathToFileURL(root).toString();
  },
  loadFolder: async (folderUri, set, exists, skip, progress) => {
    if (!folderUri.startsWith('file:')) return;
    await loadFolder({ set, markExists: exists }, fileURLToPath(folderUri), skip, progress);
  },
});
