import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { siteHolds, siteHoldsAside } from '../src/io/site-listing.js'
import { withTempDir } from './helpers.js'

// The bundle's thread, as a build runs it (the test run's setup makes the bundle).
const bundled = join(import.meta.dirname, '..', 'lib', 'site-listing-worker.js')

describe('siteHoldsAside', () => {
  it('says on a thread of its own what siteHolds says here, and refuses a path outside the site the same way', async () => {
    expect(existsSync(bundled)).toBe(true)
    await withTempDir(async (out) => {
      await mkdir(join(out, 'a', 'b'), { recursive: true })
      await writeFile(join(out, 'a', 'b', 'index.html'), 'page')
      await writeFile(join(out, 'feed.xml'), 'feed')
      const asked = [['a/b/index.html', 'feed.xml', 'a/', 'a/b/'], ['a/b/index.html', 'gone.html'], ['a/b/'.replace(/\/$/, ''), 'feed.xml'], ['feed.xml/']]
      for (const paths of asked) {
        for (const script of [bundled, join(out, 'no-such-script.js')]) expect(await siteHoldsAside(out, paths, script), `${paths} ${script}`).toBe(siteHolds(out, paths))
      }
      expect(siteHolds(out, asked[0]!)).toBe(true)
      expect(siteHolds(out, asked[1]!)).toBe(false)
      // A folder asked for as a file, and a file as a folder.
      expect(siteHolds(out, asked[2]!)).toBe(false)
      expect(siteHolds(out, asked[3]!)).toBe(false)
      for (const script of [bundled, join(out, 'no-such-script.js')]) await expect(siteHoldsAside(out, ['feed.xml', '../outside.html'], script)).rejects.toThrow(/an output path must stay inside the output folder/)
    })
  })
})
