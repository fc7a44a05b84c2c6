// Language server entry: creates the connection (stdio, IPC or pipe, chosen by argv), keeps
// stdout clean for the protocol, and supplies the Node file-system host.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { loadFolder, readText } from '../host/fsWorkspace';
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
  version: process.env.ISMS_VERSION ?? '0.1.0',
  today: process.env.ISMS_TODAY ? () => process.env.ISMS_TODAY! : undefined,
  cataloguePage: (id) => {
    const file = path.join(catalogueDir, `${id}.md`);
    return existsSync(file) ? pathToFileURL(file).toString() : undefined;
  },
  readFile: async (uri) => (uri.startsWith('file:') ? readText(fileURLToPath(uri)) : undefined),
  loadFolder: async (folderUri, set, exists, skip, progress) => {
    if (!folderUri.startsWith('file:')) return;
    await loadFolder({ set, markExists: exists }, fileURLToPath(folderUri), skip, progress);
  },
});
