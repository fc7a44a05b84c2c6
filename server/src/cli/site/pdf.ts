// `publish --pdf`: prints pages of the written site to PDF with a locally installed Chromium
// (headless, --print-to-pdf), one process per page, into OUT/pdf/. Nothing is downloaded: without
// a browser the user gets a message saying how to install one or where to point ISMS_CHROMIUM.
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'chrome'];
const FIXED = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

/** The browser to print with: ISMS_CHROMIUM, else a Chromium-family browser on PATH or in its usual place. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.ISMS_CHROMIUM) return existsSync(env.ISMS_CHROMIUM) ? env.ISMS_CHROMIUM : undefined;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const file = path.join(dir, process.platform === 'win32' ? `${name}.exe` : name);
      if (existsSync(file)) return file;
    }
  }
  return FIXED.find((f) => existsSync(f));
}

export const NO_BROWSER_MESSAGE = 'No Chromium-family browser was found for --pdf, so no PDF was written (the HTML site is complete). '
  + 'Install one (on Debian or Ubuntu: apt-get install chromium) or set ISMS_CHROMIUM to its executable; '
  + 'or open the pages in any browser and print them to PDF: the site has print styles.';

function run(file: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 120_000, windowsHide: true }, (error, _stdout, stderr) => resolve(error ? (String(stderr).trim().split('\n').pop() || error.message) : undefined));
  });
}

/** Prints `pages` (site paths) of the site in `output`; returns the PDF paths written (site-relative). */
export async function printPdfs(output: string, pages: string[], log: (m: string) => void = () => undefined): Promise<{ printed: string[] }> {
  const browser = findChromium();
  if (!browser) { log(NO_BROWSER_MESSAGE); return { printed: [] }; }
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'isms-pdf-'));
  const printed: string[] = [];
  try {
    for (const page of pages) {
      const rel = `pdf/${page.replace(/\.html$/, '.pdf')}`;
      const target = path.join(output, ...rel.split('/'));
      await fs.mkdir(path.dirname(target), { recursive: true });
      const args = [
        '--headless', '--disable-gpu', '--no-first-run', '--disable-extensions', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-pdf-header-footer', '--print-to-pdf-no-header',
        `--user-data-dir=${profile}`, `--print-to-pdf=${target}`,
        // Chromium refuses to start as root with its sandbox on.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        pathToFileURL(path.join(output, ...page.split('/'))).toString(),
      ];
      const error = await run(browser, args);
      if (error || !existsSync(target)) { log(`Could not print ${page} to PDF with ${browser}: ${error ?? 'no file was written'}`); continue; }
      printed.push(rel);
      log(`printed ${rel}`);
    }
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  return { printed };
}
