// @ts-check
/**
 * Gazette build benchmark (`npm run bench`).
 *
 *   node bench/run.js [--sizes 1000,10000] [--runs 3] [--timeout 600] [--seed 42] [--keep]
 *
 * For each size: generates the corpus once (os.tmpdir), then per run copies the pristine
 * corpus to a fresh work dir and times whole processes:
 *   cold build          node bin/gazette.js build --root W --out W/dist   (no .gazette-cache, no dist)
 *   no-change rebuild   the same command again (answered by the up-to-date check)
 *   all touched         every source's times changed, bytes the same (as after a checkout): the
 *                       check fails, and the build reads and compares everything
 *   one article edited  one content/*.md body paragraph rewritten, then the same command
 *   fresh checkout      the sources copied afresh to the same path (new times and inodes), with
 *                       .gazette-cache/ and dist/ copied back beside them, as CI restores them
 * plus the floor: `cp -r` of the corpus as a whole process.
 * Wall time = process.hrtime around the spawned process; peak RSS from /usr/bin/time -f %M.
 * Results: table on stdout, JSON in bench/out/results.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { editedParagraph, generateCorpus } from './corpus.js';
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
  parseArgs,
  parseIntArg,
  parseSizes,
  summarize,
  tailLines,
  timedRun,
  writeJson,
} from './lib.js';

const args = parseArgs(process.argv.slice(2));
if (args.help) {
  console.log('usage: node bench/run.js [--sizes 1000,10000] [--runs 3] [--timeout SECONDS] [--seed 42] [--keep] [--gazette PATH/TO/gazette.js]');
  process.exit(0);
}
const sizes = parseSizes(args.sizes, [1000, 10000]);
const runs = parseIntArg(args.runs, 3);
const timeoutMs = parseIntArg(args.timeout, 600) * 1000;
const seed = parseIntArg(args.seed, 42);
const keep = args.keep === true;
const GAZETTE = typeof args.gazette === 'string' ? path.resolve(args.gazette) : path.join(REPO_ROOT, 'bin', 'gazette.js');

const machine = machineInfo();
console.log(`Gazette benchmark — ${machineLine(machine)}`);
console.log(`sizes ${sizes.join(', ')}; ${runs} runs each; timeout ${timeoutMs / 1000}s per process`);
if (!HAS_TIME) console.log(`NOTE: ${TIME_BIN} is missing: peak RSS is not measured (shown as n/a).`);
if (!fs.existsSync(GAZETTE)) console.log(`NOTE: ${GAZETTE} does not exist (yet): Gazette builds will fail.`);

const tmp = makeTempRoot('gazette-bench-run-', keep);
if (keep) console.log(`temp dir (kept): ${tmp}`);

/**
 * Rewrites one body paragraph (the second one) of a Markdown file with frontmatter.
 * @param {string} file
 * @param {number} salt
 */
function editOneArticle(file, salt) {
  const text = fs.readFileSync(file, 'utf8');
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  const head = m ? m[0] : '';
  const paras = text.slice(head.length).split(/\n\s*\n/);
  const idx = paras.findIndex((p, i) => i >= 1 && p.trim().length > 40);
  const at = idx === -1 ? paras.findIndex((p) => p.trim() !== '') : idx;
  const para = editedParagraph(seed * 1000 + salt);
  paras[at < 0 ? 0 : at] = para;
  const next = head + paras.join('\n\n');
  if (next === text) throw new Error(`edit of ${file} changed nothing`);
  fs.writeFileSync(file, next);
  // a plain five-word phrase of the new paragraph, to check the rebuilt site shows it
  return /[A-Za-z]+(?: [A-Za-z]+){4}/.exec(para.slice(8))?.[0] ?? para.slice(8, 40);
}

/**
 * Give every source new times and keep its bytes, as a checkout or a copy does (untimed).
 * @param {string} root
 */
function touchSources(root) {
  const now = new Date();
  for (const folder of ['content', 'seeds']) {
    for (const name of fs.readdirSync(path.join(root, folder))) fs.utimesSync(path.join(root, folder, name), now, now);
  }
}

/**
 * Whether any .html file under dir contains the phrase (sanity check, untimed).
 * @param {string} dir
 * @param {string} phrase
 */
function htmlContains(dir, phrase) {
  /** @param {string} d @returns {boolean} */
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() ? walk(p) : e.name.endsWith('.html') && fs.readFileSync(p, 'utf8').includes(phrase)) return true;
    }
    return false;
  };
  return fs.existsSync(dir) && walk(dir);
}

/** @param {string} root */
const gazetteArgs = (root) => [GAZETTE, 'build', '--root', root, '--out', path.join(root, 'dist')];

const MEASURES = /** @type {const} */ ({
  copy: 'copy floor (cp -r)',
  cold: 'cold build',
  noop: 'no-change rebuild',
  touch: 'no-change, all touched',
  edit: 'one article edited',
  checkout: 'fresh checkout, cache and dist/ kept',
});
/** @typedef {keyof typeof MEASURES} Measure */

const report = { machine, timeTool: HAS_TIME ? `${TIME_BIN} -f '%M %U %S'` : null, runs, seed, sizes: /** @type {any[]} */ ([]) };
/** @type {(string|number)[][]} */
const rows = [];
/** @type {string[]} */
const failureNotes = [];

for (const size of sizes) {
  const pristine = path.join(tmp, `corpus-${size}`);
  const corpus = generateCorpus(pristine, { articles: size, seed });
  console.log(
    `\n[${size}] corpus: ${corpus.markdown} content/*.md + ${corpus.seeds} seeds/*.txt, ${(corpus.bytes / 2 ** 20).toFixed(1)} MiB`,
  );
  // the article that gets edited: a pristine content/*.md (not a seed), fixed for all runs
  const editFile = corpus.contentFiles[Math.floor(corpus.contentFiles.length / 2)];

  /** @type {Record<Measure, import('./lib.js').RunResult[]>} */
  const res = { copy: [], cold: [], noop: [], touch: [], edit: [], checkout: [] };
  /** @type {Record<Measure, any[]>} */
  const failures = { copy: [], cold: [], noop: [], touch: [], edit: [], checkout: [] };
  /** @type {ReturnType<typeof countOutputs> | null} */
  let outputs = null;
  /** @type {boolean | null} whether the edited text showed up in the rebuilt site (checked on the first run) */
  let editVisible = null;

  /** @param {Measure} measure @param {number} run @param {import('./lib.js').RunResult} r */
  const record = (measure, run, r) => {
    res[measure].push(r);
    const status = r.ok ? `${fmt(r.ms)} ms, ${r.rssKiB === null ? 'n/a' : fmt(r.rssKiB / 1024)} MiB` : `FAILED (exit ${r.code}${r.timedOut ? ', timed out' : ''})`;
    console.log(`  run ${run + 1}/${runs} ${MEASURES[measure].padEnd(20)} ${status}`);
    if (!r.ok) {
      failures[measure].push({ run: run + 1, ...failureInfo(r) });
      const tail = tailLines(r.stderrTail || r.stdoutTail, 40).split('\n');
      console.log(`      | ${tail.find((l) => /error|fail/i.test(l)) ?? tail[tail.length - 1] ?? ''}`);
    }
    return r.ok;
  };

  for (let run = 0; run < runs; run++) {
    const copyDst = path.join(tmp, `copy-${size}-${run}`);
    record('copy', run, await timedRun('cp', ['-r', pristine, copyDst], { timeoutMs }));
    // No tree is removed before the end (see makeTempRoot in lib.js): removing one slows the next
    // timed run's file creation on some file systems.

    const work = path.join(tmp, `work-${size}-${run}`);
    copyDir(pristine, work); // setup, not timed
    if (!record('cold', run, await timedRun(process.execPath, gazetteArgs(work), { timeoutMs }))) continue;
    if (!outputs) outputs = countOutputs(path.join(work, 'dist'));
    if (!record('noop', run, await timedRun(process.execPath, gazetteArgs(work), { timeoutMs }))) continue;
    touchSources(work);
    if (!record('touch', run, await timedRun(process.execPath, gazetteArgs(work), { timeoutMs }))) continue;
    const phrase = editOneArticle(path.join(work, 'content', editFile), run);
    if (!record('edit', run, await timedRun(process.execPath, gazetteArgs(work), { timeoutMs }))) continue;
    if (editVisible === null) {
      editVisible = htmlContains(path.join(work, 'dist'), phrase);
      if (!editVisible) console.log(`  WARNING: the edited paragraph ("${phrase}") is not in any rebuilt .html page`);
    }
    // The pages are carried over only at the path they were built at, as on a CI runner: the
    // built tree moves aside and the checkout takes its place (untimed).
    const built = `${work}-built`;
    fs.renameSync(work, built);
    for (const part of ['content', 'seeds', '.gazette-cache', 'dist']) copyDir(path.join(built, part), path.join(work, part));
    record('checkout', run, await timedRun(process.execPath, gazetteArgs(work), { timeoutMs }));
  }

  /** @type {Record<string, any>} */
  const summary = {};
  for (const m of /** @type {Measure[]} */ (Object.keys(MEASURES))) {
    const s = summarize(res[m]);
    summary[m] = { label: MEASURES[m], ...s, msPerArticle: s.medianMs / size, failures: failures[m], raw: res[m].map((r) => (r.ok ? { ok: true, ms: r.ms, rssKiB: r.rssKiB, cpuMs: r.cpuMs, sysMs: r.sysMs } : { ok: false })) };
    const attempted = res[m].length;
    const med = s.okRuns === 0 ? (attempted === 0 ? 'skipped' : `FAILED ${s.failedRuns}/${attempted}`) : fmt(s.medianMs) + (s.failedRuns ? ` (${s.failedRuns} failed)` : '');
    rows.push([size, MEASURES[m], med, fmt(s.minMs), fmt(s.maxMs), fmt(s.peakRssMiB, 1), fmt(s.medianCpuMs / 1000, 2), fmt(s.medianSysMs / 1000, 2), fmt(s.medianMs / size, 3)]);
    for (const f of failures[m]) failureNotes.push(`[${size}] ${MEASURES[m]} run ${f.run}: exit ${f.code}${f.timedOut ? ' (timeout)' : ''}\n${f.stderrTail.replace(/^/gm, '    | ')}`);
  }
  report.sizes.push({ articles: size, corpus: { ...corpus, contentFiles: undefined, editedFile: `content/${editFile}` }, outputs, editVisible, measures: summary });
}

const load = loadNote(machine);
console.log(`\nGazette build benchmark — ${machineLine(machine)}`);
console.log(load);
console.log(`medians of ${runs} runs; min/max over successful runs; peak RSS = highest max-RSS over runs\n`);
console.log(formatTable(['articles', 'measure', 'median ms', 'min', 'max', 'peak RSS MiB', 'CPU s', 'of it system s', 'ms/article'], rows));
for (const s of report.sizes) if (s.outputs) console.log(`[${s.articles}] Gazette output: ${s.outputs.html} .html, ${s.outputs.xml} feed/xml, ${s.outputs.files} files`);
if (failureNotes.length) {
  // only the first failure of each kind in full; the JSON has all of them
  const seen = new Set();
  console.log('\nFailures (stderr tail):');
  for (const n of failureNotes) {
    const key = n.split('\n').slice(1).join('\n');
    if (seen.has(key)) continue;
    seen.add(key);
    console.log(n);
  }
}
const outFile = path.join(BENCH_DIR, 'out', 'results.json');
writeJson(outFile, report);
console.log(`\nwrote ${path.relative(REPO_ROOT, outFile)}`);
// non-zero exit when some measure never succeeded, so scripts/CI notice
const allFailed = report.sizes.some((s) => Object.values(s.measures).some((m) => m.okRuns === 0 && m.failedRuns > 0));
process.exitCode = allFailed ? 1 : 0;
