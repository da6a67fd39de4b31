import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
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
