// The Git layer of the hosts: the runner only ever builds read-only commands with every program a
// repository can name switched off, and revision histories parse from `git log` output.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { safeArgs, SAFE_CONFIG } from '../../server/src/host/git';
import { parseHistory } from '../../server/src/host/gitFacts';

describe('safe git arguments', () => {
  it('switch off fsmonitor, hooks, pager, external diff and signatures before the subcommand', () => {
    const args = safeArgs(['log', '--format=%H']);
    const at = args.indexOf('log');
    for (const c of ['core.fsmonitor=false', 'core.hooksPath=/dev/null', 'core.pager=cat', 'diff.external=', 'log.showSignature=false']) {
      const i = args.indexOf(c);
      assert.ok(i > 0 && i < at && args[i - 1] === '-c', c);
    }
    assert.ok(args.indexOf('--no-pager') < at);
    assert.ok(args.includes('--no-ext-diff') && args.includes('--no-textconv'));
    assert.ok(SAFE_CONFIG.length % 2 === 0);
  });
  it('refuse any subcommand outside rev-parse, log and cat-file', () => {
    for (const c of ['status', 'diff', 'show', 'checkout', 'commit', 'fetch', '-c']) assert.throws(() => safeArgs([c]), /read-only/);
  });
});

describe('parseHistory', () => {
  it('maps each path to its commits, newest first, with quoted names decoded', () => {
    const out = [
      '\u001eaaa\u001f2026-06-01T10:30:00+00:00\u001fSam Owner\u001fAccess control: quarterly reviews', '', 'policies/access.md', '',
      '\u001ebbb\u001f2026-01-12T09:00:00+00:00\u001fDana\u001fInitial import', '', 'policies/access.md', 'policies/odd.md', '"policies/tab\\there.md"', '',
    ].join('\n');
    const h = parseHistory(out);
    assert.deepEqual(h.get('policies/access.md')!.map((r) => r.hash), ['aaa', 'bbb']);
    assert.equal(h.get('policies/access.md')![0].subject, 'Access control: quarterly reviews');
    assert.equal(h.get('policies/access.md')![0].author, 'Sam Owner');
    assert.ok(h.has('policies/tab\there.md'));
    assert.ok(h.has('policies/odd.md'));
  });
  it('ignores empty or garbled output', () => {
    assert.equal(parseHistory('').size, 0);
    assert.equal(parseHistory('fatal: not a git repository\n').size, 0);
  });
});
