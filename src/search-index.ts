import { chunkedList } from './chunked-list.js'
import { termTable } from './term-table.js'
import { excerpt } from './text/excerpt.js'
import type { Page } from './types.js'

/**
 * The site's search index: static JSON files under `search/index/` that the search page's script
 * reads, a few at a time, as a reader types.
 *
 * - `meta.json`: how many articles, how many per document chunk, and the prefix of every term shard.
 * - `t/<prefix as hex>.json`: the terms starting with a prefix, each with its postings
 *   (`[id gap, count, id gap, count, …]`, ids ascending). A shard grows by a character when it is
 *   too big, so a reader never loads much to look up one word.
 * - `d/<n>.json`: articles `n × chunk` to `(n + 1) × chunk − 1`, as `[route, title, date, excerpt]`.
 *
 * Why not a ready-made indexer: those rebuild their whole index in one process on every change,
 * which took most of a one-article rebuild, and all of a 50,000-article build's memory. Here an
 * article's terms are computed once, with the rest of the article, and kept in the cache; the
 * index is a merge of those lists, and its files are rewritten only where their bytes change.
 * Ids count from the oldest article, so a new article changes only the shards of its own terms
 * and the last chunk.
 */
export interface SearchEntry {
  /** Route of the article's page, below the base path. */
  readonly route: string
  readonly title: string
  /** The date as readers see it. */
  readonly date: string
  readonly excerpt: string
  /** The article's terms: `term<TAB>count` lines, from searchTerms. */
  readonly terms: string
}

/** Articles per document chunk. */
const chunkSize = 200
/** A shard bigger than this (bytes of JSON) is split by one more character of its terms. */
const maxShardBytes = 64 * 1024
/** Longest shard prefix, in characters: below that, a shard is as big as its terms make it. */
const maxPrefix = 5
/** Words in a headline count this many times: a story about a harbour says so in its headline. */
const titleWeight = 3
/** A posting's count takes a byte below this; this and above are kept apart (rare: a word said 255 times). */
const largeCount = 255

/**
 * The words search matches, in the form the search page's script gives a query (the two must
 * agree; tests/search-index.test.ts holds them to it): compatibility-folded, without the accents
 * of Latin, Greek and Cyrillic letters, lower case; letters, their marks and digits only. Scripts written without spaces (Chinese, Japanese) are cut
 * into overlapping pairs of characters, so any two-character part of a word finds it.
 */
export function searchWords(text: string): string[] {
  const words: string[] = []
  // Accents of Latin, Greek and Cyrillic letters go; marks that are part of other scripts stay.
  // ASCII is the same in every normal form: most paragraphs of English news skip both passes.
  const folded = (ascii.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]+/g, '').normalize('NFC')).toLowerCase()
  // Most text has no Chinese or Japanese: its words are simply its tokens. (Every Han, Hiragana
  // and Katakana character is from U+2E80 up, or astral: a text with none of those has none.)
  if (!maybeCjk.test(folded) || !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(folded)) return folded.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? []
  for (const [token] of folded.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu)) {
    for (const part of token.split(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+)/u)) {
      if (part === '') continue
      const chars = [...part]
      if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(part) && chars.length > 1) {
        for (let i = 0; i + 1 < chars.length; i++) words.push(chars[i]! + chars[i + 1]!)
      } else {
        words.push(part)
      }
    }
  }
  return words
}

const ascii = /^[\0-\x7f]*$/
const maybeCjk = /[\u2e80-\uffff]/

/** An article's search terms with their counts, headline words weighted up, as `term<TAB>count` lines in term order. */
export function searchTerms(article: { title: string; summary?: string | undefined }, paragraphs: readonly string[]): string {
  const counts = new Map<string, number>()
  const add = (text: string, weight: number) => {
    for (const word of searchWords(text)) counts.set(word, (counts.get(word) ?? 0) + weight)
  }
  add(article.title, titleWeight)
  if (article.summary) add(article.summary, 1)
  for (const paragraph of paragraphs) add(paragraph, 1)
  // The default sort orders strings by UTF-16 code units, as `<` does, without calling back for each comparison.
  return [...counts.keys()].sort().map((term) => `${term}\t${counts.get(term)}`).join('\n')
}

/**
 * The files of the search index for these articles, oldest first: `searchIndex` with every
 * article's terms added in turn.
 */
export function searchIndexPages(entries: readonly SearchEntry[]): Page[] {
  const index = searchIndex(entries.length)
  entries.forEach((entry, id) => index.add(id, entry.terms))
  return [...index.pages(entries)]
}

/**
 * A search index for `count` articles, filled one article's terms at a time, in any order (ids
 * count from the oldest article), then written out as its files, one at a time. Why: the terms
 * are read from the cache as the index takes them, so no build holds every article's terms at
 * once, and only one file's text is made at a time.
 *
 * Why the typed arrays: at 50,000 articles the lists hold ten million postings. As a map of
 * arrays, with every shard's text made before any was written, building the index held three
 * quarters of a gigabyte at once: the peak of a one-article rebuild. Here each posting is a
 * slot in three flat arrays, and a shard's text is made only when the shard is.
 */
export function searchIndex(count: number): { add(id: number, terms: string): void; pages(entries: ReadonlyArray<Omit<SearchEntry, 'terms'>>): Iterable<Page> } {
  // Every posting in the order it was added: the term's number and its count; each article's
  // postings are one run, from `firstPosting[id]` to `endPosting[id]`.
  const table = termTable()
  const terms = table.names
  const postingTerm = chunkedList((length) => new Int32Array(length))
  // A count takes a byte; the few of `largeCount` or more are kept aside, by posting.
  const postingCount = chunkedList((length) => new Uint8Array(length))
  const largeCounts = new Map<number, number>()
  const firstPosting = new Int32Array(count).fill(-1)
  const endPosting = new Int32Array(count)
  return {
    add(id, text) {
      if (!(id >= 0 && id < count)) throw new RangeError(`search index: no article ${id} of ${count}`)
      // An article's terms are its terms: given twice, the first stands.
      if (firstPosting[id] !== -1) return
      firstPosting[id] = postingTerm.length
      table.readLines(text, (term, count) => {
        if (count >= largeCount) largeCounts.set(postingTerm.length, count)
        postingTerm.push(term)
        postingCount.push(Math.min(count, largeCount))
      })
      endPosting[id] = postingTerm.length
    },
    *pages(entries) {
      if (entries.length !== count) throw new RangeError(`search index: ${entries.length} entries for ${count} articles`)
      // Postings by term, each term's run in id order: a counting sort of the above.
      const total = postingTerm.length
      const starts = new Int32Array(terms.length + 1)
      for (let at = 0; at < total; at++) starts[postingTerm.at(at) + 1]!++
      for (let term = 0; term < terms.length; term++) starts[term + 1] = starts[term + 1]! + starts[term]!
      // Why so narrow: at 50,000 articles there are ten million postings, and while they are
      // sorted, the postings in added order and by term are both held. Ids take two bytes each up
      // to 65,536 articles.
      const ids = count <= 0x10000 ? new Uint16Array(total) : new Int32Array(total)
      const counts = new Uint8Array(total)
      const largeBySlot = new Map<number, number>()
      const next = starts.slice(0, terms.length)
      for (let id = 0; id < count; id++) {
        if (firstPosting[id] === -1) continue
        for (let at = firstPosting[id]!; at < endPosting[id]!; at++) {
          const slot = next[postingTerm.at(at)]!++
          ids[slot] = id
          counts[slot] = postingCount.at(at)
          if (counts[slot] === largeCount) largeBySlot.set(slot, largeCounts.get(at)!)
        }
      }
      // Sorted by term now: the postings in added order are no longer needed.
      postingTerm.clear()
      postingCount.clear()
      largeCounts.clear()
      const names = [...terms].sort()
      const numbers = new Map(terms.map((term, number) => [term, number]))
      const countAt = (at: number): number => (counts[at] === largeCount ? largeBySlot.get(at)! : counts[at]!)
      // A term's entry in a shard: `"term":[id gap,count,…]`, made as one string, not a list to stringify.
      const entryOf = (name: string): string => {
        const term = numbers.get(name)!
        let entry = `${JSON.stringify(name)}:[`
        for (let at = starts[term]!, last = 0; at < starts[term + 1]!; at++) {
          entry += `${at === starts[term] ? '' : ','}${ids[at]! - last},${countAt(at)}`
          last = ids[at]!
        }
        return `${entry}]`
      }
      // Deciding where a crowded prefix splits adds up the entries' lengths: counted from the
      // numbers' digits, since making every entry twice was half the time the index took.
      const entryLength = (name: string): number => {
        const term = numbers.get(name)!
        // The name, `:[` and `]`, and a comma between each two numbers.
        let length = JSON.stringify(name).length + 2 * (starts[term + 1]! - starts[term]!) + 2
        for (let at = starts[term]!, last = 0; at < starts[term + 1]!; at++) {
          length += digits(ids[at]! - last) + digits(countAt(at))
          last = ids[at]!
        }
        return length
      }
      const lengths = names.map(entryLength)
      const prefixes: string[] = []
      // Terms are sorted, so the terms under a prefix are one run of the list.
      function* shard(from: number, to: number, length: number): Generator<Page> {
        const prefix = prefixOf(names[from]!, length)
        let size = 1
        for (let index = from; index < to; index++) size += lengths[index]! + 1
        if (size > maxShardBytes && length < maxPrefix && names.slice(from, to).some((term) => prefixOf(term, length).length < term.length)) {
          // Terms no longer than the prefix stay in a shard of their own under it.
          let start = from
          while (start < to) {
            let end = start + 1
            const next = prefixOf(names[start]!, length + 1)
            while (end < to && prefixOf(names[end]!, length + 1) === next) end++
            yield* shard(start, end, length + 1)
            start = end
          }
          return
        }
        prefixes.push(prefix)
        yield { path: `search/index/t/${hex(prefix)}.json`, contents: `{${names.slice(from, to).map(entryOf).join(',')}}` }
      }
      for (let start = 0; start < names.length; ) {
        let end = start + 1
        const prefix = prefixOf(names[start]!, 2)
        while (end < names.length && prefixOf(names[end]!, 2) === prefix) end++
        yield* shard(start, end, 2)
        start = end
      }
      for (let start = 0; start < entries.length; start += chunkSize) {
        const chunk = entries.slice(start, start + chunkSize).map((entry) => [entry.route, entry.title, entry.date, entry.excerpt])
        yield { path: `search/index/d/${start / chunkSize}.json`, contents: JSON.stringify(chunk) }
      }
      yield { path: 'search/index/meta.json', contents: JSON.stringify({ version: 1, documents: entries.length, chunk: chunkSize, shards: prefixes.sort() }) }
    }
  }
}

/** An excerpt for results: the text cut at a word before `max` characters. */
export function searchExcerpt(text: string, max = 220): string {
  return excerpt(text, max)
}

/** Digits of a whole number at least 0, as JSON writes it. */
function digits(value: number): number {
  let count = 1
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) count++
  return count
}

/**
 * The first `length` characters of a term, counted by code point. (Without taking the term apart
 * into an array of its characters: the shards' prefixes are taken of every term at each length.)
 */
function prefixOf(term: string, length: number): string {
  let end = 0
  for (let taken = 0; taken < length && end < term.length; taken++) end += term.codePointAt(end)! > 0xffff ? 2 : 1
  return term.slice(0, end)
}

function hex(text: string): string {
  return Buffer.from(text).toString('hex')
}
