// @ts-check
/**
 * Gazette vs Hugo vs Eleventy 3 vs a plain unified pipeline vs `cp -r` (`npm run bench:compare`).
 *
 *   node bench/compare.js [--sizes 1000,4000] [--runs 3] [--timeout 600] [--seed 42] [--keep] [--no-docs]
 *
 * Same generated corpus for every tool. Hugo and Eleventy get equivalent minimal sites (home list
 * of all articles newest first, one page per article, one page per tag + tags index, one RSS
 * feed of the 50 newest); seeds are converted to Markdown for them during setup (not timed).
 * Tools run round-robin (order rotated each round) in one session; every run starts cold
 * (fresh copy of the Gazette corpus, fresh output dir, fresh Hugo cacheDir).
 * Writes bench/out/compare.json and overwrites docs/benchmarks.md with the measured numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateCorpus } from './corpus.js';
import {
  BENCH_DIR,
  HAS_TIME,
  REPO_ROOT,
  TIME_BIN,
  copyDir,
  countOutputs,
  failureInfo,
  fmt,
  formatTable,
  machineInfo,
  loadNote,
  machineLine,
  makeTempRoot,
  markdownTable,
  parseArgs,
  parseIntArg,
  parseSizes,
  summarize,
  tailLines,
  timedRun,
  writeJson,
} from './lib.js';
import { FEED_ITEMS, ensureEleventy, hugoVersion, makeEleventySite, makeHugoSite } from './sites.js';

const args = parseArgs(process.argv.slice(2));
if (args.help) {
  console.log('usage: node bench/compare.js [--sizes 1000,4000] [--runs 3] [--timeout SECONDS] [--seed 42] [--keep] [--no-docs] [--gazette PATH]');
  process.exit(0);
}
const sizes = parseSizes(args.sizes, [1000, 4000]);
const runs = parseIntArg(args.runs, 3);
const timeoutMs = parseIntArg(args.timeout, 600) * 1000;
const seed = parseIntArg(args.seed, 42);
const keep = args.keep === true;
const writeDocs = args['no-docs'] !== true;
const GAZETTE = typeof args.gazette === 'string' ? path.resolve(args.gazette) : path.join(REPO_ROOT, 'bin', 'gazette.js');
const HUGO = '/usr/bin/hugo';

const machine = machineInfo();
const hugoVer = hugoVersion();
if (hugoVer === null) {
  // A comparison without Hugo would overwrite docs/benchmarks.md with half a table.
  console.error(`${HUGO} was not found: install Debian's package first (apt-get update && apt-get install -y hugo).`);
  process.exit(1);
}
const eleventy = ensureEleventy();
console.log(`Gazette comparison — ${machineLine(machine)}`);
console.log(`hugo: ${hugoVer}; eleventy: ${eleventy.version}; sizes ${sizes.join(', ')}; ${runs} runs each, round-robin`);
if (!HAS_TIME) console.log(`NOTE: ${TIME_BIN} is missing: peak RSS and CPU time are not measured (n/a).`);
if (!fs.existsSync(GAZETTE)) console.log(`NOTE: ${GAZETTE} does not exist (yet): Gazette builds will fail.`);

const tmp = makeTempRoot('gazette-bench-compare-', keep);
if (keep) console.log(`temp dir (kept): ${tmp}`);

/**
 * @typedef {object} Tool
 * @property {string} id
 * @property {string} label
 * @property {(dir: string) => {cmd: string, args: string[], cwd?: string, out: string}} prepare  untimed setup, returns the command
 */

const TOOL_LABELS = {
  gazette: 'Gazette (cold)',
  hugo: 'Hugo',
  eleventy: 'Eleventy 3',
  plain: 'plain pipeline',
  copy: 'copy floor (cp -r)',
};
/** @typedef {keyof typeof TOOL_LABELS} ToolId */

const report = {
  machine,
  versions: { hugo: hugoVer, eleventy: eleventy.version, node: process.version },
  timeTool: HAS_TIME ? `${TIME_BIN} -f '%M %U %S'` : null,
  runs,
  seed,
  command: `node bench/compare.js ${process.argv.slice(2).join(' ')}`.trim(),
  sizes: /** @type {any[]} */ ([]),
};
/** @type {(string|number)[][]} */
const rows = [];
/** @type {Map<number, (string|number)[][]>} */
const docRows = new Map();
/** @type {string[]} */
const failureNotes = [];

for (const size of sizes) {
  const base = path.join(tmp, `s${size}`);
  const pristine = path.join(base, 'corpus');
  const corpus = generateCorpus(pristine, { articles: size, seed });
  const hugoSite = path.join(base, 'hugo-site');
  const elevSite = path.join(base, 'eleventy-site');
  makeHugoSite(pristine, hugoSite);
  makeEleventySite(pristine, elevSite);
  console.log(`\n[${size}] corpus: ${corpus.markdown} content/*.md + ${corpus.seeds} seeds/*.txt, ${(corpus.bytes / 2 ** 20).toFixed(1)} MiB, ${corpus.distinctTags} tags`);

  /** @type {Record<ToolId, (run: number) => {cmd: string, args: string[], cwd?: string, out: string}>} */
  const tools = {
    gazette: (run) => {
      const work = path.join(base, `gazette-${run}`);
      copyDir(pristine, work);
      const out = path.join(work, 'dist');
      return { cmd: process.execPath, args: [GAZETTE, 'build', '--root', work, '--out', out, '--no-search'], out };
    },
    hugo: (run) => {
      const out = path.join(base, `hugo-out-${run}`);
      const cache = path.join(base, `hugo-cache-${run}`);
      return { cmd: HUGO, args: ['--source', hugoSite, '--destination', out, '--cacheDir', cache, '--quiet'], cwd: hugoSite, out };
    },
    eleventy: (run) => {
      const out = path.join(base, `eleventy-out-${run}`);
      return { cmd: process.execPath, args: [eleventy.cli, '--input=.', `--output=${out}`, '--quiet'], cwd: elevSite, out };
    },
    plain: (run) => {
      const out = path.join(base, `plain-out-${run}`);
      return { cmd: process.execPath, args: [path.join(BENCH_DIR, 'plain-pipeline.js'), '--root', pristine, '--out', out], out };
    },
    copy: (run) => {
      const out = path.join(base, `copy-${run}`);
      return { cmd: 'cp', args: ['-r', pristine, out], out };
    },
  };
  const ids = /** @type {ToolId[]} */ (Object.keys(tools));
  /** @type {Record<ToolId, import('./lib.js').RunResult[]>} */
  const res = { gazette: [], hugo: [], eleventy: [], plain: [], copy: [] };
  /** @type {Record<ToolId, any[]>} */
  const failures = { gazette: [], hugo: [], eleventy: [], plain: [], copy: [] };
  /** @type {Partial<Record<ToolId, ReturnType<typeof countOutputs>>>} */
  const outputs = {};

  for (let run = 0; run < runs; run++) {
    const order = ids.map((_, i) => ids[(i + run) % ids.length]);
    for (const id of order) {
      const p = tools[id](run);
      const r = await timedRun(p.cmd, p.args, { cwd: p.cwd, timeoutMs });
      res[id].push(r);
      if (r.ok) {
        if (!outputs[id]) outputs[id] = countOutputs(p.out);
        console.log(`  run ${run + 1}/${runs} ${TOOL_LABELS[id].padEnd(20)} ${fmt(r.ms)} ms, ${r.rssKiB === null ? 'n/a' : fmt(r.rssKiB / 1024)} MiB`);
      } else {
        failures[id].push({ run: run + 1, ...failureInfo(r) });
        const tail = tailLines(r.stderrTail || r.stdoutTail, 40).split('\n');
        console.log(`  run ${run + 1}/${runs} ${TOOL_LABELS[id].padEnd(20)} FAILED (exit ${r.code}${r.timedOut ? ', timed out' : ''}) | ${tail.find((l) => /error|fail/i.test(l)) ?? tail[tail.length - 1] ?? ''}`);
      }
      // Outputs stay until the whole run ends (see makeTempRoot in lib.js): removing one tool's
      // thousands of files would slow the next tool's file creation.
    }
  }

  /** @type {Record<string, any>} */
  const summary = {};
  for (const id of ids) summary[id] = { label: TOOL_LABELS[id], ...summarize(res[id]), outputs: outputs[id] ?? null, failures: failures[id], raw: res[id].map((r) => (r.ok ? { ok: true, ms: r.ms, rssKiB: r.rssKiB, cpuMs: r.cpuMs, sysMs: r.sysMs } : { ok: false })) };
  const g = summary.gazette.medianMs;
  /** @type {Record<string, number | null>} */
  const ratios = {};
  for (const id of /** @type {ToolId[]} */ (['hugo', 'eleventy', 'plain', 'copy'])) {
    const x = g / summary[id].medianMs;
    ratios[`gazette/${id}`] = Number.isFinite(x) ? x : null;
    const c = summary.gazette.medianCpuMs / summary[id].medianCpuMs;
    ratios[`gazette/${id} (cpu)`] = Number.isFinite(c) ? c : null;
  }
  /** @type {(string|number)[][]} */
  const sizeRows = [];
  for (const id of ids) {
    const s = summary[id];
    const med = s.okRuns === 0 ? `FAILED ${s.failedRuns}/${res[id].length}` : fmt(s.medianMs) + (s.failedRuns ? ` (${s.failedRuns} failed)` : '');
    const ratio = id === 'gazette' ? '1.00' : ratios[`gazette/${id}`] === null ? 'n/a' : `${fmt(/** @type {number} */ (ratios[`gazette/${id}`]), 2)}`;
    const pages = !s.outputs ? 'n/a' : id === 'copy' ? `(${s.outputs.files} files)` : `${s.outputs.html}${s.outputs.xml ? ` + ${s.outputs.xml} xml` : ''}`;
    const cr = ratios[`gazette/${id} (cpu)`];
    const cpuRatio = id === 'gazette' ? '1.00' : cr === null || cr === undefined ? 'n/a' : fmt(cr, 2);
    sizeRows.push([size, TOOL_LABELS[id], med, fmt(s.minMs), fmt(s.maxMs), fmt(s.peakRssMiB, 1), fmt(s.medianCpuMs / 1000, 2), fmt(s.medianSysMs / 1000, 2), pages, ratio, cpuRatio]);
    for (const f of failures[id]) failureNotes.push(`[${size}] ${TOOL_LABELS[id]} run ${f.run}: exit ${f.code}${f.timedOut ? ' (timeout)' : ''}\n${f.stderrTail.replace(/^/gm, '    | ')}`);
  }
  rows.push(...sizeRows);
  docRows.set(size, sizeRows);
  report.sizes.push({ articles: size, corpus: { ...corpus, contentFiles: undefined }, tools: summary, ratios });
}

const HEADER = ['articles', 'tool', 'median ms', 'min', 'max', 'peak RSS MiB', 'CPU s', 'of it system s', 'HTML pages', 'Gazette ÷ tool', 'Gazette ÷ tool (CPU)'];
const load = loadNote(machine);
console.log(`\nGazette comparison — ${machineLine(machine)}`);
console.log(load);
console.log(`hugo ${hugoVer ?? 'n/a'}; eleventy ${eleventy.version}; medians of ${runs} round-robin runs; ratio > 1 means Gazette is slower (wall time; CPU = user+sys)\n`);
console.log(formatTable(HEADER, rows));
if (failureNotes.length) {
  const seen = new Set();
  console.log('\nFailures (stderr tail):');
  for (const n of failureNotes) {
    const key = n.split('\n').slice(1).join('\n');
    if (seen.has(key)) continue;
    seen.add(key);
    console.log(n);
  }
}
const outFile = path.join(BENCH_DIR, 'out', 'compare.json');
writeJson(outFile, report);
console.log(`\nwrote ${path.relative(REPO_ROOT, outFile)}`);

const gazetteFailed = report.sizes.some((s) => s.tools.gazette.okRuns === 0);
if (writeDocs) {
  const docFile = path.join(REPO_ROOT, 'docs', 'benchmarks.md');
  fs.writeFileSync(docFile, renderDoc());
  console.log(`wrote ${path.relative(REPO_ROOT, docFile)}`);
}
process.exitCode = report.sizes.some((s) => Object.values(s.tools).some((t) => t.okRuns === 0)) ? 1 : 0;

function renderDoc() {
  const m = machine;
  const lines = [
    '# Benchmarks',
    '',
    '<!-- Generated by bench/compare.js; overwritten on every run. Do not edit by hand. -->',
    '',
    `Measured ${m.date.slice(0, 10)} (${m.date}) on ${m.cpu}, ${m.cores} cores, ${m.totalMemGiB} GiB RAM, ${m.platform}, Node ${m.node}.`,
    `Hugo: \`${hugoVer ?? 'not installed'}\`. Eleventy: ${eleventy.version}.`,
    `Machine ${load}.`,
    '',
    'Reproduce (compiles Gazette first):',
    '',
    '```sh',
    `npm run bench:compare -- ${process.argv.slice(2).join(' ') || ''}`.trim(),
    '```',
    '',
    `or \`${report.command}\` on an already compiled tree. Raw numbers: \`bench/out/compare.json\`.`,
    'Rebuild timings (no-change rebuild, one article edited) come from `npm run bench` (`bench/run.js`, JSON in `bench/out/results.json`).',
    '',
  ];
  if (typeof args.gazette === 'string') lines.push(`> Note: Gazette was replaced by \`${GAZETTE}\` (--gazette) in this run.`, '');
  if (gazetteFailed) {
    lines.push('> **Gazette did not build in this run**, so the Gazette ratios are n/a; see the failure below.', '');
  }
  for (const s of report.sizes) {
    const c = s.corpus;
    lines.push(
      `## ${s.articles.toLocaleString('en-US')} articles`,
      '',
      `Corpus: ${c.markdown} \`content/*.md\` + ${c.seeds} raw \`seeds/*.txt\`, ${c.scraped} "scraped with repeats", ${c.distinctTags} tags, ${(c.bytes / 2 ** 20).toFixed(1)} MiB.`,
      '',
      markdownTable(HEADER.slice(1), /** @type {(string|number)[][]} */ (docRows.get(s.articles)).map((r) => r.slice(1))),
      '',
    );
    const r = s.ratios;
    const fr = (/** @type {number|null} */ x) => (x === null ? 'n/a' : `${x.toFixed(2)}×`);
    lines.push(
      `Gazette ÷ Hugo: **${fr(r['gazette/hugo'])}**, Gazette ÷ Eleventy: **${fr(r['gazette/eleventy'])}**, Gazette ÷ plain pipeline: **${fr(r['gazette/plain'])}**, Gazette ÷ copy floor: ${fr(r['gazette/copy'])} (copy floor: ${fmt(s.tools.copy.medianMs)} ms). ` +
        `By CPU time (user+sys): Gazette ÷ Hugo ${fr(r['gazette/hugo (cpu)'])}, ÷ Eleventy ${fr(r['gazette/eleventy (cpu)'])}, ÷ plain ${fr(r['gazette/plain (cpu)'])}.`,
      '',
    );
    const gf = s.tools.gazette.failures[0];
    if (gf) lines.push('Gazette failure (stderr tail):', '', '```', gf.stderrTail, '```', '');
  }
  lines.push(
    '## How measured',
    '',
    `Each tool runs as a whole process (\`node bin/gazette.js build --root W --out W/dist --no-search\`, \`hugo --source … --destination … --cacheDir …\`, Eleventy 3's CLI, \`node bench/plain-pipeline.js\`, \`cp -r\`), and wall time is \`process.hrtime\` around spawn to exit, so start-up is included. ` +
      `Peak RSS and CPU time (user+sys) come from \`${TIME_BIN} -f '%M %U %S'\`; the RSS is the largest single process's maximum RSS (not the sum over processes). ` +
      `The system part of the CPU time is shown apart: on a file system slow to make files, such as ext4 without a journal in the minutes after many files were removed, it moves from run to run far more than the rest. ` +
      `Every run is cold: a fresh copy of the pristine corpus for Gazette (no \`.gazette-cache\`, no previous output; the copy is setup and not timed), a fresh output dir for all, and a fresh \`--cacheDir\` for Hugo; the OS page cache is warm for everyone. ` +
      `The tools run round-robin in one session (order rotated each round), ${runs} round${runs === 1 ? '' : 's'}; the table shows the median, min and max of the successful runs, and a failed run (non-zero exit or a ${timeoutMs / 1000}s timeout) is reported, not timed. ` +
      `The corpus is generated deterministically by \`bench/corpus.js\` (seed ${seed}). Hugo and Eleventy build equivalent minimal sites generated into their temp dirs (home list of all articles newest first, one page per article, one page per tag plus a tags index, one RSS feed of the ${FEED_ITEMS} newest); for them the raw seeds are converted to Markdown beforehand with the title from the first line (not timed), and they do no cleaning. ` +
      'The plain pipeline reads every file and runs gray-matter and unified (remark-parse → remark-rehype → HTML) sequentially, one HTML file per article, with no templates, indexes or feed: it is the floor for "parse and render Markdown in Node", and `cp -r` is the floor for touching the files at all. ' +
      `Gazette also does work the others do not (ingesting the raw seeds into \`content/\`, removing repeated paragraphs) and writes more output (pagination, day and month archives, per-source pages, three feeds and a sitemap: see the HTML pages column; it runs with \`--no-search\`, since the others build no search index), and it also folds copies of one story together and tags raw seeds with the people and places they name, so the ratios are not a strict like-for-like race. The machine has ${m.cores} cores; Hugo uses both, so compare the CPU column as well as wall time.`,
    '',
  );
  return lines.join('\n');
}
