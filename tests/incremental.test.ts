import { execFile } from 'node:child_process'
import { cp, mkdir, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: the benchmark's corpus generator is plain JavaScript.
import { generateCorpus } from '../bench/corpus.js'
import { withTempDir } from './helpers.js'

const run = promisify(execFile)
const cli = join(import.meta.dirname, '..', 'bin', 'gazette.js')

async function gazette(root: string, threads = 2): Promise<{ stdout: string }> {
  return run(process.execPath, [cli, 'build', '--root', root, '--json', '--threads', String(threads)], { env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' }, maxBuffer: 64 * 1024 * 1024 })
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(path.slice(dir.length + 1), (await readFile(path)).toString('base64'))
  }
  return files
}

async function folders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1)).sort()
}

/** A root's sources without its cache and site: what a clean build starts from. */
function sourcesOnly(source: string): boolean {
  return !source.includes('.gazette-cache') && !source.endsWith('/dist') && !source.includes('/dist/')
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()])
  return [...paths].filter((path) => a.get(path) !== b.get(path)).sort()
}

// Raw seeds among them; builds asked for two threads use them whatever the number of articles.
let corpus: string
// Enough article pages that both threads render some, in more than one batch each.
let larger: string
beforeAll(async () => {
  corpus = join(process.env.TMPDIR ?? '/tmp', `gazette-incremental-${process.pid}`)
  generateCorpus(corpus, { articles: 40, seed: 7 })
  larger = `${corpus}-larger`
  generateCorpus(larger, { articles: 60, seed: 7 })
}, 120_000)
afterAll(async () => {
  await rm(corpus, { recursive: true, force: true })
  await rm(larger, { recursive: true, force: true })
})

describe('parallel and incremental builds', () => {
  it('give byte for byte the site a clean build in one thread gives', async () => {
    await withTempDir(async (dir) => {
      const threaded = join(dir, 'threaded')
      const single = join(dir, 'single')
      await cp(corpus, threaded, { recursive: true })
      await cp(corpus, single, { recursive: true })
      // Independent builds run side by side (their roots are separate): the suite is shorter for it.
      await Promise.all([gazette(threaded), gazette(single, 1)])
      expect(differences(await snapshot(join(threaded, 'dist')), await snapshot(join(single, 'dist')))).toEqual([])
      expect(differences(await snapshot(join(threaded, 'content')), await snapshot(join(single, 'content')))).toEqual([])

      // Edit one article, rebuild from the cache, and compare with a clean build of the same files.
      const [name] = (await readdir(join(threaded, 'content'))).filter((file) => file.endsWith('.md')).sort()
      const path = join('content', name!)
      const text = await readFile(join(threaded, path), 'utf8')
      const edited = text.replace(/\n\n([A-Z])/, '\n\nIn an edit for this test, $1')
      expect(edited).not.toBe(text)
      await writeFile(join(threaded, path), edited)
      const fresh = join(dir, 'fresh')
      await cp(threaded, fresh, { recursive: true, filter: sourcesOnly })
      const [rebuilt] = await Promise.all([gazette(threaded), gazette(fresh, 1)])
      expect(JSON.parse(rebuilt.stdout).ok).toBe(true)
      const after = await snapshot(join(threaded, 'dist'))
      expect(differences(after, await snapshot(join(fresh, 'dist')))).toEqual([])
      expect([...after.values()].some((contents) => Buffer.from(contents, 'base64').toString().includes('In an edit for this test'))).toBe(true)

      // Nothing changed: the site is left exactly as it is, not even rewritten.
      const index = join(threaded, 'dist', 'index.html')
      const before = await stat(index)
      await gazette(threaded)
      const again = await stat(index)
      expect(again.ino).toBe(before.ino)
      expect(again.mtimeMs).toBe(before.mtimeMs)

      // A page deleted by hand is written again, though no source changed.
      const page = [...after.keys()].find((path) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(path))!
      await rm(join(threaded, 'dist', page))
      await gazette(threaded)
      expect((await snapshot(join(threaded, 'dist'))).get(page)).toBe(after.get(page))

      // An article removed, another edited, and the cache's story records lost: the site committed
      // into the previous one is still the site a clean build makes, folders included.
      const [, removed, changed] = (await readdir(join(threaded, 'content'))).filter((file) => file.endsWith('.md')).sort()
      await rm(join(threaded, 'content', removed!))
      const other = await readFile(join(threaded, 'content', changed!), 'utf8')
      await writeFile(join(threaded, 'content', changed!), other.replace(/\n\n([A-Z])/, '\n\nIn a second edit, $1'))
      await rm(join(threaded, '.gazette-cache', 'stories.bin'))
      const clean = join(dir, 'clean')
      await cp(threaded, clean, { recursive: true, filter: sourcesOnly })
      const [committed] = await Promise.all([gazette(threaded), gazette(clean, 1)])
      expect(JSON.parse(committed.stdout).ok).toBe(true)
      expect(differences(await snapshot(join(threaded, 'dist')), await snapshot(join(clean, 'dist')))).toEqual([])
      expect(await folders(join(threaded, 'dist'))).toEqual(await folders(join(clean, 'dist')))
      expect(await readdir(threaded)).not.toContain(expect.stringMatching(/^\.dist\./))

      // The cache lost its articles' bodies (half of them deleted, the others cut short), and the
      // site went too: the bodies are made again, on the threads and on this one, and the site
      // is the clean build's.
      // Then again with only the feeds gone from the site: its article pages are kept, and the
      // feeds' articles have their bodies made again for the feeds alone.
      for (const [threads, gone] of [[2, 'dist'], [1, 'dist'], [2, 'dist/feed.xml']] as const) {
        const bodies = (await readdir(join(threaded, '.gazette-cache', 'bodies'), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile())
        expect(bodies.length).toBeGreaterThan(30)
        for (const [index, entry] of bodies.entries()) {
          if (index % 2 === 0) await rm(join(entry.parentPath, entry.name))
          else await truncate(join(entry.parentPath, entry.name), 10)
        }
        await rm(join(threaded, gone), { recursive: true })
        const remade = await gazette(threaded, threads)
        expect(JSON.parse(remade.stdout).ok).toBe(true)
        expect(differences(await snapshot(join(threaded, 'dist')), await snapshot(join(clean, 'dist')))).toEqual([])
      }
    })
  }, 240_000)

  it('fail as a whole when a thread fails: the first error is reported, the previous site stays, nothing is left beside it', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'root')
      await cp(larger, root, { recursive: true })
      // The previous site: any files in dist/ that the failed build must leave as they are.
      await mkdir(join(root, 'dist', 'old'), { recursive: true })
      await writeFile(join(root, 'dist', 'index.html'), '<!doctype html><title>The previous site</title>\n')
      await writeFile(join(root, 'dist', 'old', 'index.html'), '<!doctype html><title>An old page</title>\n')
      const before = await snapshot(join(root, 'dist'))
      // The tenth article page each render thread makes fails; pages take a few milliseconds
      // each, so the other thread is still writing pages when the first does. Why not only the
      // thread with an odd id, as before: on a busy machine the other thread could take every
      // batch, and nothing failed.
      await mkdir(join(root, 'templates'), { recursive: true })
      await writeFile(join(root, 'templates', 'article.js'), "let pages = 0\nexport default function article() {\n  for (const end = Date.now() + 4; Date.now() < end; );\n  if (++pages === 10) throw new Error('the article template broke')\n  return { type: 'root', children: [] }\n}\n")
      const failed = await gazette(root).then(() => undefined, (error: { code: number; stderr: string }) => error)
      expect(failed?.code).toBe(1)
      expect(failed?.stderr).toContain('the article template broke')
      expect(failed?.stderr).not.toMatch(/ENOTEMPTY|ENOENT/)
      expect(differences(await snapshot(join(root, 'dist')), before)).toEqual([])
      expect(await readdir(root)).not.toContain(expect.stringMatching(/^\.dist\./))
    })
  }, 120_000)
})
