// `isms-author publish` and `check --staged` on Git repositories made by the tests: revision
// history from known commits, byte-identical output for the same commit, relative links that all
// resolve, no script in the output whatever the policies contain, and Git read without running
// any program a hostile repository configures.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ACME, acmeRepository, gitIn, SUBJECTS } from '../gitFixture';
import { runCli } from '../helpers';

let tmp: string;
let repo: string;

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = runCli(args, { cwd, env: { ISMS_CACHE_DIR: path.join(tmp, 'cache'), ...env } });
  return { code: r.code, stdout: r.out, stderr: r.err };
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p); else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'isms-publish-'));
  repo = await acmeRepository();
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
  await rm(repo, { recursive: true, force: true });
});

describe('publish', () => {
  it('writes the whole site, with the revision history of each policy from Git', async () => {
    const out = path.join(tmp, 'site');
    const r = cli(['publish', repo, '-o', out], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /published 104 pages/);
    assert.match(r.stderr, /published 104 of 104 pages/);
    const all = await files(out);
    for (const f of ['index.html', 'soa.html', 'risks.html', 'traceability.html', 'policies/access-control.html', 'controls/A.5.15.html', 'controls/A.8.34.html']) assert.ok(all.includes(f), f);
    const access = await readFile(path.join(out, 'policies/access-control.html'), 'utf8');
    assert.match(access, new RegExp(`<td>2026-06-01</td><td>Sam Owner</td><td>${SUBJECTS.access}</td>`));
    assert.match(access, new RegExp(`<td>2026-01-12</td><td>Dana Auditor</td><td>${SUBJECTS.initial}</td>`));
    assert.match(access, /<a href="\.\.\/controls\/A\.5\.15\.html" class="ctl">A\.5\.15<\/a>/);
    const isp = await readFile(path.join(out, 'policies/information-security-policy.html'), 'utf8');
    assert.ok(!isp.includes(SUBJECTS.access), 'only commits touching the file are listed');
    // The findings are those of HEAD's date, stated on the index.
    assert.match(await readFile(path.join(out, 'index.html'), 'utf8'), /As checked by ISMS Author on 2026-06-01/);
    const control = await readFile(path.join(out, 'controls/A.5.15.html'), 'utf8');
    assert.match(control, /href="\.\.\/policies\/access-control\.html#purpose"/);
    assert.match(control, /href="\.\.\/risks\.html#risk-r-003"/);
  });

  it('gives byte-identical files for the same commit, and only relative links that resolve', async () => {
    const a = path.join(tmp, 'det-a');
    const b = path.join(tmp, 'det-b');
    assert.equal(cli(['publish', repo, '-o', a, '--guidance'], tmp).code, 0);
    assert.equal(cli(['publish', '.', '-o', b, '--guidance'], repo).code, 0);
    const names = await files(a);
    assert.deepEqual(await files(b), names);
    const ids = new Map<string, Set<string>>();
    const pages = names.filter((n) => n.endsWith('.html'));
    for (const n of pages) {
      const html = await readFile(path.join(a, n), 'utf8');
      assert.equal(html, await readFile(path.join(b, n), 'utf8'), `${n} differs between runs`);
      ids.set(n, new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])));
    }
    let links = 0;
    for (const n of pages) {
      const html = await readFile(path.join(a, n), 'utf8');
      assert.doesNotMatch(html, /<script|\son[a-z]+=|(?:src|href)="\/|<link /i, n);
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) {
        if (/^(https?|mailto):/.test(href)) continue;
        assert.doesNotMatch(href, /^[a-z][a-z0-9+.-]*:|^\//i, `${n}: ${href} is not relative`);
        const [file, fragment] = href.split('#');
        const target = file ? path.posix.normalize(path.posix.join(path.posix.dirname(n), file)) : n;
        assert.ok(ids.has(target), `${n} links to a missing page ${href}`);
        if (fragment) assert.ok(ids.get(target)!.has(fragment), `${n} links to ${href}: no such id`);
        links++;
      }
    }
    assert.ok(links > 1500, `${links} links`);
  });

  it('removes a policy without scripts or event handlers, and neutralises dangerous links', async () => {
    const dir = path.join(tmp, 'hostile-policy');
    await cp(ACME, dir, { recursive: true });
    await writeFile(path.join(dir, 'policies/evil.md'), `---
title: Evil <script>alert("title")</script>
version: "1.0"
---
# Evil policy

<script>alert(1)</script>
<img src="x" onerror="alert(2)">
<a href="javascript:alert(3)" onclick="alert(4)">click me</a>
<div onmouseover="alert(5)">hover text</div>
<iframe src="https://evil.example/"></iframe>
<svg onload="alert(6)"><circle r="4"/></svg>
<style>body { background: url(https://evil.example/x.png) }</style>

[a link](javascript:alert(7)) and ![pixel](https://evil.example/pixel.png) and <details><summary>More</summary>Kept text under A.5.15</details>

| Safe | Table |
|---|---|
| <b onclick="alert(8)">bold</b> | cell |
`);
    const out = path.join(tmp, 'hostile-site');
    const r = cli(['publish', dir, '-o', out], tmp);
    assert.equal(r.code, 0, r.stderr);
    const html = await readFile(path.join(out, 'policies/evil.html'), 'utf8');
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /javascript:/i);
    assert.doesNotMatch(html, /evil\.example/);
    const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    assert.doesNotMatch(article, /<(iframe|img|style|svg)\b/i);
    assert.doesNotMatch(article, /background/, 'a <style> element goes with its content');
    assert.match(html, /hover text/);
    assert.match(html, /click me/);
    assert.match(html, /<details><summary>More<\/summary>Kept text under <a href="\.\.\/controls\/A\.5\.15\.html" class="ctl">A\.5\.15<\/a><\/details>/);
    assert.match(html, /<b>bold<\/b>/);
    assert.match(html, /\[image: pixel\]/);
    assert.match(html, /Evil &lt;script&gt;/, 'the front-matter title is escaped, not interpreted');
    // Not a Git repository: said plainly on the page and on the terminal.
    assert.match(html, /not a Git repository/);
    assert.match(r.stderr, /not in a Git repository/);
  });

  it('removes the pages of an earlier run that no longer exist, and nothing else', async () => {
    const dir = path.join(tmp, 'shrinking');
    await cp(ACME, dir, { recursive: true });
    const out = path.join(tmp, 'shrinking-site');
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, 'README.txt'), 'kept');
    assert.equal(cli(['publish', dir, '-o', out], tmp).code, 0);
    assert.ok(existsSync(path.join(out, 'policies/supplier-security.html')));
    await rm(path.join(dir, 'policies/supplier-security.md'));
    const r = cli(['publish', dir, '-o', out], tmp);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /removed 1 stale/);
    assert.ok(!existsSync(path.join(out, 'policies/supplier-security.html')));
    assert.equal(await readFile(path.join(out, 'README.txt'), 'utf8'), 'kept');
  });

  it('refuses an output folder that contains the ISMS, and a missing -o', () => {
    const r = cli(['publish', repo, '-o', path.dirname(repo)], tmp);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /would contain the ISMS folder/);
    assert.equal(cli(['publish', repo], tmp).code, 2);
  });

  it('--pdf without a browser says so and still writes the site', async () => {
    const out = path.join(tmp, 'nopdf');
    const r = cli(['publish', repo, '-o', out, '--pdf'], tmp, { ISMS_CHROMIUM: path.join(tmp, 'no-such-browser') });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /No Chromium-family browser was found for --pdf/);
    assert.ok(existsSync(path.join(out, 'index.html')));
    assert.ok(!existsSync(path.join(out, 'pdf')));
  });
});

describe('check --staged and policy/version-not-bumped', () => {
  it('compares the working tree with HEAD by default and the index with --staged', async () => {
    const dir = await acmeRepository('isms-staged-');
    try {
      const file = path.join(dir, 'policies/incident-response.md');
      const original = await readFile(file, 'utf8');
      const line = original.split('\n').findIndex((l) => l.startsWith('version:')) + 1;
      const finding = `policies/incident-response.md:${line}:10 warning policy/version-not-bumped`;
      assert.ok(!cli(['check', '.'], dir).stdout.includes('version-not-bumped'));
      await writeFile(file, original.replace('## ', 'An added sentence.\n\n## '));
      assert.ok(cli(['check', '.'], dir).stdout.includes(finding), 'working tree changed, version not');
      assert.ok(!cli(['check', '.', '--staged'], dir).stdout.includes('version-not-bumped'), 'nothing staged yet');
      gitIn(dir, ['add', 'policies/incident-response.md']);
      assert.ok(cli(['check', '--staged', 'policies/incident-response.md'], dir).stdout.includes('The staged policy differs'));
      await writeFile(file, original.replace('## ', 'An added sentence.\n\n## ').replace(/^version: .*$/m, 'version: "9.9"'));
      gitIn(dir, ['add', 'policies/incident-response.md']);
      assert.ok(!cli(['check', '--staged', '.'], dir).stdout.includes('version-not-bumped'), 'version raised');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is silent outside Git', async () => {
    const dir = path.join(tmp, 'nogit');
    await cp(ACME, dir, { recursive: true });
    const file = path.join(dir, 'policies/incident-response.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('## ', 'An added sentence.\n\n## '));
    const r = cli(['check', '.', '--staged'], dir);
    assert.ok(!r.stdout.includes('version-not-bumped'));
    assert.notEqual(r.code, 2, r.stderr);
  });
});

describe('Git is read without running programs a repository names', () => {
  it('fsmonitor, external diff, textconv, filters, pager and gpg configured in .git/config never run', async () => {
    const dir = await acmeRepository('isms-hostile-');
    try {
      const markers = path.join(dir, '..', `${path.basename(dir)}-markers`);
      await mkdir(markers, { recursive: true });
      const program = (name: string) => {
        const p = path.join(markers, `${name}.sh`);
        return { p, body: `#!/bin/sh\ntouch "${markers}/${name}.ran"\ncat >/dev/null 2>&1\nexit 0\n` };
      };
      const names = ['fsmonitor', 'extdiff', 'textconv', 'clean', 'smudge', 'pager', 'gpg', 'hook'];
      for (const n of names) { const { p, body } = program(n); await writeFile(p, body); chmodSync(p, 0o755); }
      const sh = (n: string) => path.join(markers, `${n}.sh`);
      const config = `
[core]
\tfsmonitor = ${sh('fsmonitor')}
\tpager = ${sh('pager')}
\thooksPath = ${markers}
[diff]
\texternal = ${sh('extdiff')}
[diff "evil"]
\ttextconv = ${sh('textconv')}
[filter "evil"]
\tclean = ${sh('clean')}
\tsmudge = ${sh('smudge')}
[log]
\tshowSignature = true
[gpg]
\tprogram = ${sh('gpg')}
`;
      await writeFile(path.join(dir, '.git/config'), (await readFile(path.join(dir, '.git/config'), 'utf8')) + config);
      await writeFile(path.join(dir, '.gitattributes'), '*.md diff=evil filter=evil\n*.yaml diff=evil filter=evil\n');
      for (const hook of ['pre-commit', 'post-checkout', 'reference-transaction', 'post-index-change']) {
        await writeFile(path.join(markers, hook), `#!/bin/sh\ntouch "${markers}/hook.ran"\n`);
        chmodSync(path.join(markers, hook), 0o755);
      }
      const file = path.join(dir, 'policies/incident-response.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('## ', 'An added sentence.\n\n## '));

      const out = path.join(dir, '..', `${path.basename(dir)}-site`);
      const published = cli(['publish', dir, '-o', out], dir, { PAGER: sh('pager'), GIT_PAGER: sh('pager') });
      assert.equal(published.code, 0, published.stderr);
      const checked = cli(['check', '.'], dir);
      const staged = cli(['check', '.', '--staged'], dir);
      assert.ok(checked.stdout.includes('policy/version-not-bumped'), 'Git was read (the rule saw HEAD)');
      assert.ok(staged.stdout !== undefined);
      assert.match(await readFile(path.join(out, 'policies/access-control.html'), 'utf8'), new RegExp(SUBJECTS.access), 'history was read');
      assert.deepEqual((await readdir(markers)).filter((f) => f.endsWith('.ran')), [], 'a configured program ran');

      // The same configuration does run these programs for ordinary Git commands: the markers work.
      spawnSync('git', ['status'], { cwd: dir, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
      spawnSync('git', ['diff'], { cwd: dir, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
      const ran = (await readdir(markers)).filter((f) => f.endsWith('.ran'));
      assert.ok(ran.includes('fsmonitor.ran'), `control: git status runs the fsmonitor (${ran.join(', ')})`);
      assert.ok(ran.includes('extdiff.ran') || ran.includes('textconv.ran') || ran.includes('clean.ran'), `control: git diff runs a diff program (${ran.join(', ')})`);
      await rm(out, { recursive: true, force: true });
      await rm(markers, { recursive: true, force: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
