// @ts-check
/**
 * Shared helpers for the benchmark harness (bench/run.js, bench/compare.js).
 * Node built-ins only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
export const TIME_BIN = '/usr/bin/time';
export const HAS_TIME = fs.existsSync(TIME_BIN);

/**
 * Minimal `--flag value` / `--flag=value` / `--bool` parser.
 * @param {string[]} argv
 * @returns {Record<string, string | boolean>}
 */
export function parseArgs(argv) {
  /** @type {Record<string, string | boolean>} */
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) {
      out[a.slice(2, eq)] = a.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      out[a.slice(2)] = argv[++i];
    } else {
      out[a.slice(2)] = true;
    }
  }
  return out;
}

/**
 * @param {string | boolean | undefined} v
 * @param {number[]} dflt
 */
export function parseSizes(v, dflt) {
  if (typeof v !== 'string') return dflt;
  const sizes = v.split(',').map((s) => Number(s.trim().replace(/k$/i, '000')));
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`bad --sizes: ${v}`);
  return sizes;
}

/**
 * @param {string | boolean | undefined} v
 * @param {number} dflt
 */
export function parseIntArg(v, dflt) {
  if (typeof v !== 'string') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`bad numeric argument: ${v}`);
  return n;
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    /** 1/5/15-minute load averages when the run started (other work on the machine skews wall times) */
    loadAvgStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    /** @type {number[] | null} filled in at the end by loadNote() */
    loadAvgEnd: /** @type {number[] | null} */ (null),
  };
}

/**
 * Records the end load average and returns a warning line when the machine was busy.
 * @param {ReturnType<typeof machineInfo>} m
 */
export function loadNote(m) {
  m.loadAvgEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const line = `load average (1/5/15 min) at start ${m.loadAvgStart.join(' / ')}, at end ${m.loadAvgEnd.join(' / ')}`;
  const busy = Math.max(m.loadAvgStart[0] ?? 0, m.loadAvgEnd[0] ?? 0) > 0.5 * m.cores;
  return busy ? `${line} — WARNING: other work was running on this ${m.cores}-core machine; wall times are inflated and noisy (CPU time is less affected)` : line;
}

/** @param {ReturnType<typeof machineInfo>} m */
export function machineLine(m) {
  return `${m.cpu}, ${m.cores} cores, ${m.totalMemGiB} GiB RAM, Node ${m.node}, ${m.platform}, ${m.date}`;
}

/** @param {number[]} xs */
export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Keeps only the last `max` characters written to it.
 */
class Tail {
  /** @param {number} max */
  constructor(max) {
    this.max = max;
    this.buf = '';
  }
  /** @param {Buffer | string} chunk */
  push(chunk) {
    this.buf += chunk.toString();
    if (this.buf.length > this.max * 2) this.buf = this.buf.slice(-this.max);
  }
  toString() {
    return this.buf.slice(-this.max);
  }
}

/** @type {Set<number>} process-group ids of children still running */
const liveGroups = new Set();
let timeFileCounter = 0;

/**
 * @typedef {object} RunResult
 * @property {boolean} ok          exit code 0 and no timeout
 * @property {number} ms           wall time in milliseconds (measured around the whole process)
 * @property {number | null} rssKiB max RSS reported by /usr/bin/time (KiB), null if unavailable
 * @property {number | null} cpuMs user+sys CPU time of the process tree (waited-for children), from /usr/bin/time
 * @property {number | null} sysMs the system (kernel) part of it
 * @property {number | null} code  exit code
 * @property {string | null} signal
 * @property {boolean} timedOut
 * @property {string} stderrTail
 * @property {string} stdoutTail
 */

/**
 * Runs a command as a whole process, under `/usr/bin/time -f '%M %U %S'` when available.
 * Wall time is process.hrtime around spawn → 'close'.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?: string, timeoutMs?: number, env?: NodeJS.ProcessEnv}} [opts]
 * @returns {Promise<RunResult>}
 */
export function timedRun(cmd, args, opts = {}) {
  const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
  const timeFile = path.join(os.tmpdir(), `gazette-bench-rss-${process.pid}-${timeFileCounter++}.txt`);
  const argv = HAS_TIME ? ['-o', timeFile, '-f', '%M %U %S', cmd, ...args] : args;
  const bin = HAS_TIME ? TIME_BIN : cmd;
  const stderr = new Tail(4000);
  const stdout = new Tail(2000);
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(bin, argv, {
      cwd: opts.cwd ?? REPO_ROOT,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so a timeout kills grandchildren too
    });
    const pgid = child.pid;
    if (pgid) liveGroups.add(pgid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stderr.push(`\n[bench] timed out after ${timeoutMs / 1000}s: killed process group ${pgid}\n`);
      if (pgid) killGroup(pgid);
    }, timeoutMs);
    child.stdout?.on('data', (d) => stdout.push(d));
    child.stderr?.on('data', (d) => stderr.push(d));
    /** @param {number | null} code @param {string | null} signal @param {string} [extra] */
    const finish = (code, signal, extra) => {
      const t1 = process.hrtime.bigint();
      clearTimeout(timer);
      if (pgid) liveGroups.delete(pgid);
      /** @type {number | null} */
      let rssKiB = null;
      /** @type {number | null} */
      let cpuMs = null;
      /** @type {number | null} */
      let sysMs = null;
      if (HAS_TIME) {
        try {
          const lines = fs.readFileSync(timeFile, 'utf8').trim().split('\n');
          const [m, u, sy] = lines[lines.length - 1].split(' ').map(Number);
          if (Number.isFinite(m)) rssKiB = m;
          if (Number.isFinite(u) && Number.isFinite(sy)) {
            cpuMs = (u + sy) * 1000;
            sysMs = sy * 1000;
          }
          fs.rmSync(timeFile, { force: true });
        } catch {
          /* no time file: process failed to start */
        }
      }
      if (extra) stderr.push(extra);
      resolve({
        ok: code === 0 && !timedOut,
        ms: Number(t1 - t0) / 1e6,
        rssKiB,
        cpuMs,
        sysMs,
        code,
        signal,
        timedOut,
        stderrTail: stderr.toString(),
        stdoutTail: stdout.toString(),
      });
    };
    child.on('error', (err) => finish(null, null, `\nspawn error: ${err.message}`));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** @param {number} pgid */
function killGroup(pgid) {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** Kills the process groups of children this harness started and that are still running. */
export function killLiveChildren() {
  for (const pgid of liveGroups) killGroup(pgid);
  liveGroups.clear();
}

/**
 * Last `n` non-empty lines of a text.
 * @param {string} text
 * @param {number} [n]
 */
export function tailLines(text, n = 12) {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .join('\n');
}

/**
 * Creates a temp dir under os.tmpdir() and registers cleanup (unless keep) at exit and on signals.
 *
 * Why nothing is removed before the end: on ext4 without a journal (this project's benchmark
 * machine), creating a file first steps over every inode of its group deleted in the last minute
 * or more (`recently_deleted` in the kernel's inode allocator). A timed build that follows the
 * removal of an earlier run's tens of thousands of files spent most of its system time there: 5,000 folders and
 * files took 4.5 s right after such a removal and 0.9 s after 40 quiet seconds. So every run's tree
 * stays until the process exits, and a benchmark started right after another pays for its removal.
 * @param {string} prefix
 * @param {boolean} keep
 */
export function makeTempRoot(prefix, keep) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const cleanup = () => {
    killLiveChildren();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(sig, () => {
      process.stderr.write(`\n${sig}: stopping, cleaning up ${keep ? '(kept ' + dir + ')' : dir}\n`);
      process.exit(130);
    });
  }
  return dir;
}

/**
 * Untimed copy (setup step): cp -r src dst, dst must not exist.
 * @param {string} src
 * @param {string} dst
 */
export function copyDir(src, dst) {
  fs.cpSync(src, dst, { recursive: true });
}

/**
 * Counts files under dir by extension (.html, .xml) — sanity check of outputs.
 * @param {string} dir
 * @returns {{html: number, xml: number, files: number}}
 */
export function countOutputs(dir) {
  const res = { html: 0, xml: 0, files: 0 };
  if (!fs.existsSync(dir)) return res;
  /** @param {string} d */
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        res.files++;
        if (e.name.endsWith('.html')) res.html++;
        else if (e.name.endsWith('.xml') || e.name.endsWith('.atom') || e.name.endsWith('.rss')) res.xml++;
      }
    }
  };
  walk(dir);
  return res;
}

/**
 * Formats a table with right-aligned columns (first column left-aligned).
 * @param {string[]} header
 * @param {(string | number)[][]} rows
 */
export function formatTable(header, rows) {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? '').length)));
  const line = (/** @type {(string|number)[]} */ r) =>
    r.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Markdown table.
 * @param {string[]} header
 * @param {(string | number)[][]} rows
 * @param {number} [leftCols] how many leading columns are left-aligned
 */
export function markdownTable(header, rows, leftCols = 1) {
  const esc = (/** @type {string|number} */ c) => String(c).replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map((_, i) => (i < leftCols ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** @param {number} x @param {number} [digits] */
export function fmt(x, digits = 0) {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

/**
 * Summarises successful timed runs of one measure.
 * @param {RunResult[]} results
 */
export function summarize(results) {
  const ok = results.filter((r) => r.ok);
  const ms = ok.map((r) => r.ms);
  const rss = ok.map((r) => r.rssKiB).filter((x) => x !== null);
  const cpu = ok.map((r) => r.cpuMs).filter((x) => x !== null);
  const sys = ok.map((r) => r.sysMs).filter((x) => x !== null);
  return {
    okRuns: ok.length,
    failedRuns: results.length - ok.length,
    medianMs: median(ms),
    minMs: ms.length ? Math.min(...ms) : NaN,
    maxMs: ms.length ? Math.max(...ms) : NaN,
    /** highest peak RSS seen over the runs, MiB */
    peakRssMiB: rss.length ? Math.max(.../** @type {number[]} */ (rss)) / 1024 : NaN,
    medianRssMiB: rss.length ? median(/** @type {number[]} */ (rss)) / 1024 : NaN,
    medianCpuMs: cpu.length ? median(/** @type {number[]} */ (cpu)) : NaN,
    /** the system part of the CPU time: on a file system slow to make files (see makeTempRoot), it moves the most from run to run */
    medianSysMs: sys.length ? median(/** @type {number[]} */ (sys)) : NaN,
  };
}

/**
 * A compact failure record for reports.
 * @param {RunResult} r
 */
export function failureInfo(r) {
  return {
    code: r.code,
    signal: r.signal,
    timedOut: r.timedOut,
    stderrTail: tailLines(r.stderrTail || r.stdoutTail, 15),
  };
}

/** @param {string} p @param {unknown} data */
export function writeJson(p, data) {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, JSON.stringify(data, null, 2) + '\n');
}
