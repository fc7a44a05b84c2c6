// Pure helpers for installing code-server (test/editor/codeServer.mjs), kept apart so that unit
// tests can check them without installing anything.
import path from 'node:path';

/**
 * The environment for a nested `npm install` that must build against Node 24. Every inherited
 * npm_* variable is dropped: under `npm run`, the outer npm exports its own configuration
 * (npm_config_user_agent "npm/… node/v20 …", npm_config_nodedir, npm_config_prefix, …), and
 * code-server's postinstall reads the Node version from npm_config_user_agent, not from PATH.
 */
export function nestedNpmEnv(nodeHome, env = process.env) {
  const clean = withoutNpmVariables(env);
  const pathKey = Object.keys(clean).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  clean[pathKey] = [path.join(nodeHome, 'bin'), clean[pathKey]].filter(Boolean).join(path.delimiter);
  // node-gyp builds VS Code's native modules against these headers instead of downloading them.
  clean.npm_config_nodedir = nodeHome;
  return clean;
}

/** `env` without the variables an outer `npm run` exports for its scripts. */
export function withoutNpmVariables(env = process.env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (/^npm_/i.test(key) || key === 'NODE' || key === 'INIT_CWD') continue;
    clean[key] = value;
  }
  return clean;
}

/**
 * The version from `code-server --version` output: the first line that starts with a version
 * number. Other lines may come first (on a machine without ~/.config/code-server/config.yaml the
 * first run prints "Wrote default config file to …").
 */
export function parseCodeServerVersion(output = '') {
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s*(\d+\.\d+\.\d+)(?:\s|$)/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
