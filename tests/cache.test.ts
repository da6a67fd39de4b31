import { mkdir, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeArraysFile } from '../src/io/arrays-file.js'
import { fsCache, memoryCache, writeBehind, type BuildCache, type CacheState } from '../src/io/cache.js'
import type { SavedSearchIndex } from '../src/search-index.js'
import type { StoryCache } from '../src/stories.js'
import { relatedStories, type RelatingMemory } from '../src/story/related-stories.js'
import type { StoryRecord } from '../src/types.js'
import type { LastBuild } from '../src/up-to-date.js'
import { withTempDir } from './helpers.js'

function record(seed: number): StoryRecord {
  return { shingles: Uint32Array.from({ length: 50 + seed }, (_, i) => i * 7 + seed), signature: Uint32Array.from({ length: 100 }, (_, i) => i ^ seed), terms: `harbour\t${seed}\nstorm\t1`, search: `harbour\t${seed}` }
}

const records = (keys: readonly string[]) => new Map(keys.map((key, index) => [key, record(index + 1)]))

/** Make the cache hold these story records, as a build's end does: added, then the others forgotten. */
async function saveStories(cache: BuildCache, stories: ReadonlyMap<string, StoryRecord>): Promise<void> {
  await cache.addStories(stories)
  await cache.pruneStories(new Set(stories.keys()))
}

/** As `saveStories`, each record's signature given to the cache as a build gives it, to be kept apart. */
async function saveStoriesWithSignatures(cache: BuildCache, stories: ReadonlyMap<string, StoryRecord>, signatureOf = (key: string) => stories.get(key)?.signature): Promise<void> {
  await cache.addStories(stories)
  await cache.pruneStories(new Set(stories.keys()), signatureOf)
}

/** Whether the records' signatures are views of one buffer: read from the signatures kept apart, not each copied out of the story file. */
function fromSignaturesKeptApart(stories: ReadonlyMap<string, StoryRecord>): boolean {
  const buffers = new Set([...stories.values()].map((story) => story.signature.buffer))
  return stories.size > 1 && buffers.size === 1
}

/** Save story records under these keys in `dir`, then cut the file's last `bytes` off, as a build killed while writing it would. */
async function savedThenCut(dir: string, keys: readonly string[], bytes: number): Promise<void> {
  const cache = fsCache(dir, 'test')
  await cache.loadStories()
  await saveStories(cache, records(keys))
  const { size } = await stat(join(dir, 'stories.bin'))
  await truncate(join(dir, 'stories.bin'), size - bytes)
}

describe('fsCache story records', () => {
  it('appends the records a build adds, and reads back each key once', async () => {
    await withTempDir(async (dir) => {
      const cache = fsCache(dir, 'test')
      await cache.loadStories()
      await saveStories(cache, records(['a', 'b', 'c']))
      const first = await stat(join(dir, 'stories.bin'))

      const next = fsCache(dir, 'test')
      expect(await next.loadStories()).toEqual(records(['a', 'b', 'c']))
      // One record added, one gone: the file is appended to in place (same inode), not rewritten.
      const after = new Map(records(['a', 'b', 'c']))
      after.delete('b')
      after.set('d', record(9))
      await saveStories(next, after)
      const appended = await stat(join(dir, 'stories.bin'))
      expect(appended.ino).toBe(first.ino)
      expect(appended.size).toBeGreaterThan(first.size)
      const loaded = await fsCache(dir, 'test').loadStories()
      expect(loaded.get('d')).toEqual(record(9))
      expect([...loaded.keys()].sort()).toEqual(['a', 'b', 'c', 'd'])
    })
  })

  it('writes a file larger than one write chunk (several megabytes), whole and appended, and reads it back', async () => {
    await withTempDir(async (dir) => {
      // Records of about a megabyte each: a save writes the file a few megabytes at a time.
      const big = (seed: number): StoryRecord => ({ ...record(seed), search: `${'harbour storm '.repeat(75_000)}${seed}` })
      const many = new Map(Array.from({ length: 12 }, (_, index) => [`k${index}`, big(index)]))
      const cache = fsCache(dir, 'test')
      await cache.loadStories()
      await saveStories(cache, many)
      expect((await stat(join(dir, 'stories.bin'))).size).toBeGreaterThan(12_000_000)
      const next = fsCache(dir, 'test')
      expect(await next.loadStories()).toEqual(many)
      const more = new Map([...many, ...Array.from({ length: 6 }, (_, index) => [`m${index}`, big(100 + index)] as const)])
      await saveStories(next, more)
      expect(await fsCache(dir, 'test').loadStories()).toEqual(more)
    })
  })

  it('writes the file again, live records only, once the dead ones take more room than the live', async () => {
    await withTempDir(async (dir) => {
      const cache = fsCache(dir, 'test')
      await cache.loadStories()
      await saveStories(cache, records(['a', 'b', 'c', 'd']))
      const next = fsCache(dir, 'test')
      await next.loadStories()
      await saveStories(next, new Map([['a', record(1)]]))
      expect(await fsCache(dir, 'test').loadStories()).toEqual(new Map([['a', record(1)]]))
    })
  })

  it('adds records without reading them first: each key once, after the whole records, the rest as they were', async () => {
    await withTempDir(async (dir) => {
      await saveStories(fsCache(dir, 'test'), records(['a', 'b']))
      const first = await stat(join(dir, 'stories.bin'))
      // Not loaded: the cache reads the file's keys to know what it holds.
      await fsCache(dir, 'test').addStories([['b', record(7)], ['c', record(3)]])
      expect((await stat(join(dir, 'stories.bin'))).ino).toBe(first.ino)
      expect(await fsCache(dir, 'test').loadStories()).toEqual(new Map([...records(['a', 'b']), ['c', record(3)]]))
      // Records no longer live are dropped by copying the live ones as they are.
      await fsCache(dir, 'test').pruneStories(new Set(['c']))
      expect(await fsCache(dir, 'test').loadStories()).toEqual(new Map([['c', record(3)]]))
      // After a tail cut short, what is added is written over it.
      const cut = join(dir, 'cut')
      await savedThenCut(cut, ['a', 'b'], 10)
      await fsCache(cut, 'test').addStories([['d', record(4)]])
      expect(await fsCache(cut, 'test').loadStories()).toEqual(new Map([['a', record(1)], ['d', record(4)]]))
      // A file of another version is written anew.
      await fsCache(dir, 'other').addStories([['e', record(5)]])
      expect(await fsCache(dir, 'other').loadStories()).toEqual(new Map([['e', record(5)]]))
    })
  })

  it('reads a record’s shingles and terms from the file only when asked, where the record is now', async () => {
    await withTempDir(async (dir) => {
      await saveStories(fsCache(dir, 'test'), records(['a', 'b', 'c', 'd']))
      const cache = fsCache(dir, 'test')
      const loaded = await cache.loadStories()
      // The signatures were read; the rest is read from the file when asked.
      expect(loaded.get('d')!.signature).toEqual(record(4).signature)
      // The file written again, live records only (the dead outweigh them): the records loaded
      // before find their parts where they are now.
      const before = await stat(join(dir, 'stories.bin'))
      await saveStories(cache, new Map([['d', record(4)], ['e', record(5)]]))
      expect((await stat(join(dir, 'stories.bin'))).ino).not.toBe(before.ino)
      expect(loaded.get('d')!.shingles).toEqual(record(4).shingles)
      expect(loaded.get('d')!.terms).toBe(record(4).terms)
      expect([...(await fsCache(dir, 'test').loadStories()).keys()]).toEqual(['d', 'e'])
      // A record no longer in the file says so when its parts are asked for.
      expect(() => loaded.get('a')!.terms).toThrow(/no longer in the file/)
    })
  })

  it('keeps the records before a tail cut short by a killed build, and writes over the tail', async () => {
    await withTempDir(async (dir) => {
      await savedThenCut(dir, ['a', 'b'], 10)
      const next = fsCache(dir, 'test')
      expect([...(await next.loadStories()).keys()]).toEqual(['a'])
      await saveStories(next, records(['a', 'b']))
      expect(await fsCache(dir, 'test').loadStories()).toEqual(records(['a', 'b']))
      // A file of another cache version holds nothing for this one.
      expect((await readFile(join(dir, 'stories.bin'))).includes('test/cache-format-')).toBe(true)
      expect(await fsCache(dir, 'other').loadStories()).toEqual(new Map())
    })
  })
})

describe('fsCache signatures kept apart', () => {
  it('keeps them when given, and a later load takes them from there and the rest from where the records are', async () => {
    await withTempDir(async (dir) => {
      const cache = fsCache(dir, 'test')
      await cache.loadStories()
      await saveStoriesWithSignatures(cache, records(['a', 'b', 'c']))
      const next = fsCache(dir, 'test')
      const loaded = await next.loadStories()
      expect(fromSignaturesKeptApart(loaded)).toBe(true)
      expect(loaded).toEqual(records(['a', 'b', 'c']))
      const terms: string[] = []
      await next.eachSearchTerms(new Set(['b']), (key, search) => terms.push(`${key}:${search}`))
      expect(terms).toEqual([`b:${record(2).search}`])
      // Added to and pruned, the file is appended to in place, and the signatures kept again.
      const { ino } = await stat(join(dir, 'stories.bin'))
      const after = new Map([...records(['a', 'b']), ['d', record(9)]])
      await saveStoriesWithSignatures(next, after, (key) => after.get(key)?.signature ?? loaded.get(key)?.signature)
      expect((await stat(join(dir, 'stories.bin'))).ino).toBe(ino)
      const again = await fsCache(dir, 'test').loadStories()
      expect(fromSignaturesKeptApart(again)).toBe(true)
      // The record no longer live is still in the file, and its signature was given: it is there too.
      expect(again).toEqual(new Map([...records(['a', 'b', 'c']), ['d', record(9)]]))
    })
  })

  it('reads the story file through once it changed since they were kept', async () => {
    await withTempDir(async (dir) => {
      await saveStoriesWithSignatures(fsCache(dir, 'test'), records(['a', 'b']))
      // Another process appends a record and keeps no signatures.
      await fsCache(dir, 'test').addStories([['c', record(3)]])
      const loaded = await fsCache(dir, 'test').loadStories()
      expect(fromSignaturesKeptApart(loaded)).toBe(false)
      expect(loaded).toEqual(records(['a', 'b', 'c']))
      // Written again by another process, live records only, with none kept either.
      await fsCache(dir, 'test').pruneStories(new Set(['c']))
      expect(await fsCache(dir, 'test').loadStories()).toEqual(new Map([['c', record(3)]]))
    })
  })

  it('keeps none without the signature of every live record, and leaves out only those of dead ones', async () => {
    await withTempDir(async (dir) => {
      const all = records(['a', 'b', 'c'])
      await saveStoriesWithSignatures(fsCache(dir, 'test'), all, (key) => (key === 'b' ? undefined : all.get(key)?.signature))
      const loaded = await fsCache(dir, 'test').loadStories()
      expect(fromSignaturesKeptApart(loaded)).toBe(false)
      expect(loaded).toEqual(all)
      // 'c' no longer live, its signature not given: kept apart without it, and still in the story file.
      const cache = fsCache(dir, 'test')
      await cache.addStories([['d', record(4)]])
      await cache.pruneStories(new Set(['a', 'b', 'd']), (key) => (key === 'c' ? undefined : (key === 'd' ? record(4) : all.get(key))?.signature))
      const next = await fsCache(dir, 'test').loadStories()
      expect(fromSignaturesKeptApart(next)).toBe(true)
      expect(next).toEqual(new Map([...records(['a', 'b']), ['d', record(4)]]))
    })
  })
})

describe('fsCache state', () => {
  it('keeps articles as records of their own: appended, and good when the rest of the state is lost', async () => {
    await withTempDir(async (dir) => {
      const articles = { k1: { messages: [] }, k2: { messages: [{ reason: 'Removed a repeated paragraph.', ruleId: 'repeat-removed' }] } }
      const cache = fsCache(dir, 'test')
      await cache.load()
      await cache.save({ articles, pages: { out: '/site', keys: { 'index.html': 'p1' } } })
      const first = await stat(join(dir, 'articles.bin'))
      const next = fsCache(dir, 'test')
      expect(await next.load()).toEqual({ articles, pages: { out: '/site', keys: { 'index.html': 'p1' } } })
      await next.save({ articles: { ...articles, k3: { messages: [] } }, pages: { out: '/site', keys: {} } })
      expect((await stat(join(dir, 'articles.bin'))).ino).toBe(first.ino)
      await rm(join(dir, 'state.json'))
      expect(await fsCache(dir, 'test').load()).toEqual({ articles: { ...articles, k3: { messages: [] } }, pages: { out: '', keys: {} } })
    })
  })
})

describe('fsCache clusters', () => {
  const stories = (key: string): StoryCache => ({
    key,
    clusters: [{ canonical: 'content/a.md', copies: [{ id: 'content/b.md', similarity: 0.91 }] }],
    related: [
      ['content/a.md', ['content/c.md', 'content/d.md']],
      ['content/c.md', ['content/a.md']],
      ['content/é.md', []]
    ],
    pairs: { keys: ['ka', 'kb', 'kc'], checked: Float64Array.from([1, 6, 2 ** 40 + 3]) }
  })
  const state = (story?: StoryCache): CacheState => ({ articles: {}, pages: { out: '/site', keys: { 'index.html': 'p1' } }, ...(story ? { stories: story } : {}) })

  it('keeps what clustering found in a file of its own, written again only when it is another', async () => {
    await withTempDir(async (dir) => {
      const cache = fsCache(dir, 'test')
      await cache.load()
      await cache.save(state(stories('s1')))
      const next = fsCache(dir, 'test')
      const loaded = await next.load()
      expect(loaded).toEqual(state(stories('s1')))
      expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'))).not.toHaveProperty('stories')
      // The same clusters saved again with other pages: their file is left as it is.
      const first = await stat(join(dir, 'clusters.bin'))
      await next.save({ ...loaded, pages: { out: '/site', keys: {} } })
      expect((await stat(join(dir, 'clusters.bin'))).mtimeMs).toBe(first.mtimeMs)
      expect((await stat(join(dir, 'clusters.bin'))).ino).toBe(first.ino)
      await next.save(state(stories('s2')))
      expect(await fsCache(dir, 'test').load()).toEqual(state(stories('s2')))
      // Without pairs, and with none at all.
      const { pairs: _, ...unpaired } = stories('s3')
      await next.save(state(unpaired))
      expect(await fsCache(dir, 'test').load()).toEqual(state(unpaired))
      await next.save(state())
      expect(await fsCache(dir, 'test').load()).toEqual(state())
    })
  })

  it('has none from another version, a file cut short, or numbers that name no path', async () => {
    await withTempDir(async (dir) => {
      await fsCache(dir, 'test').save(state(stories('s1')))
      expect((await fsCache(dir, 'other').load()).stories).toBeUndefined()
      const { size } = await stat(join(dir, 'clusters.bin'))
      await truncate(join(dir, 'clusters.bin'), size - 4)
      expect(await fsCache(dir, 'test').load()).toEqual(state())
      const header = 'gazette-clusters\ntest/cache-format-8'
      await writeArraysFile(join(dir, 'clusters.bin'), header, { key: 's', clusters: [], paths: ['content/a.md'], pairKeys: null }, [Int32Array.from([0]), Int32Array.from([0, 1]), Int32Array.from([1]), new Float64Array(0)])
      expect(await fsCache(dir, 'test').load()).toEqual(state())
      await writeArraysFile(join(dir, 'clusters.bin'), header, { key: 's', clusters: [], paths: ['content/a.md'], pairKeys: null }, [Int32Array.from([0]), Int32Array.from([0, 1]), Int32Array.from([0]), new Float64Array(0)])
      expect(await fsCache(dir, 'test').load()).toEqual(state({ key: 's', clusters: [], related: [['content/a.md', ['content/a.md']]] }))
    })
  })
})

describe('fsCache bodies', () => {
  const body = (text: string) => ({ type: 'root' as const, children: [{ type: 'text' as const, value: text }] })
  const state = (keys: readonly string[]) => ({ articles: Object.fromEntries(keys.map((key) => [key, { messages: [] }])), pages: { out: '/site', keys: {} } })
  /** The keys whose bodies the cache folder holds. */
  const bodiesIn = async (dir: string, keys: readonly string[]) => {
    const cache = fsCache(dir, 'any')
    const held: string[] = []
    for (const key of keys) if (await cache.readBody(key)) held.push(key)
    return held
  }

  it('removes the bodies of the articles a save no longer names, build after build', async () => {
    await withTempDir(async (dir) => {
      const first = fsCache(dir, 'test')
      await first.load()
      for (const key of ['aa1', 'bb1', 'cc1']) await first.writeBody(key, body(key))
      await first.save(state(['aa1', 'bb1', 'cc1']))
      const next = fsCache(dir, 'test')
      await next.load()
      await next.writeBody('dd1', body('dd1'))
      await next.save(state(['aa1', 'cc1', 'dd1']))
      expect(await bodiesIn(dir, ['aa1', 'bb1', 'cc1', 'dd1'])).toEqual(['aa1', 'cc1', 'dd1'])
      // Saved again by the same cache, as the dev server does after each build.
      await next.writeBody('ee1', body('ee1'))
      await next.save(state(['aa1', 'ee1']))
      expect(await bodiesIn(dir, ['aa1', 'bb1', 'cc1', 'dd1', 'ee1'])).toEqual(['aa1', 'ee1'])
      expect(await fsCache(dir, 'test').readBody('ee1')).toEqual(body('ee1'))
    })
  })

  it('removes, at the first save, the bodies a cache of another version left', async () => {
    await withTempDir(async (dir) => {
      const old = fsCache(dir, 'old')
      await old.load()
      for (const key of ['aa1', 'bb1']) await old.writeBody(key, body(key))
      await old.save(state(['aa1', 'bb1']))
      const next = fsCache(dir, 'new')
      expect((await next.load()).articles).toEqual({})
      await next.writeBody('cc1', body('cc1'))
      await next.save(state(['cc1']))
      expect(await bodiesIn(dir, ['aa1', 'bb1', 'cc1'])).toEqual(['cc1'])
    })
  })

  it('removes the bodies a build wrote and never saved the records of (a killed build), and its half-written files', async () => {
    await withTempDir(async (dir) => {
      const first = fsCache(dir, 'test')
      await first.load()
      await first.writeBody('aa1', body('aa1'))
      await first.save(state(['aa1']))
      const killed = fsCache(dir, 'test')
      await killed.load()
      await killed.writeBody('bb1', body('bb1'))
      await mkdir(join(dir, 'bodies', 'cc'))
      await writeFile(join(dir, 'bodies', 'cc', 'cc1.json.1-2-3.tmp'), '{"type":"ro')
      const next = fsCache(dir, 'test')
      await next.load()
      await next.save(state(['aa1']))
      expect(await bodiesIn(dir, ['aa1', 'bb1'])).toEqual(['aa1'])
      expect(await readdir(join(dir, 'bodies', 'cc'))).toEqual([])
    })
  })
})

describe('eachSearchTerms', () => {
  const visited = async (cache: { eachSearchTerms: (keys: ReadonlySet<string>, visit: (key: string, terms: string) => void) => Promise<void> }, keys: readonly string[]) => {
    const seen: Array<[string, string]> = []
    await cache.eachSearchTerms(new Set(keys), (key, terms) => seen.push([key, terms]))
    return seen
  }

  it('visits the saved search terms of the keys asked for, from a file read a few megabytes at a time', async () => {
    await withTempDir(async (dir) => {
      // Records of about a megabyte each, so the file is read in several chunks and records cross their ends.
      // Each record's text its own, so bytes left over from another record cannot pass for it.
      const big = (seed: number): StoryRecord => ({ ...record(seed), search: Array.from({ length: 80_000 }, (_, line) => `harbour${seed}x${line}\t1`).join('\n') })
      const many = new Map(Array.from({ length: 12 }, (_, index) => [`k${index}`, big(index)]))
      // And one larger than the reader's buffer.
      many.set('huge', { ...record(99), search: big(99).search.repeat(5) })
      const cache = fsCache(dir, 'test')
      await cache.loadStories()
      await saveStories(cache, many)
      const seen = await visited(fsCache(dir, 'test'), ['k0', 'k5', 'k11', 'huge', 'absent'])
      expect(seen.map(([key]) => key)).toEqual(['k0', 'k5', 'k11', 'huge'])
      for (const [key, terms] of seen) expect(terms).toBe(many.get(key)!.search)
    })
  })

  it('visits a few records where it wrote or read them, and reads the file through once another process wrote it again', async () => {
    await withTempDir(async (dir) => {
      const keys = Array.from({ length: 400 }, (_, index) => `k${index}`)
      const cache = fsCache(dir, 'test')
      await cache.loadStories()
      await saveStories(cache, records(keys))
      // Where this process wrote them, appended after them, and after it wrote the file again.
      expect(await visited(cache, ['k3', 'k250'])).toEqual([['k3', record(4).search], ['k250', record(251).search]])
      await cache.addStories(new Map([['late', record(500)]]))
      expect(await visited(cache, ['late', 'k399'])).toEqual([['late', record(500).search], ['k399', record(400).search]])
      await cache.pruneStories(new Set([...keys.slice(300), 'late']))
      expect(await visited(cache, ['k350', 'late'])).toEqual([['k350', record(351).search], ['late', record(500).search]])
      // Where another process found them: loading them reads where each one is.
      const reader = fsCache(dir, 'test')
      await reader.loadStories()
      expect(await visited(reader, ['k301'])).toEqual([['k301', record(302).search]])
      // Another process writes the file again: the records moved, one is gone, one is new.
      const other = fsCache(dir, 'test')
      await other.loadStories()
      await other.addStories(new Map([['other', record(600)]]))
      await other.pruneStories(new Set([...keys.slice(390), 'other']))
      expect(await visited(reader, ['k395'])).toEqual([['k395', record(396).search]])
      expect(await visited(reader, ['k301'])).toEqual([])
      expect(await visited(reader, ['other'])).toEqual([['other', record(600).search]])
    })
  })

  it('never takes another record found where one was for it, once the file was written again', async () => {
    await withTempDir(async (dir) => {
      // Records of one size, so that written again in another order, each place holds another record.
      const even = (index: number): StoryRecord => ({ ...record(1), search: `harbour\t${String(index).padStart(4, '0')}` })
      const keys = Array.from({ length: 200 }, (_, index) => `k${String(index).padStart(3, '0')}`)
      const reader = fsCache(dir, 'test')
      await reader.loadStories()
      await saveStories(reader, new Map(keys.map((key, index) => [key, even(index)])))
      await rm(join(dir, 'stories.bin'))
      const writer = fsCache(dir, 'test')
      await writer.loadStories()
      await saveStories(writer, new Map([...keys].reverse().map((key) => [key, even(Number(key.slice(1)))])))
      expect(await visited(reader, ['k010'])).toEqual([['k010', even(10).search]])
    })
  })

  it('visits nothing past a record cut short, nor anything in a file of another version', async () => {
    await withTempDir(async (dir) => {
      await savedThenCut(dir, ['a', 'b'], 3)
      expect(await visited(fsCache(dir, 'test'), ['a', 'b'])).toEqual([['a', record(1).search]])
      expect(await visited(fsCache(dir, 'other'), ['a', 'b'])).toEqual([])
      // A damaged length, more than the file holds: a record cut short, not a buffer of gigabytes.
      const bytes = await readFile(join(dir, 'stories.bin'))
      const header = 4 + bytes.readUInt32LE(0)
      bytes.writeUInt32LE(0xfffffff0, header)
      await writeFile(join(dir, 'stories.bin'), bytes)
      expect(await visited(fsCache(dir, 'test'), ['a', 'b'])).toEqual([])
      await rm(join(dir, 'stories.bin'))
      expect(await visited(fsCache(dir, 'test'), ['a'])).toEqual([])
    })
  })

  it('answers from memory for records saved and not yet flushed', async () => {
    await withTempDir(async (dir) => {
      const cache = writeBehind(fsCache(dir, 'test'))
      await saveStories(cache, records(['a', 'b']))
      expect(await visited(cache, ['b'])).toEqual([['b', record(2).search]])
      const memory = memoryCache()
      await saveStories(memory, records(['a', 'b']))
      expect(await visited(memory, ['a'])).toEqual([['a', record(1).search]])
    })
  })
})

describe('writeBehind', () => {
  const state = (key: string) => ({ articles: { [key]: { messages: [] } }, pages: { out: 'memory', keys: { 'index.html': key } } })
  const last = (settings: string, messages?: LastBuild['messages']): LastBuild => ({ settings, inputs: {}, outputs: [], report: { files: [] } as unknown as LastBuild['report'], ...(messages ? { messages } : {}) })

  it('answers from memory what it saved, and writes it to disk only when flushed', async () => {
    await withTempDir(async (dir) => {
      const disk = fsCache(dir, 'test')
      await disk.save(state('old'))
      const cache = writeBehind(fsCache(dir, 'test'))
      expect(await cache.load()).toEqual(state('old'))
      await cache.save(state('new'))
      await saveStories(cache, records(['a']))
      await cache.saveLast(last('new'))
      expect(await cache.load()).toEqual(state('new'))
      expect(await cache.loadStories()).toEqual(records(['a']))
      expect((await cache.loadLast())?.settings).toBe('new')
      // Nothing of it on disk yet.
      expect(await fsCache(dir, 'test').load()).toEqual(state('old'))
      expect(await fsCache(dir, 'test').loadLast()).toBeUndefined()
      await cache.flush()
      expect(await fsCache(dir, 'test').load()).toEqual(state('new'))
      expect(await fsCache(dir, 'test').loadStories()).toEqual(records(['a']))
      expect((await fsCache(dir, 'test').loadLast())?.settings).toBe('new')
      // Records added and forgotten between flushes reach the disk as the last of them left them,
      // those added after the forgetting included (on disk, d takes more room than a).
      await cache.addStories([['b', record(2)], ['c', record(3)]])
      await cache.pruneStories(new Set(['a']))
      await cache.addStories([['d', record(4)]])
      expect(await cache.loadStories()).toEqual(new Map([['a', record(1)], ['d', record(4)]]))
      expect(await fsCache(dir, 'test').loadStories()).toEqual(records(['a']))
      await cache.flush()
      expect(await fsCache(dir, 'test').loadStories()).toEqual(new Map([['a', record(1)], ['d', record(4)]]))
    })
  })

  it('keeps the messages saved before when a new last build has none, as the disk does', async () => {
    await withTempDir(async (dir) => {
      const messages = [{ path: 'content/a.md', messages: [] }]
      const cache = writeBehind(fsCache(dir, 'test'))
      await cache.saveLast(last('first', messages))
      await cache.saveLast(last('second'))
      expect(await cache.loadLast({ messages: true })).toMatchObject({ settings: 'second', messages })
      expect(await cache.loadLast()).not.toHaveProperty('messages')
      await cache.flush()
      expect(await fsCache(dir, 'test').loadLast({ messages: true })).toMatchObject({ settings: 'second', messages })
    })
  })
})

describe('fsCache search index', () => {
  const saved = (count: number, wide: boolean): SavedSearchIndex => ({
    key: 'k1',
    articles: Array.from({ length: count }, (_, id) => `article-${id}`),
    shards: [{ prefix: 'ha', terms: 1 }, { prefix: 'st', terms: 1 }],
    postings: { count, names: ['harbour', 'storm'], starts: Int32Array.from([0, 2, 3]), ids: wide ? Int32Array.from([0, 70_000, 3]) : Uint16Array.from([0, 2, 1]), counts: Uint8Array.from([1, 255, 4]), large: new Map([[1, 300]]) }
  })

  it('reads back the postings it saved, ids of two bytes or four, and counts kept apart', async () => {
    await withTempDir(async (dir) => {
      for (const index of [saved(3, false), saved(70_001, true)]) {
        await fsCache(dir, 'test').saveSearchIndex(index)
        const back = await fsCache(dir, 'test').loadSearchIndex()
        expect(back).toEqual(index)
        expect(back!.postings.ids).toBeInstanceOf(index.postings.ids.constructor)
      }
    })
  })

  it('has none when the file is missing, cut short, or written by another version', async () => {
    await withTempDir(async (dir) => {
      expect(await fsCache(dir, 'test').loadSearchIndex()).toBeUndefined()
      await fsCache(dir, 'test').saveSearchIndex(saved(3, false))
      expect(await fsCache(dir, 'other').loadSearchIndex()).toBeUndefined()
      const { size } = await stat(join(dir, 'search.bin'))
      await truncate(join(dir, 'search.bin'), size - 2)
      expect(await fsCache(dir, 'test').loadSearchIndex()).toBeUndefined()
    })
  })

  it('holds a saved index, and related stories, in memory until flushed, when writing behind', async () => {
    await withTempDir(async (dir) => {
      const cache = writeBehind(fsCache(dir, 'test'))
      const relating = relatedStories([{ id: 'a', key: 'ka', date: '2025-01-01', path: 'a', features: { shingles: new Uint32Array(0), signature: new Uint32Array(0), terms: '#oslo\t2' } }], { maxRelated: 5, topTerms: 12, maxPosting: 100, minRelatedScore: 0.1 }).memory
      await cache.saveSearchIndex(saved(3, false))
      await cache.saveRelating(relating)
      expect(await cache.loadSearchIndex()).toEqual(saved(3, false))
      expect(await cache.loadRelating()).toEqual(relating)
      expect(await fsCache(dir, 'test').loadSearchIndex()).toBeUndefined()
      expect(await fsCache(dir, 'test').loadRelating()).toBeUndefined()
      await cache.flush()
      expect(await fsCache(dir, 'test').loadSearchIndex()).toEqual(saved(3, false))
      expect(await fsCache(dir, 'test').loadRelating()).toEqual(relating)
    })
  })
})

/** The header a file of arrays was written with: its first part. */
async function headerOf(path: string): Promise<string> {
  const bytes = await readFile(path)
  return bytes.subarray(4, 4 + bytes.readUInt32LE(0)).toString()
}

describe('fsCache related stories', () => {
  const memory = (): RelatingMemory =>
    relatedStories(
      [
        { id: 'a', key: 'ka', date: '2025-01-01', path: 'a', features: { shingles: new Uint32Array(0), signature: new Uint32Array(0), terms: '#oslo\t2\nharbour\t1\nstorm\t3' } },
        { id: 'b', key: 'kb', date: '2025-01-02', path: 'b', features: { shingles: new Uint32Array(0), signature: new Uint32Array(0), terms: '#oslo\t1\nharbour\t2' } },
        { id: 'c', key: 'kc', date: '2025-01-03', path: 'c', features: { shingles: new Uint32Array(0), signature: new Uint32Array(0), terms: 'storm\t1\ntram\t4' } }
      ],
      { maxRelated: 5, topTerms: 12, maxPosting: 100, minRelatedScore: 0.1 }
    ).memory

  it('reads back what relating found, and has none from another version or a file cut short', async () => {
    await withTempDir(async (dir) => {
      expect(await fsCache(dir, 'test').loadRelating()).toBeUndefined()
      const saved = memory()
      expect(saved.relatedArticles.length).toBeGreaterThan(0)
      await fsCache(dir, 'test').saveRelating(saved)
      expect(await fsCache(dir, 'test').loadRelating()).toEqual(saved)
      expect(await fsCache(dir, 'other').loadRelating()).toBeUndefined()
      const { size } = await stat(join(dir, 'related.bin'))
      await truncate(join(dir, 'related.bin'), size - 8)
      expect(await fsCache(dir, 'test').loadRelating()).toBeUndefined()
    })
  })

  it('keeps term numbers and counts that need four bytes, and two where two do', async () => {
    await withTempDir(async (dir) => {
      const many = Array.from({ length: 70_000 }, (_, k) => `w${k.toString().padStart(5, '0')}\t${k === 0 ? 70_000 : 1}`).join('\n')
      const item = (id: string, terms: string) => ({ id, key: `k${id}`, date: '2025-01-01', path: id, features: { shingles: new Uint32Array(0), signature: new Uint32Array(0), terms } })
      const wide = relatedStories([item('a', many), item('b', 'w00001\t2')], { maxRelated: 5, topTerms: 12, maxPosting: 100, minRelatedScore: 0.1 }).memory
      expect(wide.terms).toBeInstanceOf(Int32Array)
      expect(wide.counts).toBeInstanceOf(Int32Array)
      await fsCache(dir, 'test').saveRelating(wide)
      expect(await fsCache(dir, 'test').loadRelating()).toEqual(wide)
      const narrow = memory()
      expect(narrow.terms).toBeInstanceOf(Uint16Array)
      expect(narrow.counts).toBeInstanceOf(Uint16Array)
    })
  })

  it('has none when the arrays do not fit each other', async () => {
    await withTempDir(async (dir) => {
      const saved = memory()
      await fsCache(dir, 'test').saveRelating({ ...saved, terms: saved.terms.map((term) => term + saved.names.length) })
      expect(await fsCache(dir, 'test').loadRelating()).toBeUndefined()
      await fsCache(dir, 'test').saveRelating({ ...saved, ids: saved.ids.slice(1) })
      expect(await fsCache(dir, 'test').loadRelating()).toBeUndefined()
      // Files of the right header whose JSON is not what it should be.
      await fsCache(dir, 'test').saveRelating(saved)
      await writeArraysFile(join(dir, 'related.bin'), await headerOf(join(dir, 'related.bin')), {}, [])
      expect(await fsCache(dir, 'test').loadRelating()).toBeUndefined()
      await fsCache(dir, 'test').saveSearchIndex({ key: 'k', articles: [], shards: [], postings: { count: 0, names: [], starts: new Int32Array(1), ids: new Uint16Array(0), counts: new Uint8Array(0), large: new Map() } })
      expect(await fsCache(dir, 'test').loadSearchIndex()).toBeDefined()
      await writeArraysFile(join(dir, 'search.bin'), await headerOf(join(dir, 'search.bin')), null, [new Int32Array(1), new Uint16Array(0), new Uint8Array(0), new Int32Array(0)])
      expect(await fsCache(dir, 'test').loadSearchIndex()).toBeUndefined()
    })
  })
})
