// Builds everything the extension and CLI ship: the catalogue (JSON + readable pages) and three
// esbuild bundles (client with `vscode` external; server and CLI fully bundled, both stamped with
// the package.json version, the CLI also with a hash of its own bundle: see bundle-cli.mjs).
import { build } from 'esbuild';
import { writeCatalogue } from './build-catalogue.mjs';
import { bundleCli, versionDefine } from './bundle-cli.mjs';

const production = process.argv.includes('--production');
const cat = writeCatalogue();
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', define: versionDefine() }),
  bundleCli('dist/cli.js', { sourcemap: !production, minify: production }),
]);
console.log(`built dist/extension.js, dist/server.js, dist/cli.js and ${cat.controls.length + cat.legacy.length + cat.clauses.length} catalogue pages`);
