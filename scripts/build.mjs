// Builds everything the extension and CLI ship: the catalogue (JSON + readable pages) and three
// esbuild bundles (client with `vscode` external; server and CLI fully bundled).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { writeCatalogue } from './build-catalogue.mjs';

const production = process.argv.includes('--production');
const cat = writeCatalogue();
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli.js', 0o755);
console.log(`built dist/extension.js, dist/server.js, dist/cli.js and ${cat.controls.length + cat.legacy.length + cat.clauses.length} catalogue pages`);
