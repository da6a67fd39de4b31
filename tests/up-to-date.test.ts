import { cp, mkdir, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { build, type BuildOptions, type BuildReport } from '../src/build.js'
import { fsCache } from '../src/io/cache.js'
import { fsStore } from '../src/io/fs-store.js'
import { templateSource } from '../src/io/load-templates.js'
import { digestOf, fileSignature, racySince, sameStamp, settleStamp, stampFolder } from '../src/io/stamp.js'
import { fsWriter } from '../src/io/writer.js'
import { version } from '../src/version.js'
import { article, testNow, withTempDir } from './helpers.js'

function buildRoot(root: string, options: Partial<BuildOptions> = {}): Promise<BuildReport> {
  return build({ store: fsStore(root, { clock: join(root, '.gazette-cache', 'clock') }), writer: fsWriter(join(root, 'dist')), cache: fsCache(join(root, '.gazette-cache'), version), templates: templateSource(root), now: testNow, search: false, threads: 1, ...options })
}

/** A build answered by the up-to-date check: it timed nothing but the check. */
const answeredByCheck = (report: BuildReport) => Object.keys(report.timings).join() === 'check inputs'

async function site(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), text)
  }
}

const harbour = article({ title: 'Harbour reopens', date: '2026-01-10T08:00:00Z', tags: ['Ports'] }, 'The harbour reopened on Monday after the storm.\n\nShips queued outside overnight.')
const council = article({ title: 'Council votes', date: '2026-01-11T08:00:00Z' }, 'The council voted on the budget.\n\nThe budget passed by one vote.')

describe('a build with nothing to do', () => {
  it('answers from the last build: same report and messages, nothing read or written', async () => {
    await withTempDir(async (root) => {
      // A warning, so the replayed report has a message to repeat.
      await site(root, { 'content/harbour.md': harbour, 'content/council.md': council, 'content/odd.md': article({ title: 'Odd', date: '2026-01-12T08:00:00Z', unknownKey: 1 }, 'Text.') })
      const first = await buildRoot(root)
      expect(first.ok).toBe(true)
      expect(answeredByCheck(first)).toBe(false)
      const index = await stat(join(root, 'dist', 'index.html'))
      const again = await buildRoot(root)
      expect(answeredByCheck(again)).toBe(true)
      expect(again).toMatchObject({ ok: true, written: true, unchanged: true, pages: first.pages, articles: first.articles, skipped: first.skipped })
      expect(again.files.flatMap((file) => file.messages.map(String))).toEqual(first.files.flatMap((file) => file.messages.map(String)))
      const after = await stat(join(root, 'dist', 'index.html'))
      expect([after.ino, after.mtimeMs]).toEqual([index.ino, index.mtimeMs])
    })
  })

  it("reads the last build's informational messages only when they are wanted", async () => {
    await withTempDir(async (root) => {
      // A repeated paragraph gives an informational message, the unknown key a warning.
      const repeated = article({ title: 'Repeats', date: '2026-01-12T08:00:00Z', unknownKey: 1 }, 'The same paragraph twice, as scrapes have it.\n\nThe same paragraph twice, as scrapes have it.')
      await site(root, { 'content/harbour.md': harbour, 'content/repeats.md': repeated })
      const first = await buildRoot(root)
      const all = first.files.flatMap((file) => file.messages.map(String))
      const warnings = first.files.flatMap((file) => file.messages.filter((message) => message.fatal === false).map(String))
      expect([all.length > warnings.length, warnings.length > 0]).toEqual([true, true])
      const quiet = await buildRoot(root, { info: false })
      expect(answeredByCheck(quiet)).toBe(true)
      expect(quiet.files.flatMap((file) => file.messages.map(String))).toEqual(warnings)
      // Without the file of messages, a build that wants them cannot answer from the record; one that does not, can.
      await rm(join(root, '.gazette-cache', 'last-build-messages.json'))
      expect(answeredByCheck(await buildRoot(root, { info: false }))).toBe(true)
      const full = await buildRoot(root)
      expect(answeredByCheck(full)).toBe(false)
      expect(full.files.flatMap((file) => file.messages.map(String))).toEqual(all)
      expect(answeredByCheck(await buildRoot(root))).toBe(true)
    })
  })

  it('repeats the notes given to articles after the article stage, beside the messages it gave them', async () => {
    await withTempDir(async (root) => {
      // A draft gets its note when the site is planned; its repeated paragraph got one earlier.
      const draft = article({ title: 'Draft', date: '2026-01-12T08:00:00Z', draft: true }, 'Said twice, as scrapes have it.\n\nSaid twice, as scrapes have it.')
      await site(root, { 'content/harbour.md': harbour, 'content/draft.md': draft })
      const first = await buildRoot(root)
      const draftMessages = first.files.filter((file) => file.path === 'content/draft.md').flatMap((file) => file.messages.map((message) => message.ruleId))
      expect(draftMessages.sort()).toEqual(['article-skipped', 'repeat-removed'])
      const again = await buildRoot(root)
      expect(answeredByCheck(again)).toBe(true)
      expect(again.files.flatMap((file) => file.messages.map(String))).toEqual(first.files.flatMap((file) => file.messages.map(String)))
    })
  })

  it('builds again when a source, the config, a template or an option changes, or a page of the site is gone', async () => {
    await withTempDir(async (root) => {
      await site(root, { 'content/harbour.md': harbour })
      await buildRoot(root)
      expect(answeredByCheck(await buildRoot(root))).toBe(true)

      await site(root, { 'content/council.md': council })
      const added = await buildRoot(root)
      expect([answeredByCheck(added), added.articles]).toEqual([false, 2])

      await site(root, { 'gazette.config.json': JSON.stringify({ title: 'Harbour Times' }) })
      expect(answeredByCheck(await buildRoot(root))).toBe(false)
      expect(await readFile(join(root, 'dist', 'index.html'), 'utf8')).toContain('Harbour Times')

      expect(answeredByCheck(await buildRoot(root, { drafts: true }))).toBe(false)
      expect(answeredByCheck(await buildRoot(root, { drafts: true }))).toBe(true)

      await rm(join(root, 'dist', 'index.html'))
      expect(answeredByCheck(await buildRoot(root, { drafts: true }))).toBe(false)
      expect(await readFile(join(root, 'dist', 'index.html'), 'utf8')).toContain('Council votes')

      await rm(join(root, 'content', 'council.md'))
      const removed = await buildRoot(root, { drafts: true })
      expect([answeredByCheck(removed), removed.articles]).toEqual([false, 1])

      // Another output folder is another site.
      const elsewhere = { writer: fsWriter(join(root, 'elsewhere')), drafts: true }
      expect(answeredByCheck(await buildRoot(root, elsewhere))).toBe(false)
      expect(answeredByCheck(await buildRoot(root, { ...elsewhere, writer: fsWriter(join(root, 'elsewhere')) }))).toBe(true)

      // A symbolic link among the sources: the reader's rules decide, so every build reads.
      await symlink(join(root, 'content', 'harbour.md'), join(root, 'content', 'linked.md'))
      expect(answeredByCheck(await buildRoot(root, { drafts: true }))).toBe(false)
      expect(answeredByCheck(await buildRoot(root, { drafts: true }))).toBe(false)
      await rm(join(root, 'content', 'linked.md'))

      // (Last: a template written a moment ago keeps the next build from being recorded.)
      await site(root, { 'templates/style.css': 'body { color: black }\n' })
      expect(answeredByCheck(await buildRoot(root, { drafts: true }))).toBe(false)
      expect(await readFile(join(root, 'dist', 'index.html'), 'utf8')).toMatch(/assets\/style\.[0-9a-f]+\.css/)
    })
  })

  it('builds again when a file is put in the wrong folder, so that its warning is given', async () => {
    await withTempDir(async (root) => {
      await site(root, { 'content/harbour.md': harbour })
      await buildRoot(root)
      expect(answeredByCheck(await buildRoot(root))).toBe(true)
      await site(root, { 'seeds/story.docx': 'PK' })
      const dropped = await buildRoot(root)
      expect(answeredByCheck(dropped)).toBe(false)
      expect(dropped.files.flatMap((file) => file.messages.map((message) => message.reason))).toEqual([expect.stringContaining('"seeds/story.docx" is not read')])
    })
  })

  it('stamps a file by its bytes while a rewrite could keep its times, and by size and times after', async () => {
    await withTempDir(async (root) => {
      await site(root, { 'content/harbour.md': harbour, 'content/council.md': council })
      const path = join(root, 'content', 'harbour.md')
      const stats = await stat(path, { bigint: true })
      // Racy: left for the bytes the build reads; read and digested when the last stamp was a digest.
      expect(fileSignature(path, stats, stats.mtimeNs, false)).toBe('?')
      const digest = fileSignature(path, stats, stats.mtimeNs, true)
      expect(digest).toMatch(/^#/)
      expect(settleStamp({ 'content/harbour.md': '?', 'content/council.md': '?' }, new Map([['content/harbour.md', digestOf(await readFile(path))]]), [])).toEqual({ 'content/harbour.md': digest, 'content/council.md': '?' })
      expect(sameStamp({ a: '?' }, { a: '?' })).toBe(false)
      // Long after: size and times; unless the last stamp was a digest, which is then taken again to compare.
      expect(fileSignature(path, stats, stats.ctimeNs + 1n, false)).toBe(`${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}`)
      const stamp: Record<string, string> = {}
      const refresh: Record<string, string> = {}
      const later = [stats.ctimeNs, (await stat(join(root, 'content', 'council.md'), { bigint: true })).ctimeNs].reduce((a, b) => (a > b ? a : b)) + 1n
      expect(stampFolder(join(root, 'content'), 'content', () => true, stamp, { 'content/harbour.md': digest }, later, refresh)).toBe(true)
      expect(stamp['content/harbour.md']).toBe(digest)
      expect(stamp['content/council.md']).toMatch(/^\d+:/)
      // The bytes still match and the times are old enough: next time the times will do.
      expect(refresh).toEqual({ 'content/harbour.md': `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}` })
    })
  })

  it("tells racy files by the file system's own clock: written before the clock file is, they are not", async () => {
    await withTempDir(async (root) => {
      await site(root, { 'content/harbour.md': harbour })
      await sleep(50)
      const since = racySince(join(root, '.gazette-cache', 'clock'))
      await site(root, { 'content/council.md': council })
      const earlier = await stat(join(root, 'content', 'harbour.md'), { bigint: true })
      const after = await stat(join(root, 'content', 'council.md'), { bigint: true })
      expect(fileSignature(join(root, 'content', 'harbour.md'), earlier, since, false)).toMatch(/^\d+:/)
      expect(fileSignature(join(root, 'content', 'council.md'), after, since, false)).toBe('?')
      // Without a clock file: anything from the last two seconds.
      expect(fileSignature(join(root, 'content', 'harbour.md'), earlier, racySince(), false)).toBe('?')
    })
  })

  it('sees a rewrite that keeps the size and the modification time, right after a build or long after', async () => {
    await withTempDir(async (root) => {
      await site(root, { 'content/harbour.md': harbour })
      const { mtime } = await stat(join(root, 'content', 'harbour.md'))
      await buildRoot(root)
      const same = harbour.replace('Monday', 'Friday')
      expect(same.length).toBe(harbour.length)
      await writeFile(join(root, 'content', 'harbour.md'), same)
      await utimes(join(root, 'content', 'harbour.md'), mtime, mtime)
      expect(answeredByCheck(await buildRoot(root))).toBe(false)
      expect(await readFile(join(root, 'dist', '2026', '01', '10', 'harbour-reopens', 'index.html'), 'utf8')).toContain('Friday')

      // Written long enough before the build to be stamped by its size and times: the change time still moves.
      await sleep(100)
      await buildRoot(root)
      expect(answeredByCheck(await buildRoot(root))).toBe(true)
      await writeFile(join(root, 'content', 'harbour.md'), harbour)
      await utimes(join(root, 'content', 'harbour.md'), mtime, mtime)
      expect(answeredByCheck(await buildRoot(root))).toBe(false)
      expect(await readFile(join(root, 'dist', '2026', '01', '10', 'harbour-reopens', 'index.html'), 'utf8')).toContain('Monday')
    })
  }, 20_000)

  it('counts the content files a build ingested as what it read: the next build has nothing to do', async () => {
    await withTempDir(async (root) => {
      await site(root, { 'seeds/storm.txt': 'Storm closes the harbour for a day\n\nThe harbour closed on Monday as the storm arrived from the west.\n\nShips waited outside.\n\nSource link\n' })
      const first = await buildRoot(root)
      expect(first.ingested).toEqual(['content/storm-closes-the-harbour-for-a-day.md'])
      expect(answeredByCheck(await buildRoot(root))).toBe(true)
    })
  })

  it('builds again once an article skipped as future falls due', async () => {
    await withTempDir(async (root) => {
      await site(root, { 'content/harbour.md': harbour, 'content/later.md': article({ title: 'Tomorrow’s vote', date: '2026-01-16T09:00:00Z' }, 'The vote is tomorrow.') })
      expect((await buildRoot(root)).articles).toBe(1)
      expect(answeredByCheck(await buildRoot(root, { now: new Date('2026-01-16T08:59:59Z') }))).toBe(true)
      const due = await buildRoot(root, { now: new Date('2026-01-16T09:00:00Z') })
      expect([answeredByCheck(due), due.articles]).toEqual([false, 2])
    })
  })

  it('does not stand in for a site written despite errors, nor for a build left unfinished', async () => {
    await withTempDir(async (root) => {
      await site(root, { 'content/harbour.md': harbour })
      await buildRoot(root)
      await site(root, { 'content/broken.md': '---\ntitle: [unclosed\n---\n\nText.\n' })
      const kept = await buildRoot(root, { keepGoing: true })
      expect([kept.ok, kept.written]).toEqual([false, true])
      await rm(join(root, 'content', 'broken.md'))
      // The inputs are those of the first build again, but the site is the one written since.
      expect(answeredByCheck(await buildRoot(root))).toBe(false)
      expect(answeredByCheck(await buildRoot(root))).toBe(true)

      // A staging folder beside the site (a build killed part-way) is the next build's to clear.
      await mkdir(join(root, '.dist.staging-999999'))
      expect(answeredByCheck(await buildRoot(root))).toBe(false)
      expect(answeredByCheck(await buildRoot(root))).toBe(true)
    })
  })
})

describe('a build after a change', () => {
  /** A store that tells which sources it read and which content files it left unread. */
  function spiedStore(root: string) {
    const store = fsStore(root, { clock: join(root, '.gazette-cache', 'clock') })
    const seen = { read: [] as string[], unread: [] as string[] }
    return {
      seen,
      store: {
        ...store,
        async read() {
          const contents = await store.read()
          seen.read = contents.sources.map((source) => source.path)
          seen.unread = [...contents.content]
          return contents
        },
        readContent(path: string) {
          seen.read = [...seen.read, path].sort()
          seen.unread = seen.unread.filter((unread) => unread !== path)
          return store.readContent(path)
        }
      }
    }
  }

  async function files(dir: string): Promise<Map<string, string>> {
    const found = new Map<string, string>()
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) found.set(join(entry.parentPath, entry.name).slice(dir.length + 1), await readFile(join(entry.parentPath, entry.name), 'utf8'))
    }
    return found
  }

  /** The site a clean build makes of the same sources, in a folder of its own. */
  async function cleanSite(root: string, dir: string): Promise<Map<string, string>> {
    const fresh = join(dir, 'fresh')
    await cp(root, fresh, { recursive: true, filter: (path) => !path.includes('.gazette-cache') && !path.includes(`${join(root, 'dist')}`) })
    expect((await buildRoot(fresh)).ok).toBe(true)
    return files(join(fresh, 'dist'))
  }

  const seed = 'Storm closes the harbour\n\nThe harbour closed on Sunday as the storm reached the coast.\n\nFerries stayed in port overnight.\n'

  it('reads only the content files that changed since the last build, and makes the site a clean build makes', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'root')
      await site(root, { 'content/harbour.md': harbour, 'content/council.md': council, 'seeds/storm.txt': seed })
      expect((await buildRoot(root)).ok).toBe(true)
      // Older than the next build's tick, so their times can be trusted.
      await sleep(100)
      await site(root, { 'content/harbour.md': harbour.replace('Ships queued', 'Ferries queued') })
      const { store, seen } = spiedStore(root)
      const rebuilt = await buildRoot(root, { store })
      expect(rebuilt.ok).toBe(true)
      expect(seen.read).toEqual(['content/harbour.md', 'seeds/storm.txt'])
      expect(seen.unread).toEqual(['content/council.md', 'content/storm-closes-the-harbour.md'])
      // The seed was ingested once, and is not again: what its content file records came from the cache.
      expect(rebuilt.ingested).toEqual([])
      expect(await files(join(root, 'dist'))).toEqual(await cleanSite(root, dir))
    })
  })

  it('reads a file it knows by its key after all when the cache lost its record', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'root')
      await site(root, { 'content/harbour.md': harbour, 'content/council.md': council })
      await buildRoot(root)
      await sleep(100)
      await site(root, { 'content/harbour.md': harbour.replace('Ships queued', 'Ferries queued') })
      await rm(join(root, '.gazette-cache', 'articles.bin'))
      const { store, seen } = spiedStore(root)
      const rebuilt = await buildRoot(root, { store })
      expect([rebuilt.ok, rebuilt.articles]).toEqual([true, 2])
      expect([seen.read, seen.unread]).toEqual([['content/council.md', 'content/harbour.md'], []])
      expect(await files(join(root, 'dist'))).toEqual(await cleanSite(root, dir))
    })
  })

  it('reads every file again when the config changed: article keys depend on it', async () => {
    await withTempDir(async (root) => {
      await site(root, { 'content/harbour.md': harbour, 'content/council.md': council })
      await buildRoot(root)
      await sleep(100)
      await site(root, { 'gazette.config.json': JSON.stringify({ timezone: 'Asia/Tokyo' }) })
      const { store, seen } = spiedStore(root)
      expect((await buildRoot(root, { store })).ok).toBe(true)
      expect([seen.read, seen.unread]).toEqual([['content/council.md', 'content/harbour.md'], []])
    })
  })

  it('keeps the sitemap and robots.txt while routes and dates stay, and makes them again when one is gone or they change', async () => {
    await withTempDir(async (root) => {
      await site(root, { 'content/harbour.md': harbour, 'content/council.md': council })
      expect((await buildRoot(root)).ok).toBe(true)
      const identity = async (path: string) => {
        const info = await stat(join(root, 'dist', path))
        return [info.ino, info.mtimeMs]
      }
      const sitemap = await identity('sitemap.xml')
      const robots = await identity('robots.txt')
      // A body edited: no route or date changed, and the files are left as they were.
      await writeFile(join(root, 'content/harbour.md'), harbour.replace('overnight', 'all night'))
      expect((await buildRoot(root)).ok).toBe(true)
      expect([await identity('sitemap.xml'), await identity('robots.txt')]).toEqual([sitemap, robots])
      // One of them removed by hand: both are made again, as a clean build makes them.
      await rm(join(root, 'dist', 'robots.txt'))
      await writeFile(join(root, 'content/harbour.md'), harbour.replace('overnight', 'until dawn'))
      expect((await buildRoot(root)).ok).toBe(true)
      const clean = join(root, 'clean')
      await site(clean, { 'content/harbour.md': harbour.replace('overnight', 'until dawn'), 'content/council.md': council })
      expect((await buildRoot(clean)).ok).toBe(true)
      for (const path of ['robots.txt', 'sitemap.xml']) expect(await readFile(join(root, 'dist', path), 'utf8')).toBe(await readFile(join(clean, 'dist', path), 'utf8'))
      // A new article, on a day that has a page already: the sitemap lists it.
      const ferry = article({ title: 'Ferry returns', date: '2026-01-11T09:00:00Z' }, 'The ferry returned to the harbour.')
      await site(root, { 'content/ferry.md': ferry })
      await site(clean, { 'content/ferry.md': ferry })
      expect((await buildRoot(root)).ok).toBe(true)
      expect((await buildRoot(clean)).ok).toBe(true)
      const rebuilt = await readFile(join(root, 'dist', 'sitemap.xml'), 'utf8')
      expect(rebuilt).toContain('/2026/01/11/ferry-returns/')
      expect(rebuilt).toBe(await readFile(join(clean, 'dist', 'sitemap.xml'), 'utf8'))
    })
  })
})
