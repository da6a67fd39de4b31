// @ts-check
/**
 * Dev-server benchmark (`npm run bench:dev`): how long after saving an article its new text
 * shows in a browser that has the article open.
 *
 *   node bench/dev.js [--articles 10000] [--edits 5] [--seed 42] [--overlap] [--keep]
 *
 * Generates the corpus (bench/corpus.js), starts `gazette dev` on it as a child process, opens
 * the page of one article in Debian's Chromium (playwright-core), then edits that article's file
 * `--edits` times. Each edit appends a paragraph with a fresh marker; the time is measured from
 * just before the file is written to the moment the marker is in the page the browser shows,
 * polled every 5 ms. The server's own log gives the time of each whole-site rebuild.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateCorpus } from './corpus.js';
import { BENCH_DIR, REPO_ROOT, fmt, machineInfo, machineLine, makeTempRoot, median, parseArgs, parseIntArg, writeJson } from './lib.js';

const args = parseArgs(process.argv.slice(2));
if (args.help) {
  console.log('usage: node bench/dev.js [--articles 10000] [--edits 5] [--seed 42] [--overlap] [--keep]');
  process.exit(0);
}
const articles = parseIntArg(args.articles, 10000);
const edits = parseIntArg(args.edits, 5);
const seed = parseIntArg(args.seed, 42);
// Each edit is written while the last one's rebuild still runs, as a person saving again soon does.
const overlap = args.overlap === true;
const chromiumPath = process.env.GAZETTE_CHROMIUM ?? '/usr/bin/chromium';

const { chromium } = await import('playwright-core');
const machine = machineInfo();
console.log(`Gazette dev-server benchmark — ${machineLine(machine)}`);

const tmp = makeTempRoot('gazette-bench-dev-', args.keep === true);
const root = path.join(tmp, 'site');
generateCorpus(root, { articles, seed });
const name = fs.readdirSync(path.join(root, 'content')).filter((file) => file.endsWith('.md')).sort()[0];
if (!name) throw new Error('the corpus has no content files');
const file = path.join(root, 'content', name);
const original = fs.readFileSync(file, 'utf8');
const date = /^date: (\S+)$/m.exec(original)?.[1];
const slug = /^slug: "([^"]+)"$/m.exec(original)?.[1];
if (!date || !slug) throw new Error(`${name} has no date or slug line`);
const route = `${new Date(date).toISOString().slice(0, 10).replaceAll('-', '/')}/${slug}/`;

const port = 20000 + Math.floor(Math.random() * 20000);
const started = process.hrtime.bigint();
const server = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'gazette.js'), 'dev', '--root', root, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
/** @type {number[]} */
const rebuilds = [];
// Rebuilds the server said it started (the first build is not one): it is idle when all are done.
let rebuildsStarted = 0;
/** Wait until the server has no rebuild running or about to start. */
async function idle() {
  for (let quiet = 0; quiet < 10; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    quiet = rebuildsStarted === rebuilds.length - 1 ? quiet + 1 : 0;
  }
}
let log = '';
let partial = '';
/** @type {(url: string) => void} */
let onReady = () => {};
const ready = new Promise((resolve) => (onReady = resolve));
server.stdout.setEncoding('utf8');
server.stdout.on('data', (/** @type {string} */ chunk) => {
  // Whole lines only: a chunk can end in the middle of one.
  const lines = (partial + chunk).split('\n');
  partial = lines.pop() ?? '';
  for (const line of lines) {
    log += `${line}\n`;
    const rebuilt = /rebuilt \d+ files in (\d+) ms/.exec(line);
    if (rebuilt) rebuilds.push(Number(rebuilt[1]));
    if (line.startsWith('gazette: rebuilding: ')) rebuildsStarted++;
  }
  const url = /Local:\s+(http:\/\/\S+)/.exec(log.replace(/\x1b\[[0-9;]*m/g, ''));
  if (url) onReady(url[1]);
});
let errors = '';
server.stderr.setEncoding('utf8');
server.stderr.on('data', (/** @type {string} */ chunk) => {
  errors = (errors + chunk).slice(-4000);
});
const exited = new Promise((resolve) => server.on('exit', resolve));

let browser;
try {
  const base = await Promise.race([ready, exited.then(() => { throw new Error(`gazette dev exited:\n${log}`); })]);
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${articles} articles; server ready in ${fmt(startupMs)} ms (first build ${fmt(rebuilds[0] ?? NaN)} ms)`);
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage();
  const url = new URL(route, base).href;
  // Edits are measured in a page that listens: its dev client connected to the server's socket
  // (it logs so), or an edit made before then would be missed until the rebuild reloads the page.
  const connected = page.waitForEvent('console', { predicate: (message) => message.text().includes('[vite] connected'), timeout: 10000 }).catch(() => undefined);
  await page.goto(url);
  if (!(await connected)) console.log('  (the page did not say its dev client connected within 10 s)');
  /** @type {number[]} */
  const visible = [];
  /** @type {number[]} */
  const whole = [];
  let lastBefore = -1;
  let overlapped = 0;
  for (let edit = 1; edit <= edits; edit++) {
    const marker = `Edit marker ${edit} ${Date.now().toString(36)}`;
    const before = rebuilds.length;
    // With --overlap: no rebuild has finished since the last edit was written, so one is running.
    const during = overlap && edit > 1 && before === lastBefore;
    if (during) overlapped++;
    lastBefore = before;
    const t0 = process.hrtime.bigint();
    fs.writeFileSync(file, `${original.trimEnd()}\n\n${marker} was added to this article.\n`);
    for (;;) {
      const shown = await page.evaluate((text) => document.body?.textContent?.includes(text) ?? false, marker).catch(() => false);
      if (shown) break;
      if (Number(process.hrtime.bigint() - t0) / 1e6 > 120000) throw new Error(`edit ${edit} never showed; the server's last output:\n${log.slice(-2000)}\n${errors}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    visible.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (overlap) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      console.log(`  edit ${edit}: in the browser after ${fmt(visible[visible.length - 1])} ms${during ? ', written while a rebuild ran' : ''}`);
      continue;
    }
    // Let the whole-site rebuild finish before the next edit, so edits do not overlap. An editor's
    // save can come as two file events, and the second may start another (short) rebuild once the
    // first is done: the edit's rebuild is the longest of them.
    while (rebuilds.length === before) await new Promise((resolve) => setTimeout(resolve, 20));
    await idle();
    whole.push(Math.max(...rebuilds.slice(before)));
    console.log(`  edit ${edit}: in the browser after ${fmt(visible[visible.length - 1])} ms; whole site rebuilt in ${fmt(whole[whole.length - 1])} ms`);
  }
  if (overlap) {
    // Once the server is idle, the site it serves must hold the last edit.
    await idle();
    const served = await (await fetch(url, { cache: 'no-store' })).text();
    if (!served.includes(`Edit marker ${edits} `)) throw new Error('the site served after the last rebuild does not hold the last edit');
  }
  const rebuildMs = overlap ? rebuilds.slice(1) : whole;
  console.log(`median over ${edits} edits${overlap ? ` (${overlapped} written while a rebuild ran)` : ''}: edit in the browser ${fmt(median(visible))} ms (min ${fmt(Math.min(...visible))}, max ${fmt(Math.max(...visible))}); whole-site rebuild ${fmt(median(rebuildMs))} ms`);
  writeJson(path.join(BENCH_DIR, 'out', overlap ? 'dev-overlap.json' : 'dev.json'), { machine, articles, edits, overlap, overlapped, startupMs, firstBuildMs: rebuilds[0], visibleMs: visible, rebuildMs, median: { visibleMs: median(visible), rebuildMs: median(rebuildMs) } });
} finally {
  await browser?.close();
  server.kill();
  await exited;
}
