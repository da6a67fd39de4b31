import { execFileSync } from 'node:child_process'

/** Compile src/ to lib/ once, so tests that run the CLI run the code under test. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
}
