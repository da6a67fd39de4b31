import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { build } from '../src/build.js'
import { memoryCache, type BuildCache } from '../src/io/cache.js'
import { loadTemplates } from '../src/io/load-templates.js'
import { memoryStore } from '../src/io/store.js'
import { memoryWriter } from '../src/io/writer.js'
import { reusableShards, searchExcerpt, searchIndex, searchIndexFiles, searchIndexPages, searchShards, searchTerms, searchWords, updatePostings, type SearchEntry, type SearchPostings } from '../src/search-index.js'
import { article, buildInMemory, testNow } from './helpers.js'
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

  it('finds Arabic words whatever their hamza on alef, vowel marks or tatweel', () => {
    expect(searchWords('أمطار غزيرة في الإسكندرية')).toEqual(searchWords('امطار غزيرة في الاسكندرية'))
    expect(searchWords('آمن كَتَبَ مـدينة')).toEqual(['امن', 'كتب', 'مدينة'])
    expect(clientSearchWords('الإسكندرية')).toEqual(['الاسكندرية'])
  })

  it('gives the words the search page gives for any text', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('é', 'e\u0301', 'ﬁ', 'Ä', '東', '京', '’', ' ', '-', 'İ', 'ß', '٣', '\u00a0', 'أ', 'إ', 'آ', 'ـ', '\u064e', 'ا'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 })
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

describe('updatePostings', () => {
  const postingsFor = (terms: readonly string[]) => {
    const index = searchIndex(terms.length)
    terms.forEach((text, id) => index.add(id, text))
    return index.postings()
  }
  const entriesFor = (count: number) => Array.from({ length: count }, (_, id) => ({ route: `${id}/`, title: `${id}`, date: '', excerpt: '' }))
  const filesOf = (postings: SearchPostings, shards = searchShards(postings)) => [...searchIndexFiles(postings, shards, entriesFor(postings.count))]
  // Few words, so articles share them; long `xy` words, which crowd their prefix past one shard.
  const vocabulary = ['harbour', 'storm', 'council', 'budget', 'tram', 'lava', 'st1', 'st2', 'ära', '東京', 'x'.repeat(400)]
  const crowded = Array.from({ length: 30 }, (_, k) => `xy${k.toString().padStart(3, '0')}${'z'.repeat(2500)}`)
  const termsText = fc.dictionary(fc.constantFrom(...vocabulary, ...crowded), fc.integer({ min: 1, max: 300 }), { maxKeys: 12 }).map((counts) =>
    Object.keys(counts)
      .sort()
      .map((term) => `${term}\t${counts[term]}`)
      .join('\n')
  )

  it('gives the postings, and the files, that making the index again from every article gives', () => {
    let split = false
    fc.assert(
      fc.property(fc.array(termsText, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), termsText), { maxLength: 6 }), fc.integer({ min: -3, max: 3 }), (before, edits, grown) => {
        const now = [...before]
        const changed = new Set<number>()
        for (const [at, text] of edits) {
          now[at % now.length] = text
          changed.add(at % now.length)
        }
        // Articles added after the last, or gone from the end.
        const count = Math.max(1, before.length + grown)
        for (let id = before.length; id < count; id++) now[id] = vocabulary[id % vocabulary.length]! + '\t1'
        now.length = count
        for (let id = Math.min(before.length, count); id < Math.max(before.length, count); id++) changed.add(id)
        const previous = postingsFor(before)
        const updated = updatePostings(previous, count, changed, [...changed].filter((id) => id < count).map((id) => [id, now[id]!] as const))
        const made = postingsFor(now)
        expect(updated.postings.names).toEqual(made.names)
        expect([...updated.postings.starts]).toEqual([...made.starts])
        expect([...updated.postings.ids]).toEqual([...made.ids])
        expect([...updated.postings.counts]).toEqual([...made.counts])
        expect(updated.postings.large).toEqual(made.large)
        // The changed terms are exactly those whose postings differ, or that came or went.
        const entriesOf = (postings: SearchPostings) => new Map(postings.names.map((name, term) => [name, JSON.stringify([...postings.ids.subarray(postings.starts[term], postings.starts[term + 1])].map((id, k) => [id, postings.counts[postings.starts[term]! + k] === 255 ? postings.large.get(postings.starts[term]! + k) : postings.counts[postings.starts[term]! + k]]))]))
        const old = entriesOf(previous)
        const fresh = entriesOf(made)
        const differ = [...new Set([...old.keys(), ...fresh.keys()])].filter((name) => old.get(name) !== fresh.get(name))
        expect([...updated.changedTerms].sort()).toEqual(differ.sort())
        // Every file said to be reusable is byte for byte the previous one of its path.
        const shards = searchShards(updated.postings)
        const previousFiles = new Map(filesOf(previous).map((file) => [file.path, String(file.page().contents)]))
        const reusable = reusableShards({ postings: previous, shards: searchShards(previous) }, { postings: updated.postings, shards }, updated.changedTerms)
        const files = [...searchIndexFiles(updated.postings, shards, entriesFor(count), reusable)]
        expect(files.map((file) => [file.path, String(file.page().contents)])).toEqual(filesOf(made).map((file) => [file.path, String(file.page().contents)]))
        for (const file of files) if (file.reusable) expect(previousFiles.get(file.path), file.path).toBe(String(file.page().contents))
        split ||= shards.some((shard) => shard.prefix.startsWith('xy') && shard.prefix.length > 2)
      }),
      { numRuns: 300 }
    )
    // Some runs crowded the `xy` prefix into shards of longer prefixes.
    expect(split).toBe(true)
  })

  it('marks as reusable the files of terms an edit left alone, and only those', () => {
    const before = Array.from({ length: 300 }, (_, id) => searchTerms({ title: `Story ${id}` }, [Array.from({ length: 20 }, (_, j) => `st${(id * 20 + j).toString(36)} stone harbour`).join(' ')]))
    const previous = postingsFor(before)
    const edited = searchTerms({ title: 'Story 7' }, [`${Array.from({ length: 20 }, (_, j) => `st${(7 * 20 + j).toString(36)} stone harbour`).join(' ')} volcano`])
    const { postings, changedTerms } = updatePostings(previous, 300, new Set([7]), [[7, edited]])
    expect([...changedTerms]).toEqual(['volcano'])
    const shards = searchShards(postings)
    const reusable = reusableShards({ postings: previous, shards: searchShards(previous) }, { postings, shards }, changedTerms)
    const rewritten = [...searchIndexFiles(postings, shards, entriesFor(300), reusable)].filter((file) => file.path.startsWith('search/index/t/') && !file.reusable)
    expect(rewritten.map((file) => file.path)).toEqual([`search/index/t/${Buffer.from('vo').toString('hex')}.json`])
    expect(shards.length).toBeGreaterThan(5)
  })

  it('marks as reusable the chunks of articles it is told, and asks for the entries of a chunk only when its file is made', () => {
    const postings = postingsFor(Array.from({ length: 450 }, (_, id) => `word${id % 7}\t1`))
    const asked = new Set<number>()
    const listed = entriesFor(450)
    const entries = { length: 450, at: (id: number) => (asked.add(id), listed[id]) }
    const files = [...searchIndexFiles(postings, searchShards(postings), entries, undefined, (chunk) => chunk !== 1)].filter((file) => file.path.startsWith('search/index/d/'))
    expect(files.map((file) => [file.path, file.reusable])).toEqual([['search/index/d/0.json', true], ['search/index/d/1.json', false], ['search/index/d/2.json', true]])
    expect(asked.size).toBe(0)
    expect(JSON.parse(String(files[1]!.page().contents))).toEqual(listed.slice(200, 400).map((entry) => [entry.route, entry.title, entry.date, entry.excerpt]))
    expect([...asked].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, k) => 200 + k))
    expect(JSON.parse(String(files[2]!.page().contents))).toHaveLength(50)
  })

  it('refuses an article that was not among the changed, or is past the last', () => {
    const previous = postingsFor(['harbour\t1', 'storm\t1'])
    expect(() => updatePostings(previous, 2, new Set([0]), [[1, 'tram\t1']])).toThrow(RangeError)
    expect(() => updatePostings(previous, 2, new Set([2]), [[2, 'tram\t1']])).toThrow(RangeError)
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
    // Again, with a cache that lost its story records and its saved index: the terms are made
    // again from the articles.
    removeIndex()
    expect((await build({ ...options, cache: { ...cache, loadStories: async () => new Map(), eachSearchTerms: async () => undefined, loadSearchIndex: async () => undefined } })).written).toBe(true)
    expect(indexFiles()).toEqual(index)
  })

  it('after an edit, updates the index the last build saved from the edited article’s terms alone, to what a clean build makes', async () => {
    const templates = await loadTemplates(join(import.meta.dirname, 'no-such-root'))
    const files: Record<string, string> = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`content/story-${i}.md`, article({ title: `Story ${i} about the harbour`, date: `2025-06-${String(i + 10).padStart(2, '0')}T10:00:00Z` }, `Story ${i} says the harbour in Malmö ${i % 2 ? 'reopened' : 'closed'} after a storm number ${i}.`)])
    )
    const cache = memoryCache()
    const asked: string[][] = []
    const watched: BuildCache = { ...cache, eachSearchTerms: (keys, visit) => (asked.push([...keys]), cache.eachSearchTerms(keys, visit)) }
    const writer = memoryWriter()
    const indexFiles = (pages: ReadonlyMap<string, unknown>) => new Map([...pages].filter(([path]) => path.startsWith('search/index/')))
    expect((await build({ store: memoryStore(files), writer, cache: watched, templates, now: testNow })).ok).toBe(true)
    expect(asked.map((keys) => keys.length)).toEqual([12])
    const before = indexFiles(writer.pages)

    files['content/story-3.md'] = article({ title: 'Story 3 about the harbour', date: '2025-06-13T10:00:00Z' }, 'Story 3 now says a volcano erupted near the harbour.')
    asked.length = 0
    expect((await build({ store: memoryStore(files), writer, cache: watched, templates, now: testNow })).written).toBe(true)
    expect(asked.map((keys) => keys.length)).toEqual([1])
    const clean = memoryWriter()
    expect((await build({ store: memoryStore(files), writer: clean, cache: memoryCache(), templates, now: testNow })).ok).toBe(true)
    expect(indexFiles(writer.pages)).toEqual(indexFiles(clean.pages))
    expect(postingsOf([...indexFiles(writer.pages)].map(([path, contents]) => ({ path, contents: String(contents) }))).get('volcano')).toEqual(new Map([[3, 1]]))
    expect(indexFiles(writer.pages)).not.toEqual(before)

    // A site that lost its index's files has them made from the saved postings, no terms read.
    // (Its chunks of articles too: the previous site's are gone.)
    asked.length = 0
    for (const path of indexFiles(writer.pages).keys()) writer.pages.delete(path)
    expect((await build({ store: memoryStore(files), writer, cache: watched, templates, now: testNow })).written).toBe(true)
    expect(asked).toEqual([])
    expect(indexFiles(writer.pages)).toEqual(indexFiles(clean.pages))
  })

  it('after an edit, writes again only the chunk of articles the edited one is in', async () => {
    const templates = await loadTemplates(join(import.meta.dirname, 'no-such-root'))
    // Two chunks of articles: 200 and 10, oldest first.
    const files: Record<string, string> = Object.fromEntries(
      Array.from({ length: 210 }, (_, i) => [`content/story-${i}.md`, article({ title: `Story ${i}`, date: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString() }, `Story ${i} tells of harbour works number ${i}.`)])
    )
    const cache = memoryCache()
    const writer = memoryWriter()
    const written: string[] = []
    const watched = { ...writer, write: (page: Parameters<typeof writer.write>[0]) => (written.push(page.path), writer.write(page)) }
    const options = { writer: watched, cache, templates, now: testNow }
    expect((await build({ ...options, store: memoryStore(files) })).ok).toBe(true)
    const documents = () => written.filter((path) => path.startsWith('search/index/d/')).sort()
    expect(documents()).toEqual(['search/index/d/0.json', 'search/index/d/1.json'])
    const indexFiles = (pages: ReadonlyMap<string, unknown>) => new Map([...pages].filter(([path]) => path.startsWith('search/index/')))
    const clean = async () => {
      const site = memoryWriter()
      expect((await build({ store: memoryStore(files), writer: site, cache: memoryCache(), templates, now: testNow })).ok).toBe(true)
      return indexFiles(site.pages)
    }
    for (const [story, chunk] of [[205, 1], [3, 0]] as const) {
      files[`content/story-${story}.md`] = article({ title: `Story ${story}, edited`, date: new Date(Date.UTC(2025, 0, 1) + story * 3_600_000).toISOString() }, `Story ${story} now tells of a volcano.`)
      written.length = 0
      expect((await build({ ...options, store: memoryStore(files) })).written).toBe(true)
      expect(documents()).toEqual([`search/index/d/${chunk}.json`])
      expect(indexFiles(writer.pages)).toEqual(await clean())
    }
  })
})

describe('the words an article is found by', () => {
  it('are the words of its body as readers see it: raw HTML’s text and a table’s cells, never a tag’s name', async () => {
    const { pages } = await buildInMemory({
      'content/wordpress.md': article({ title: 'Council meeting', date: '2026-01-10T10:00:00Z' }, '<p>The council voted on the zebrafish ordinance.</p>\n<p>It passed <em>narrowly</em>.</p>'),
      'content/table.md': article({ title: 'Results', date: '2026-01-11T10:00:00Z' }, 'The results:\n\n| Ward | Turnout |\n| --- | --- |\n| Harbourside | 41% |'),
      'content/lines.md': article({ title: 'Two lines', date: '2026-01-12T10:00:00Z' }, 'Line one<br>line two, with <span>inline</span> markup.')
    }, { search: true })
    const postings = postingsOf([...pages].filter(([path]) => path.startsWith('search/index/')).map(([path, contents]) => ({ path, contents })))
    expect(postings.get('zebrafish')?.size).toBe(1)
    expect(postings.get('narrowly')?.size).toBe(1)
    expect(postings.get('harbourside')?.size).toBe(1)
    expect(postings.get('turnout')?.size).toBe(1)
    expect(postings.get('inline')?.size).toBe(1)
    for (const tag of ['p', 'br', 'em', 'span']) expect(postings.has(tag), tag).toBe(false)
  })
})
