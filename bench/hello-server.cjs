// The baseline for "server start to initialize answered": a bare vscode-languageserver hello world
// over stdio, with the same library (and version) our server is built on.
const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true },
  serverInfo: { name: 'hello' },
}));
connection.onHover(() => ({ contents: 'Hello' }));
documents.listen(connection);
connection.listen();
