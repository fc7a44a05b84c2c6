// Reading Git safely. A repository's own .git/config can name programs that Git runs on its
// behalf (core.fsmonitor, diff.external, diff.<driver>.textconv, filter drivers, gpg.program for
// log.showSignature, core.pager). ISMS Author only reads history and blobs, so it runs a small set
// of read-only commands (rev-parse, log without patches, cat-file without --textconv/--filters)
// that invoke no hook, and it switches every such program off on the command line as well.
import { execFile, spawn } from 'node:child_process';

/** Config overrides placed before every command: each one turns off a program Git could run. */
export const SAFE_CONFIG = [
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.pager=cat',
  '-c', 'diff.external=',
  '-c', 'log.showSignature=false',
  '-c', 'core.quotePath=false',
  '-c', 'protocol.allow=never',
  '-c', 'credential.helper=',
];

/** Global options: no pager, no optional locks (reading never rewrites the index). */
const GLOBAL = ['--no-pager', '--no-optional-locks', ...SAFE_CONFIG];

/** The only subcommands this module runs. */
const ALLOWED = new Set(['rev-parse', 'log', 'cat-file']);

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', PAGER: 'cat' };
  // Environment equivalents of the programs above; GIT_INDEX_FILE stays (a pre-commit hook sets it).
  for (const k of ['GIT_EXTERNAL_DIFF', 'GIT_DIFF_OPTS', 'GIT_ASKPASS', 'SSH_ASKPASS', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_EDITOR']) delete e[k];
  return e;
}

/** The full argument list for a subcommand; throws for a subcommand outside the read-only set. */
export function safeArgs(args: string[]): string[] {
  if (!ALLOWED.has(args[0])) throw new Error(`git ${args[0]} is not one of the read-only commands ISMS Author runs`);
  const extra = args[0] === 'log' ? ['--no-ext-diff', '--no-textconv'] : [];
  return [...GLOBAL, args[0], ...extra, ...args.slice(1)];
}

/** Runs a read-only git command in `cwd`; resolves to stdout, or undefined when git fails or is missing. */
export function git(args: string[], cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', safeArgs(args), { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60_000, windowsHide: true, env: env() },
      (error, stdout) => resolve(error ? undefined : stdout));
  });
}

/** `git cat-file --batch` for many object names at once: name -> content (missing names are absent). */
export function catFiles(requested: string[], cwd: string): Promise<Map<string, string>> {
  // Names with a newline cannot be asked for on a line; they are simply not found.
  const names = requested.filter((n) => !n.includes('\n'));
  return new Promise((resolve) => {
    const out = new Map<string, string>();
    if (!names.length) { resolve(out); return; }
    let child;
    try {
      child = spawn('git', safeArgs(['cat-file', '--batch']), { cwd, env: env(), windowsHide: true, stdio: ['pipe', 'pipe', 'ignore'] });
    } catch { resolve(out); return; }
    const chunks: Buffer[] = [];
    // A git that never answers (a lock held by a hung process, a broken mount) must not hang us.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', () => clearTimeout(timer));
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolve(out));
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      if (code !== 0) { resolve(out); return; }
      const buf = Buffer.concat(chunks);
      let at = 0;
      for (const name of names) {
        const nl = buf.indexOf(10, at);
        if (nl < 0) break;
        const header = buf.subarray(at, nl).toString('utf8');
        at = nl + 1;
        const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
        if (!m) continue; // "<name> missing" or ambiguous
        const size = Number(m[2]);
        if (m[1] === 'blob') out.set(name, buf.subarray(at, at + size).toString('utf8'));
        at += size + 1;
      }
      resolve(out);
    });
    child.stdin.end(names.join('\n') + '\n');
  });
}

/** The top of the work tree that contains `folder`, or undefined outside Git (or without git). */
export async function gitTopLevel(folder: string): Promise<string | undefined> {
  const out = await git(['rev-parse', '--show-toplevel'], folder);
  return out?.trim() || undefined;
}
