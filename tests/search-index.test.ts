import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { build } from '../src/build.js'
import { memoryCache } from '../src/io/cache.js'
import { loadTemplates } from '../src/io/load-templates.js'
import { memoryStore } from '../src/io/store.js'
import { memoryWriter } from '../src/io/writer.js'
import { searchExcerpt, searchIndex, searchIndexPages, searchTerms, searchWords, type SearchEntry } from '../src/search-index.js'
import { article, testNow } from './helpers.js'
// @ts-expect-error: the search page's script is plain JavaScript.
import { searchWords as clientSearchWords } from '../templates/search.client.js'

const entry = (title: string, text: string, route = `${title.toLowerCase().replace(/\W+/g, '-')}/`): SearchEntry => ({ route, title, date: '1 May 2025', excerpt: text.slice(0, 40), terms: searchTerms({ title }, [text]) })

/** Each term's postings as the search page decodes them: id → count. */
function postingsOf(pages: ReturnType<typeof searchIndexPages>): Map<string, Map<number, number>> {
  const found = new Map<string, Map<number, number>>()
  for (const page of pages.filter((page) => page.path.startsWith('search/index/t/'))) {
    for (const [term, encoded] of Object.entries(JSON.parse(String(page.contents)) as Record<string, number[]>)) {
      const ids = new Map<number, number>()
      for (let i = 0, id = 0; i < encoded.length; i += 2) {
        // Ids ascend: every gap after the first is at least one.
        expect(encoded[i]!, term).toBeGreaterThanOrEqual(i === 0 ? 0 : 1)
        ids.set((id += encoded[i]!), encoded[i + 1]!)
      }
      found.set(term, ids)
    }
  }
  return found
}

function metaOf(pages: ReturnType<typeof searchIndexPages>): { documents: number; chunk: number; shards: string[] } {
  return JSON.parse(String(pages.find((page) => page.path === 'search/index/meta.json')!.contents))
}

/** The shard the search page reads for a whole word: the longest prefix the word starts with. */
function shardFor(shards: readonly string[], word: string): string | undefined {
  return shards.filter((shard) => word.startsWith(shard)).sort((a, b) => b.length - a.length)[0]
}

describe('searchWords', () => {
  it('folds case, accents and compatibility forms, and splits on anything but letters and digits', () => {
    expect(searchWords('Café NAÏVE, Japan’s ﬁrst 2025-05-01')).toEqual(['cafe', 'naive', 'japan', 's', 'first', '2025', '05', '01'])
  })

  it('cuts Chinese and Japanese text into overlapping pairs of characters', () => {
    expect(searchWords('東京都で')).toEqual(['東京', '京都', '都で'])
    expect(searchWords('Tokyo東京')).toEqual(['tokyo', '東京'])
    expect(searchWords('京')).toEqual(['京'])
    // Marks that are part of a script are kept: で is not て, and Hindi vowel signs stay in their word.
    expect(searchWords('バス パス')).toEqual(['バス', 'パス'])
    expect(searchWords('नमस्ते दुनिया')).toEqual(['नमस्ते', 'दुनिया'])
  })

  it('gives the words the search page gives for any text', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('é', 'e\u0301', 'ﬁ', 'Ä', '東', '京', '’', ' ', '-', 'İ', 'ß', '٣', '\u00a0'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 })
    fc.assert(
      fc.property(text, (value) => {
        expect(clientSearchWords(value)).toEqual(searchWords(value))
      }),
      { numRuns: 1000 }
    )
  })

  it('gives the same words for ASCII text, which skips Unicode normalisation', () => {
    const ascii = fc.string({ unit: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }), maxLength: 60 })
    fc.assert(fc.property(ascii, (value) => {
      expect(searchWords(value)).toEqual(clientSearchWords(value))
    }))
  })

  it('finds every Chinese or Japanese character from U+2E80 up: the quick check for them may skip the rest', () => {
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
    for (let code = 0; code < 0x2e80; code++) expect(cjk.test(String.fromCodePoint(code))).toBe(false)
    expect(searchWords('a東b')).toEqual(['a', '東', 'b'])
    expect(searchWords('𠀋𠀌')).toEqual(['𠀋𠀌'])
    // U+3005 (々) is the first Han letter: a quick check starting above it would leave it whole.
    expect(searchWords('\u3005\u3005\u3005')).toEqual(['\u3005\u3005', '\u3005\u3005'])
  })
})

describe('searchIndexPages', () => {
  it('lists every article under each of its words, with counts, headline words weighted up', () => {
    const pages = searchIndexPages([entry('Harbour reopens', 'The harbour reopened on Monday.'), entry('Storm', 'A storm closed the harbour.')])
    const postings = postingsOf(pages)
    expect(postings.get('harbour')).toEqual(new Map([[0, 3 + 1], [1, 1]]))
    expect(postings.get('storm')).toEqual(new Map([[1, 3 + 1]]))
    expect(postings.get('monday')).toEqual(new Map([[0, 1]]))
    expect(metaOf(pages)).toMatchObject({ documents: 2, chunk: 200 })
    const chunk = JSON.parse(String(pages.find((page) => page.path === 'search/index/d/0.json')!.contents))
    expect(chunk[1]).toEqual(['storm/', 'Storm', '1 May 2025', 'A storm closed the harbour.'])
  })

  it('splits a crowded prefix into longer ones, and every word is in the shard the page looks in', () => {
    // Thousands of words starting "st" overflow one shard.
    const entries = Array.from({ length: 300 }, (_, i) => entry(`Story ${i}`, Array.from({ length: 20 }, (_, j) => `st${(i * 20 + j).toString(36)} stone`).join(' ')))
    const pages = searchIndexPages(entries)
    const { shards } = metaOf(pages)
    expect(shards.filter((shard) => shard.startsWith('st')).length).toBeGreaterThan(1)
    const byPrefix = new Map(pages.filter((page) => page.path.startsWith('search/index/t/')).map((page) => [Buffer.from(page.path.slice('search/index/t/'.length, -'.json'.length), 'hex').toString(), JSON.parse(String(page.contents)) as Record<string, unknown>]))
    expect([...byPrefix.keys()].sort()).toEqual(shards)
    for (const term of postingsOf(pages).keys()) expect(Object.hasOwn(byPrefix.get(shardFor(shards, term)!)!, term), term).toBe(true)
    for (const page of pages) expect(String(page.contents).length, page.path).toBeLessThan(200_000)
    // A prefix is split only when its shard would pass 64 KiB: `{`, the entries and a comma or `}` after each.
    const entries64 = new Map([...byPrefix.values()].flatMap((terms) => Object.entries(terms).map(([term, list]) => [term, JSON.stringify(term).length + 1 + JSON.stringify(list).length] as const)))
    const sizeUnder = (prefix: string) => 1 + [...entries64].reduce((size, [term, length]) => size + (term.startsWith(prefix) ? length + 1 : 0), 0)
    for (const shard of shards) {
      if (shard.length > 2) expect(sizeUnder([...shard].slice(0, -1).join('')), shard).toBeGreaterThan(64 * 1024)
      expect(String(pages.find((page) => page.path === `search/index/t/${Buffer.from(shard).toString('hex')}.json`)!.contents).length, shard).toBeLessThanOrEqual(64 * 1024)
    }
  })

  it('splits a prefix only when its shard would be larger than 64 KiB, to the byte', () => {
    // Each term's entry is `"abxxxx":[0,1]` (14 characters) and a comma or `}` after it, after `{`:
    // 4,369 terms make 65,536 characters exactly, one more passes.
    const shardsFor = (terms: number) => {
      const index = searchIndex(1)
      index.add(0, Array.from({ length: terms }, (_, i) => `ab${i.toString(36).padStart(4, '0')}\t1`).join('\n'))
      const pages = [...index.pages([{ route: 'a/', title: 'A', date: '', excerpt: '' }])]
      return { shards: metaOf(pages).shards, pages }
    }
    const whole = shardsFor(4369)
    expect(whole.shards).toEqual(['ab'])
    expect(String(whole.pages.find((page) => page.path === `search/index/t/${Buffer.from('ab').toString('hex')}.json`)!.contents).length).toBe(65_536)
    expect(shardsFor(4370).shards.length).toBeGreaterThan(1)
  })

  it('splits a crowded prefix of characters outside the Basic Multilingual Plane by whole characters', () => {
    // Gothic letters take two UTF-16 units each: a prefix cut between the two would name no shard.
    const gothic = (n: number) => [...n.toString(8)].map((digit) => String.fromCodePoint(0x10330 + Number(digit))).join('')
    const entries = Array.from({ length: 300 }, (_, i) => entry(`Story ${i}`, Array.from({ length: 20 }, (_, j) => `\u{10330}\u{10331}${gothic(i * 20 + j)}`).join(' ')))
    const pages = searchIndexPages(entries)
    const { shards } = metaOf(pages)
    const split = shards.filter((shard) => shard.startsWith('\u{10330}\u{10331}'))
    expect(split.length).toBeGreaterThan(1)
    for (const shard of split) expect([...shard].every((character) => character.codePointAt(0)! >= 0x10330 && character.codePointAt(0)! <= 0x10337), shard).toBe(true)
    const byPrefix = new Map(pages.filter((page) => page.path.startsWith('search/index/t/')).map((page) => [Buffer.from(page.path.slice('search/index/t/'.length, -'.json'.length), 'hex').toString(), JSON.parse(String(page.contents)) as Record<string, unknown>]))
    expect([...byPrefix.keys()].sort()).toEqual(shards)
    const terms = [...postingsOf(pages).keys()].filter((term) => term.startsWith('\u{10330}'))
    expect(terms.length).toBe(6000)
    for (const term of terms) expect(Object.hasOwn(byPrefix.get(shardFor(shards, term)!)!, term), term).toBe(true)
  })

  it('holds exactly the terms and counts each article lists, whatever characters the terms have', () => {
    // Terms as the lists hold them: sorted, one a line, anything but tab and newline in them.
    const term = fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }).filter((text) => !/[\t\n]/.test(text))
    const lists = fc.array(fc.dictionary(term, fc.integer({ min: 1, max: 999 }), { maxKeys: 12 }), { maxLength: 25 })
    fc.assert(
      fc.property(lists, (articles) => {
        const entries = articles.map((counts, id) => ({ route: `${id}/`, title: `${id}`, date: '', excerpt: '', terms: Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, count]) => `${name}\t${count}`).join('\n') }))
        const expected = new Map<string, Map<number, number>>()
        articles.forEach((counts, id) => {
          for (const [name, count] of Object.entries(counts)) {
            if (!expected.has(name)) expected.set(name, new Map())
            expected.get(name)!.set(id, count)
          }
        })
        const pages = searchIndexPages(entries)
        expect(postingsOf(pages)).toEqual(expected)
        const { shards } = metaOf(pages)
        for (const page of pages.filter((page) => page.path.startsWith('search/index/t/'))) {
          const prefix = Buffer.from(page.path.slice('search/index/t/'.length, -'.json'.length), 'hex').toString()
          expect(shards).toContain(prefix)
          for (const name of Object.keys(JSON.parse(String(page.contents)) as object)) expect(name.startsWith(prefix), name).toBe(true)
        }
      }),
      { numRuns: 300 }
    )
  })

  it('counts ids from the oldest article, so a new article rewrites only the files its words are in', () => {
    const old = Array.from({ length: 450 }, (_, i) => entry(`Report ${i}`, `Council meeting number ${i} about the budget.`))
    const before = new Map(searchIndexPages(old).map((page) => [page.path, page.contents]))
    const after = searchIndexPages([...old, entry('Volcano erupts', 'Lava reached the sea.')])
    const changed = after.filter((page) => before.get(page.path) !== page.contents).map((page) => page.path)
    const hex = (text: string) => Buffer.from(text).toString('hex')
    expect(changed.sort()).toEqual(['search/index/d/2.json', 'search/index/meta.json', ...['er', 'la', 're', 'se', 'th', 'vo'].map((prefix) => `search/index/t/${hex(prefix)}.json`)].sort())
  })
})

describe('searchExcerpt', () => {
  it('keeps short text and cuts long text at a word', () => {
    expect(searchExcerpt('  A short   lede. ')).toBe('A short lede.')
    const long = 'The harbour reopened on Monday after a storm, '.repeat(10)
    const excerpt = searchExcerpt(long, 60)
    expect(excerpt.length).toBeLessThanOrEqual(61)
    expect(excerpt.endsWith('…')).toBe(true)
    expect(long.startsWith(excerpt.slice(0, -1))).toBe(true)
  })
})

describe('searchIndex', () => {
  it('makes the same files whatever order the articles’ terms are added in', () => {
    const articles = fc.array(fc.array(fc.constantFrom('harbour', 'storm', 'council', 'budget', 'tram', 'lava', 'st1', 'st2', 'ära', '東京'), { maxLength: 8 }), { minLength: 1, maxLength: 30 })
    fc.assert(
      fc.property(articles, fc.infiniteStream(fc.nat()), (words, randoms) => {
        const entries = words.map((list, id) => entry(`Article ${id}`, list.join(' ')))
        const order = entries.map((_, id) => id)
        // A shuffle driven by the stream, so fast-check can shrink it.
        const stream = randoms[Symbol.iterator]()
        for (let i = order.length - 1; i > 0; i--) {
          const j = stream.next().value % (i + 1)
          ;[order[i], order[j]] = [order[j]!, order[i]!]
        }
        const index = searchIndex(entries.length)
        for (const id of order) index.add(id, entries[id]!.terms)
        expect([...index.pages(entries)]).toEqual(searchIndexPages(entries))
      }),
      { numRuns: 200 }
    )
  })

  it('keeps every posting when there are more than its storage holds in one chunk (a million)', () => {
    // 2,600 articles of 500 terms each: 1.3 million postings, added newest first.
    const articles = 2600
    const termsOf = (id: number) => Array.from({ length: 500 }, (_, k) => [`w${((id * 7 + k) % 3000).toString().padStart(4, '0')}`, (k % 5) + 1] as const).sort(([a], [b]) => (a < b ? -1 : 1))
    const entries = Array.from({ length: articles }, (_, id) => ({ route: `${id}/`, title: `${id}`, date: '', excerpt: '' }))
    const index = searchIndex(articles)
    for (let id = articles - 1; id >= 0; id--) index.add(id, termsOf(id).map(([term, count]) => `${term}\t${count}`).join('\n'))
    // Each term's postings as `[id gap, count, …]`, ids ascending, as the shards hold them.
    const expected: Record<string, number[]> = {}
    const last: Record<string, number> = {}
    for (let id = 0; id < articles; id++) {
      for (const [term, count] of termsOf(id)) {
        ;(expected[term] ??= []).push(id - (last[term] ?? 0), count)
        last[term] = id
      }
    }
    const shards = [...index.pages(entries)].filter((page) => page.path.startsWith('search/index/t/'))
    const found: Record<string, number[]> = Object.assign({}, ...shards.map((page) => JSON.parse(String(page.contents)) as Record<string, number[]>))
    const terms = Object.keys(expected).sort()
    expect(Object.keys(found).sort()).toEqual(terms)
    expect(Object.values(found).reduce((sum, list) => sum + list.length / 2, 0)).toBe(articles * 500)
    expect(JSON.stringify(found, terms)).toBe(JSON.stringify(expected, terms))
  })

  it('keeps ids past 65,536 articles and counts past 255, which need more room than most', () => {
    const articles = 70_000
    const entries = Array.from({ length: articles }, (_, id) => ({ route: `${id}/`, title: `${id}`, date: '', excerpt: '', terms: id === articles - 1 ? `last\t300\nt0\t255` : `t${id % 3}\t${(id % 4) + 1}` }))
    const postings = postingsOf(searchIndexPages(entries))
    expect(postings.get('last')).toEqual(new Map([[articles - 1, 300]]))
    const t0 = postings.get('t0')!
    expect(t0.size).toBe(Math.ceil(articles / 3))
    expect(t0.get(66_000)).toBe((66_000 % 4) + 1)
    expect(t0.get(articles - 1)).toBe(255)
    expect(postings.get('t2')!.get(65_537)).toBe((65_537 % 4) + 1)
  })

  it('keeps the first terms given for an article, and lists no postings for an article never given any', () => {
    const entries = [entry('Harbour', 'The harbour reopened.'), entry('Storm', 'A storm hit the harbour.')]
    const index = searchIndex(2)
    index.add(1, entries[1]!.terms)
    index.add(1, searchTerms({ title: 'Other' }, ['volcano']))
    const postings = postingsOf([...index.pages(entries)])
    expect(postings.get('harbour')).toEqual(new Map([[1, 1]]))
    expect(postings.get('storm')).toEqual(new Map([[1, 4]]))
    expect(postings.has('volcano')).toBe(false)
    expect(postings.has('reopened')).toBe(false)
    expect(() => index.add(2, '')).toThrow(RangeError)
  })
})

describe('the search index in a build', () => {
  it('is made again from the cache’s story records, or from the articles when the cache lost them', async () => {
    const templates = await loadTemplates(join(import.meta.dirname, 'no-such-root'))
    const files = {
      'content/harbour.md': article({ title: 'Harbour reopens', date: '2026-01-10T10:00:00Z' }, 'The harbour in Malmö reopened on Monday after a year of repairs.'),
      'content/storm.md': article({ title: 'Storm closes the coast road', date: '2026-01-11T10:00:00Z' }, 'A storm closed the coast road near the harbour for two days.'),
      'content/budget.md': article({ title: 'Council adopts its budget', date: '2026-01-12T10:00:00Z' }, 'The council adopted next year’s budget by a narrow vote.')
    }
    const cache = memoryCache()
    const writer = memoryWriter()
    const options = { store: memoryStore(files), writer, cache, templates, now: testNow }
    const indexFiles = () => new Map([...writer.pages].filter(([path]) => path.startsWith('search/index/')))
    expect((await build(options)).ok).toBe(true)
    const index = indexFiles()
    expect(postingsOf([...index].map(([path, contents]) => ({ path, contents }))).get('harbour')?.size).toBe(2)
    const removeIndex = () => {
      for (const path of index.keys()) writer.pages.delete(path)
    }
    // The index's files removed from the site: no article changed, so clustering loads no story
    // record, and the index takes its terms from the cache.
    removeIndex()
    expect((await build(options)).written).toBe(true)
    expect(indexFiles()).toEqual(index)
    // Again, with a cache that lost its story records: the terms are made again from the articles.
    removeIndex()
    expect((await build({ ...options, cache: { ...cache, loadStories: async () => new Map(), eachSearchTerms: async () => undefined } })).written).toBe(true)
    expect(indexFiles()).toEqual(index)
  })
})
