import { execFileSync } from 'node:child_process'

/** Type-check src/ and bundle it into lib/ once (`npm run compile`), so tests that run the CLI run the code under test. */
export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'compile'], { stdio: 'inherit' })
}
