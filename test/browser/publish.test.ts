/// <reference lib="dom" />
// The published site in a real browser: Debian's Chromium (through playwright-core) opens the site
// from file://, follows every link of every page (each must reach an existing page and, with a
// fragment, an element with that id), and sees no console error, no page error and no request
// other than file:// ones. Screenshots of the index, a policy, the SoA and the heat map go to
// test-output/publish/. Run with `npm run test:browser` (needs `npm run build` and Chromium).
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { ACME, acmeRepository } from '../gitFixture';
import { runCli } from '../helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-output/publish');
const CHROMIUM = process.env.ISMS_CHROMIUM ?? '/usr/bin/chromium';
/** The same launch arguments as the editor UI tests (headless, no sandbox as root, no background traffic). */
const UI_MODULE: string = '../editor/ui.mjs';
let CHROMIUM_ARGS: string[];

let repo: string;
let site: string;
let browser: Browser;

before(async () => {
  ({ CHROMIUM_ARGS } = (await import(UI_MODULE)) as { CHROMIUM_ARGS: string[] });
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}; install it (apt-get install chromium) or set ISMS_CHROMIUM`);
  repo = await acmeRepository('isms-browser-');
  site = await mkdtemp(path.join(tmpdir(), 'isms-site-'));
  const r = runCli(['publish', repo, '-o', site, '--guidance']);
  assert.equal(r.code, 0, r.err);
  await mkdir(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await rm(repo, { recursive: true, force: true });
  await rm(site, { recursive: true, force: true });
});

test('every page opens from file:// without errors or network requests, and every link resolves', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  let current = '';
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${current}: console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${current}: page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`${current}: request to ${r.url()}`); });
  page.on('requestfailed', (r) => problems.push(`${current}: failed to load ${r.url()}`));

  const start = pathToFileURL(path.join(site, 'index.html')).toString();
  const queue = [start];
  const visited = new Set<string>();
  const ids = new Map<string, Set<string>>();
  const links: { from: string; to: string }[] = [];
  while (queue.length) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    current = path.relative(site, fileURLToPath(url));
    const response = await page.goto(url);
    assert.ok(response === null || response.ok(), `${current} did not load`);
    const found = await page.evaluate(() => ({
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => ({ raw: a.getAttribute('href')!, abs: (a as HTMLAnchorElement).href })),
      scripts: document.querySelectorAll('script').length,
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
    }));
    assert.equal(found.scripts, 0, `${current} has a script element`);
    assert.deepEqual(found.handlers, [], `${current} has event handler attributes`);
    ids.set(url, new Set(found.ids));
    for (const { raw, abs } of found.hrefs) {
      if (/^(https?|mailto):/i.test(raw)) continue; // links out of the site are for the reader, never loaded
      assert.ok(!/^[a-z][a-z0-9+.-]*:|^\//i.test(raw), `${current} links with a non-relative href: ${raw}`);
      links.push({ from: current, to: abs });
      const target = abs.split('#')[0];
      if (!visited.has(target)) queue.push(target);
    }
  }
  for (const { from, to } of links) {
    const [target, fragment] = to.split('#');
    assert.ok(existsSync(fileURLToPath(target)), `${from} links to a missing file ${to}`);
    if (fragment) assert.ok(ids.get(target)?.has(decodeURIComponent(fragment)), `${from} links to ${to}, which has no element with id "${fragment}"`);
  }
  assert.deepEqual(problems, []);
  // index, SoA, risks, traceability, 7 policies and 93 controls
  assert.equal(visited.size, 4 + 7 + 93);
  assert.ok(links.length > 1000, `only ${links.length} links followed`);
  await context.close();
});

test('screenshots of the index, a policy, the SoA and the heat map', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const shoot = async (file: string, name: string, fullPage = true) => {
    await page.goto(pathToFileURL(path.join(site, file)).toString());
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
  };
  await shoot('index.html', 'index');
  await shoot('policies/access-control.html', 'policy-access-control');
  await shoot('soa.html', 'soa', false);
  await page.goto(pathToFileURL(path.join(site, 'risks.html')).toString());
  await page.locator('#heat-map').screenshot({ path: path.join(SHOTS, 'heat-map.png') });
  await shoot('controls/A.5.15.html', 'control-A.5.15');
  // What an auditor prints: the policy in print media.
  await page.emulateMedia({ media: 'print' });
  await shoot('policies/access-control.html', 'policy-access-control-print');
  for (const name of ['index', 'policy-access-control', 'soa', 'heat-map']) assert.ok(existsSync(path.join(SHOTS, `${name}.png`)), name);
  // The revision history made by the fixture shows on the policy page.
  await page.emulateMedia({ media: 'screen' });
  await page.goto(pathToFileURL(path.join(site, 'policies/access-control.html')).toString());
  const history = await page.locator('.doc-control table').innerText();
  assert.match(history, /Access control: quarterly review of production access/);
  assert.match(history, /Sam Owner/);
  await page.close();
});

test('--pdf prints the registers and each policy through the local Chromium', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'isms-pdf-ws-'));
  const out = await mkdtemp(path.join(tmpdir(), 'isms-pdf-site-'));
  try {
    await mkdir(path.join(dir, 'policies'));
    for (const f of ['soa.yaml', 'risks.yaml', 'isms.config.yaml', 'policies/access-control.md']) await copyFile(path.join(ACME, f), path.join(dir, f));
    const r = runCli(['publish', dir, '-o', out, '--pdf'], { env: { ISMS_CHROMIUM: CHROMIUM } });
    assert.equal(r.code, 0, r.err);
    const stderr = r.err;
    for (const f of ['index', 'soa', 'risks', 'traceability', 'policies/access-control']) {
      const pdf = await readFile(path.join(out, 'pdf', `${f}.pdf`));
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', `${f}.pdf is a PDF`);
    }
    assert.ok(stderr !== undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
});
