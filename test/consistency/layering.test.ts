// The dependency direction of docs/architecture.md, checked mechanically: catalogue <- core <- {lsp, cli};
// the client talks to the server only over LSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const sources = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
});
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ typeOnly: !!m[1], spec: m[2] }));

test('the core imports no host module: no vscode, no LSP runtime, no fs, no process spawning', () => {
  for (const f of sources('server/src/core')) {
    for (const { spec, typeOnly } of imports(f)) {
      assert.ok(!/^(vscode|vscode-languageserver(\/.*)?|vscode-languageclient.*|fs|node:fs|child_process|node:child_process|node:.*)$/.test(spec) || typeOnly, `${f} imports ${spec}`);
      assert.ok(!spec.includes('/lsp/') && !spec.includes('/cli/') && !spec.includes('/host/') && !spec.startsWith('../lsp') && !spec.startsWith('../cli') && !spec.startsWith('../host'), `${f} imports an adapter: ${spec}`);
    }
    assert.doesNotMatch(readFileSync(f, 'utf8'), /\bprocess\.(env|argv|exit|cwd)\b/, `${f} reads the process`);
  }
});

test('the LSP adapter and the CLI do not import each other', () => {
  for (const f of sources('server/src/lsp')) for (const { spec } of imports(f)) assert.ok(!spec.includes('/cli/') && !spec.startsWith('../cli'), `${f} imports ${spec}`);
  for (const f of sources('server/src/cli')) for (const { spec } of imports(f)) assert.ok(!spec.includes('/lsp/') && !spec.startsWith('../lsp'), `${f} imports ${spec}`);
});

test('only the LSP adapter imports vscode-languageserver', () => {
  for (const dir of ['server/src/core', 'server/src/cli', 'server/src/host']) {
    for (const f of sources(dir)) for (const { spec, typeOnly } of imports(f)) assert.ok(!spec.startsWith('vscode-languageserver') || typeOnly, `${f} imports ${spec}`);
  }
});

// The one exception: common/, code shared by the client and the CLI (the coverage bar drawing of the
// published site), which imports nothing.
const SHARED_WITH_CLIENT = ['../../common/coverageSvg'];

test('the client imports only vscode, vscode-languageclient, its own files and the shared drawing', () => {
  for (const f of sources('client/src')) {
    for (const { spec } of imports(f)) assert.ok(/^(vscode|vscode-languageclient(\/node)?|node:.*|\.\/.*)$/.test(spec) || SHARED_WITH_CLIENT.includes(spec), `${f} imports ${spec}`);
  }
  for (const shared of SHARED_WITH_CLIENT) assert.deepEqual(imports(path.join('client/src', `${shared}.ts`)), [], `${shared} must stay free of imports`);
});

test('only the MCP adapter imports the MCP SDK and zod, and it does not import the LSP adapter', () => {
  for (const dir of ['server/src/core', 'server/src/cli', 'server/src/host', 'server/src/lsp', 'client/src']) {
    for (const f of sources(dir)) for (const { spec } of imports(f)) assert.ok(!spec.startsWith('@modelcontextprotocol/') && spec !== 'zod' && !spec.startsWith('zod/'), `${f} imports ${spec}`);
  }
  for (const f of sources('server/src/mcp')) for (const { spec } of imports(f)) assert.ok(!spec.includes('/lsp/') && !spec.startsWith('../lsp'), `${f} imports ${spec}`);
});
