import { statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { BuildReport } from './build.js'
import { VFile } from 'vfile'
import { BuildStopped, error, formatMessages } from './diagnostics.js'
import { packageVersion } from './version.js'


const help = `Usage: gazette <command> [options]

Commands:
  build      Build the site from seeds/ and content/ into the output folder
  dev        Build, serve and rebuild on every change (Vite)
  preview    Serve the built site the way a static host does

Options:
  --root DIR      Folder holding seeds/, content/, templates/ and gazette.config.json (default: .)
  --out DIR       Output folder (default: <root>/dist)
  --drafts        Also build articles marked draft: true
  --future        Also build articles dated in the future
  --keep-going    Publish the valid articles even when others have errors
  --no-search     Skip the search index (search/index/)
  --json          Print the build summary as JSON
  --port N        Port for dev and preview (default: 5173 and 4173)
  --host          Serve dev and preview on every network address, not only this machine's
                  (to open the site on a phone on the same network)
  --threads N     Worker threads (default: one per core, for builds of a few hundred articles;
                  N from 2 uses threads whatever the size; 1 runs in one thread)
  --verbose       Also print informational messages, and stack traces of internal errors
  -h, --help      Show this help
  -v, --version   Show the version

Exit codes: 0 built, 1 content has errors (the previous site is untouched), 2 usage error.
`

/** Run the command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        out: { type: 'string' },
        drafts: { type: 'boolean' },
        future: { type: 'boolean' },
        'keep-going': { type: 'boolean' },
        'no-search': { type: 'boolean' },
        json: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'boolean' },
        threads: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' }
      }
    })
  } catch (cause) {
    process.stderr.write(`gazette: ${(cause as Error).message}\n\n${help}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    process.stdout.write(help)
    return 0
  }
  if (values.version) {
    process.stdout.write(`${packageVersion}\n`)
    return 0
  }
  const [command, ...extra] = positionals
  if (!command || extra.length > 0 || !['build', 'dev', 'preview'].includes(command)) {
    process.stderr.write(`gazette: ${command ? `unknown command "${[command, ...extra].join(' ')}"` : 'missing command'}\n\n${help}`)
    return 2
  }
  const root = resolve(values.root ?? '.')
  if (!isFolder(root)) {
    process.stderr.write(`gazette: the root folder ${root} does not exist. Pass --root with a folder that holds seeds/ or content/.\n`)
    return 2
  }
  // A folder given is where the command was run from, as a path given to any command is; the default is the root's.
  const out = values.out === undefined ? join(root, 'dist') : resolve(values.out)
  const threads = values.threads === undefined ? undefined : Number(values.threads)
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
    process.stderr.write(`gazette: --threads must be a number from 1 to 64\n`)
    return 2
  }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    process.stderr.write(`gazette: --port must be a number from 1 to 65535\n`)
    return 2
  }
  try {
    if (command === 'dev') {
      const { startDevServer } = await import('./dev-server.js')
      await startDevServer({ root, out, port: port ?? 5173, drafts: values.drafts ?? false, future: values.future ?? false, host: values.host ?? false })
      return 0
    }
    if (command === 'preview') {
      const { startPreview } = await import('./dev-server.js')
      await startPreview({ root, out, port: port ?? 4173, host: values.host ?? false })
      return 0
    }
    const started = performance.now()
    // A progress line for people watching a terminal; never in logs or --json output.
    const progress = process.stdout.isTTY && !values.json ? (stage: string) => process.stdout.write(`\r\x1b[2Kgazette: ${stage} (${((performance.now() - started) / 1000).toFixed(1)} s)`) : undefined
    // The pipeline's modules load only for a build: --help and --version answer at once.
    const { runBuild } = await import('./run-build.js')
    const result = await runBuild({ root, out, drafts: values.drafts ?? false, future: values.future ?? false, keepGoing: values['keep-going'] ?? false, search: !values['no-search'], info: values.verbose ?? false, ...(threads ? { threads } : {}), ...(progress ? { onProgress: progress } : {}) })
    if (progress) process.stdout.write('\r\x1b[2K')
    const seconds = (performance.now() - started) / 1000
    printReport(result, { root, out, seconds, json: values.json ?? false, verbose: values.verbose ?? false })
    return result.ok || (values['keep-going'] && result.written) ? 0 : 1
  } catch (cause) {
    if (cause instanceof BuildStopped) {
      const file = new VFile({ path: relative(process.cwd(), cause.path) || '.' })
      error(file, cause.ruleId, cause.message)
      process.stderr.write(`${formatMessages([file]).join('\n')}\n`)
      if (values.json) printStopped(out, { file: file.path, rule: cause.ruleId, message: cause.message })
      return 1
    }
    // Machines reading --json get an answer however the build ended.
    if (values.json) printStopped(out, { file: null, rule: null, message: `the build stopped on an unexpected problem: ${(cause as Error).message}` })
    process.stderr.write(`gazette: the build stopped on an unexpected problem: ${(cause as Error).message}\n`)
    process.stderr.write(values.verbose ? `${(cause as Error).stack}\n` : 'Run again with --verbose to see where it happened. The previous site was left as it was.\n')
    return 1
  }
}

/** The `--json` summary of a build that stopped before it could report: nothing written, one error. */
function printStopped(out: string, problem: { file: string | null; rule: string | null; message: string }): void {
  const summary = { ok: false, written: false, unchanged: false, out, pages: 0, articles: 0, errors: 1, warnings: 0, messages: [{ file: problem.file, line: null, column: null, severity: 'error', rule: problem.rule, message: problem.message }] }
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
}

function printReport(result: BuildReport, options: { root: string; out: string; seconds: number; json: boolean; verbose: boolean }): void {
  const messages = formatMessages(result.files, { verbose: options.verbose })
  // The files with errors: left out of a site written despite them (--keep-going).
  const failed = [...new Set(result.files.filter((file) => file.messages.some((message) => message.fatal === true)).map((file) => file.path))]
  const counts = { errors: 0, warnings: 0 }
  for (const file of result.files) for (const message of file.messages) message.fatal === true ? counts.errors++ : message.fatal === false && counts.warnings++
  if (options.json) {
    const summary = {
      ok: result.ok,
      written: result.written,
      unchanged: result.unchanged,
      out: options.out,
      pages: result.pages,
      articles: result.articles,
      ingested: result.ingested,
      processed: result.processed,
      repeatsRemoved: result.repeatsRemoved,
      skipped: result.skipped,
      failed,
      errors: counts.errors,
      warnings: counts.warnings,
      merged: result.merged,
      seconds: Number(options.seconds.toFixed(3)),
      timings: result.timings,
      messages: result.files.flatMap((file) => file.messages.filter((m) => m.fatal !== undefined || options.verbose).map((m) => ({ file: m.file, line: m.line ?? null, column: m.column ?? null, severity: m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info', rule: m.ruleId, message: m.reason })))
    }
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
    return
  }
  if (messages.length > 0) process.stderr.write(`${messages.join('\n')}\n`)
  const leftOut = result.written ? failed : []
  const lines = [
    ...listed(leftOut.map((path) => `left out ${path}, which has errors`), options.verbose),
    ...listed(result.ingested.map((path) => `ingested ${path}`), options.verbose),
    ...listed(result.repeatsRemoved.map(({ path, count }) => `removed ${count} repeated paragraph${count === 1 ? '' : 's'} from ${path}`), options.verbose),
    ...listed(result.skipped.map(({ path, reason }) => `skipped ${path} (${reason})`), options.verbose)
  ]
  const relativeOut = options.out.startsWith(`${options.root}/`) ? options.out.slice(options.root.length + 1) : relative(process.cwd(), options.out) || '.'
  const tally = `${counts.errors} error${counts.errors === 1 ? '' : 's'}, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}`
  const head = result.written
    ? `gazette: ${result.unchanged ? 'up to date:' : 'built'} ${result.pages} pages from ${result.articles} article${result.articles === 1 ? '' : 's'} ${result.unchanged ? 'in' : 'into'} ${relativeOut}/ in ${options.seconds.toFixed(2)} s (${tally})`
    : `gazette: nothing written, ${relativeOut}/ is unchanged (${tally}). Fix the errors above and build again.`
  if (options.verbose && result.written && !result.unchanged) lines.push(`  processed ${result.processed} article${result.processed === 1 ? '' : 's'} (not found in the cache)`)
  if (options.verbose) lines.push(`  time: ${Object.entries(result.timings).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`)
  process.stdout.write(`${[head, ...lines].join('\n')}\n`)
}

/** Up to ten lines of a list, then how many more there are (all of them with --verbose). */
function listed(items: readonly string[], verbose: boolean): string[] {
  const shown = verbose ? items : items.slice(0, 10)
  const lines = shown.map((item) => `  ${item}`)
  if (shown.length < items.length) lines.push(`  … and ${items.length - shown.length} more (--verbose lists them all)`)
  return lines
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
