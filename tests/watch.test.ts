import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { watchSources } from '../src/io/watch.js'
import { withTempDir } from './helpers.js'

describe('watchSources', () => {
  it('reports changes to sources, in folders made after it started too, and nothing else', async () => {
    await withTempDir(async (root) => {
      await mkdir(join(root, 'content'))
      await writeFile(join(root, 'content/a.md'), 'one')
      const seen = new Set<string>()
      const watcher = watchSources(root, 'gazette.config.json', (path) => seen.add(path))
      try {
        await writeFile(join(root, 'content/a.md'), 'two')
        await expect.poll(() => [...seen]).toContain('content/a.md')

        await mkdir(join(root, 'content/world'))
        await expect.poll(() => [...seen]).toContain('content/world')
        await writeFile(join(root, 'content/world/b.md'), 'new')
        await expect.poll(() => [...seen]).toContain('content/world/b.md')

        await mkdir(join(root, 'seeds'))
        await expect.poll(() => [...seen]).toContain('seeds')
        await writeFile(join(root, 'seeds/raw.txt'), 'text')
        await expect.poll(() => [...seen]).toContain('seeds/raw.txt')

        await writeFile(join(root, 'gazette.config.json'), '{}')
        await expect.poll(() => [...seen]).toContain('gazette.config.json')

        // Hidden files, Gazette's temporary files and folders it does not read are not reported.
        await writeFile(join(root, 'content/.draft.md.swp'), 'x')
        await writeFile(join(root, 'content/a.md.123.tmp'), 'x')
        await mkdir(join(root, 'dist'))
        await writeFile(join(root, 'dist/index.html'), 'x')
        await writeFile(join(root, 'content/last.md'), 'x')
        await expect.poll(() => [...seen]).toContain('content/last.md')
        expect([...seen].filter((path) => path.includes('.swp') || path.endsWith('.tmp') || path.startsWith('dist'))).toEqual([])
      } finally {
        watcher.close()
      }
    })
  })
})
