/**
 * `npm run bench:console-load`: how much JavaScript the console ships and how fast Chromium loads
 * it from a node on loopback — cold (empty cache, as at first visit) and warm (reload), signed out
 * (the sign-in page) and signed in (the overview with its data). Needs `npm run build` and Debian's
 * Chromium. A benchmark reports numbers; it asserts nothing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CHROMIUM, CONSOLE_INDEX, LAPTOP, launchChromium, signIn, openConsole } from '../console/browser/chromium.js';
import { startTestNode } from '../test-support/nodes.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DIST = join(CONSOLE_INDEX, '..');

interface Timing {
  dcl: number;
  load: number;
  ready: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The files index.html loads (scripts, module preloads, styles), as paths in dist/console. */
function shippedFiles(): string[] {
  const html = readFileSync(CONSOLE_INDEX, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/console\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  return [...new Set(refs)].filter((r) => r !== '');
}

/** Every script in assets/, loaded at once or later (screens split into their own chunks). */
function allScripts(): string[] {
  const dir = join(DIST, 'assets');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.js'))
        .map((f) => `assets/${f}`)
    : [];
}

function sizes(files: string[]): { raw: number; gzip: number; brotli: number } {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const f of files) {
    const bytes = readFileSync(join(DIST, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes).length;
  }
  return { raw, gzip, brotli };
}

/** Navigation Timing of the page just loaded, from navigation start, in ms. */
async function navigationTiming(page: Page): Promise<{ dcl: number; load: number }> {
  // loadEventEnd is set only once the load handlers have run, just after the 'load' event fires.
  await page.waitForFunction("(performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0) > 0");
  return (await page.evaluate(
    "(() => { const n = performance.getEntriesByType('navigation')[0]; return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd }; })()",
  )) as { dcl: number; load: number };
}

async function timed(page: Page, go: () => Promise<unknown>, readyTestId: string): Promise<Timing> {
  await go();
  await page.getByTestId(readyTestId).first().waitFor({ state: 'visible' });
  const ready = Number(await page.evaluate('performance.now()'));
  return { ...(await navigationTiming(page)), ready };
}

function report(label: string, runs: Timing[]): void {
  const col = (k: keyof Timing) => runs.map((r) => r[k]);
  const fmt = (v: number[]) => `${percentile(v, 50).toFixed(0)} / ${percentile(v, 95).toFixed(0)} / ${Math.max(...v).toFixed(0)} ms`;
  console.log(`  ${label.padEnd(36)} DOMContentLoaded ${fmt(col('dcl'))}   load ${fmt(col('load'))}   usable ${fmt(col('ready'))}`);
}

async function main(): Promise<void> {
  if (!existsSync(CONSOLE_INDEX)) throw new Error(`${CONSOLE_INDEX} is missing: run "npm run build" first`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);

  const first = shippedFiles();
  const firstJs = first.filter((f) => f.endsWith('.js'));
  const scripts = allScripts();
  const a = sizes(firstJs);
  const b = sizes(first.filter((f) => f.endsWith('.css')));
  const c = sizes(scripts);
  console.log('Console bundle (dist/console):');
  console.log(`  JavaScript loaded by index.html (${firstJs.length} files): ${kb(a.raw)} raw, ${kb(a.gzip)} gzip, ${kb(a.brotli)} brotli`);
  console.log(`  CSS loaded by index.html: ${kb(b.raw)} raw, ${kb(b.gzip)} gzip`);
  console.log(`  all JavaScript in assets/ (${scripts.length} files, incl. chunks loaded later): ${kb(c.raw)} raw, ${kb(c.gzip)} gzip`);

  const node = await startTestNode({ name: 'bench', country: 'US', backend: 'sqlite' });
  const browser = await launchChromium();
  try {
    const signedOutCold: Timing[] = [];
    const signedOutWarm: Timing[] = [];
    const signedInCold: Timing[] = [];
    for (let i = 0; i < RUNS; i++) {
      const win = await openConsole(browser, node);
      signedOutCold.push(await timed(win.page, () => win.page.goto('/console/'), 'signin-username'));
      signedOutWarm.push(await timed(win.page, () => win.page.reload(), 'signin-username'));
      await win.close();
    }
    for (let i = 0; i < RUNS; i++) {
      const win = await openConsole(browser, node);
      await signIn(win, 'analyst');
      // Signed in, with an empty cache: what a person sees on opening the console again tomorrow.
      const fresh = await browser.newContext({ baseURL: node.url, viewport: LAPTOP, storageState: await win.context.storageState() });
      const page = await fresh.newPage();
      signedInCold.push(await timed(page, () => page.goto('/console/'), 'nav-overview'));
      await fresh.close();
      await win.close();
    }
    console.log(`Loading the console from ${node.url} in Chromium ${browser.version()}, ${RUNS} runs each (median / p95 / max):`);
    report('sign-in page, empty cache', signedOutCold);
    report('sign-in page, reload (cached)', signedOutWarm);
    report('overview signed in, empty cache', signedInCold);
  } finally {
    await browser.close();
    await node.close();
  }
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exitCode = 1;
});
