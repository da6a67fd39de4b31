import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser tests share one Chromium per file; two cores run two files at once.
    maxWorkers: 2,
    // Test files share each worker's module cache instead of importing unified, remark and the
    // pipeline again for every file: a quarter of the suite's time. They keep no state between files.
    isolate: false,
    reporters: ['default']
  }
})
