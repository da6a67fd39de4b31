// @ts-check
/**
 * Dev-server benchmark (`npm run bench:dev`): how long after saving an article its new text
 * shows in a browser that has the article open.
 *
 *   node bench/dev.js [--articles 10000] [--edits 5] [--seed 42] [--keep]
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
  console.log('usage: node bench/dev.js [--articles 10000] [--edits 5] [--seed 42] [--keep]');
  process.exit(0);
}
const articles = parseIntArg(args.articles, 10000);
const edits = parseIntArg(args.edits, 5);
const seed = parseIntArg(args.seed, 42);
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
let log = '';
/** @type {(url: string) => void} */
let onReady = () => {};
const ready = new Promise((resolve) => (onReady = resolve));
server.stdout.setEncoding('utf8');
server.stdout.on('data', (/** @type {string} */ chunk) => {
  log += chunk;
  for (const match of chunk.matchAll(/rebuilt \d+ files in (\d+) ms/g)) rebuilds.push(Number(match[1]));
  const url = /Local:\s+(http:\/\/\S+)/.exec(log.replace(/\x1b\[[0-9;]*m/g, ''));
  if (url) onReady(url[1]);
});
server.stderr.resume();
const exited = new Promise((resolve) => server.on('exit', resolve));

let browser;
try {
  const base = await Promise.race([ready, exited.then(() => { throw new Error(`gazette dev exited:\n${log}`); })]);
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${articles} articles; server ready in ${fmt(startupMs)} ms (first build ${fmt(rebuilds[0] ?? NaN)} ms)`);
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage();
  const url = new URL(route, base).href;
  await page.goto(url);
  /** @type {number[]} */
  const visible = [];
  /** @type {number[]} */
  const whole = [];
  for (let edit = 1; edit <= edits; edit++) {
    const marker = `Edit marker ${edit} ${Date.now().toString(36)}`;
    const before = rebuilds.length;
    const t0 = process.hrtime.bigint();
    fs.writeFileSync(file, `${original.trimEnd()}\n\n${marker} was added to this article.\n`);
    for (;;) {
      const shown = await page.evaluate((text) => document.body?.textContent?.includes(text) ?? false, marker).catch(() => false);
      if (shown) break;
      if (Number(process.hrtime.bigint() - t0) / 1e6 > 120000) throw new Error(`edit ${edit} never showed`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    visible.push(Number(process.hrtime.bigint() - t0) / 1e6);
    // Let the whole-site rebuild finish before the next edit, so edits do not overlap.
    while (rebuilds.length === before) await new Promise((resolve) => setTimeout(resolve, 20));
    whole.push(rebuilds[rebuilds.length - 1]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    console.log(`  edit ${edit}: in the browser after ${fmt(visible[visible.length - 1])} ms; whole site rebuilt in ${fmt(whole[whole.length - 1])} ms`);
  }
  console.log(`median over ${edits} edits: edit in the browser ${fmt(median(visible))} ms (min ${fmt(Math.min(...visible))}, max ${fmt(Math.max(...visible))}); whole-site rebuild ${fmt(median(whole))} ms`);
  writeJson(path.join(BENCH_DIR, 'out', 'dev.json'), { machine, articles, edits, startupMs, firstBuildMs: rebuilds[0], visibleMs: visible, rebuildMs: whole, median: { visibleMs: median(visible), rebuildMs: median(whole) } });
} finally {
  await browser?.close();
  server.kill();
  await exited;
}
