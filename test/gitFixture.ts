// A Git repository made by a test: a copy of examples/acme-isms committed in steps with known
// subjects, authors and dates, so revision histories and the site's output are predictable.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ACME = path.resolve(import.meta.dirname, '../examples/acme-isms');

/** Runs git in `cwd` as a test user, ignoring the machine's global and system configuration. */
export function gitIn(cwd: string, args: string[], date = '2026-01-12T09:00:00Z', author = 'Dana Auditor'): string {
  return execFileSync('git', args, {
    cwd, encoding: 'utf8',
    env: {
      ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: 'dana@example.invalid', GIT_COMMITTER_NAME: author, GIT_COMMITTER_EMAIL: 'dana@example.invalid',
      GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date,
    },
  });
}

export const SUBJECTS = {
  initial: 'Initial ISMS: SoA, risk register and seven policies',
  access: 'Access control: quarterly review of production access',
};

/** A temporary repository holding the example workspace in two commits; returns its folder. */
export async function acmeRepository(prefix = 'isms-git-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await cp(ACME, dir, { recursive: true });
  gitIn(dir, ['init', '-q', '-b', 'main']);
  gitIn(dir, ['add', '-A']);
  gitIn(dir, ['commit', '-q', '-m', SUBJECTS.initial]);
  const file = path.join(dir, 'policies/access-control.md');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace('version: "1.3"', 'version: "1.4"').replace('## Principles', 'Production access is reviewed every quarter.\n\n## Principles'));
  gitIn(dir, ['commit', '-q', '-am', SUBJECTS.access], '2026-06-01T10:30:00Z', 'Sam Owner');
  return dir;
}
