import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Type-check src/ and bundle it into lib/ once, so tests that run the CLI run the code under test:
 * what `npm run compile` does, without npm's own start-up (half a second of every test run). Also
 * a temporary folder for the run (`GAZETTE_TEST_TMP`, for what test processes share, and their
 * `TMPDIR`), removed at its end.
 */
export default function setup(): () => void {
  const root = join(import.meta.dirname, '..')
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' })
  execFileSync(process.execPath, [join(root, 'scripts/bundle.js')], { cwd: root, stdio: 'inherit' })
  waitUntilSettled(join(root, 'lib'))
  // Where the system has a file system in memory, the run's temporary files go there: the tests
  // build hundreds of sites, and none of them needs to reach a disk. Test processes inherit it.
  const shared = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'gazette-test-run-'))
  process.env.GAZETTE_TEST_TMP = shared
  const tmpBefore = process.env.TMPDIR
  process.env.TMPDIR = shared
  return () => {
    if (tmpBefore === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = tmpBefore
    rmSync(shared, { recursive: true, force: true })
  }
}

/**
 * Wait until no file of the bundle is younger than two seconds. A build stamps Gazette's own code
 * by its files' times, and a file changed within the last two seconds cannot be trusted by them
 * (`racySince`): such a build is not recorded, and the tests that expect the next build to be
 * answered from the record failed when they ran right after a changed bundle was written.
 */
function waitUntilSettled(lib: string): void {
  const times = readdirSync(lib, { recursive: true, withFileTypes: true }).flatMap((entry) => (entry.isFile() ? [statSync(join(entry.parentPath, entry.name)).mtimeMs] : []))
  const wait = Math.max(0, ...times) + 2100 - Date.now()
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(wait, 2100))
}
