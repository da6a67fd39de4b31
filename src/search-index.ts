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

/**
 * The words search matches, in the form the search page's script gives a query (the two must
 * agree; tests/search-index.test.ts holds them to it): compatibility-folded, without the accents
 * of Latin, Greek and Cyrillic letters, lower case; letters, their marks and digits only. Scripts written without spaces (Chinese, Japanese) are cut
 * into overlapping pairs of characters, so any two-character part of a word finds it.
 */
export function searchWords(text: string): string[] {
  const words: string[] = []
  // Accents of Latin, Greek and Cyrillic letters go; marks that are part of other scripts stay.
  const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]+/g, '').normalize('NFC').toLowerCase()
  // Most text has no Chinese or Japanese: its words are simply its tokens.
  if (!/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(folded)) return folded.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? []
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

/** An article's search terms with their counts, headline words weighted up, as `term<TAB>count` lines in term order. */
export function searchTerms(article: { title: string; summary?: string | undefined }, paragraphs: readonly string[]): string {
  const counts = new Map<string, number>()
  const add = (text: string, weight: number) => {
    for (const word of searchWords(text)) counts.set(word, (counts.get(word) ?? 0) + weight)
  }
  add(article.title, titleWeight)
  if (article.summary) add(article.summary, 1)
  for (const paragraph of paragraphs) add(paragraph, 1)
  return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([term, count]) => `${term}\t${count}`).join('\n')
}

/** The files of the search index for these articles, oldest first. */
export function searchIndexPages(entries: readonly SearchEntry[]): Page[] {
  const postings = new Map<string, number[]>()
  entries.forEach((entry, id) => {
    const text = entry.terms
    // Read `term<TAB>count` lines in place: splitting ten thousand articles' lists into lines made
    // millions of short-lived strings.
    for (let start = 0; start < text.length; ) {
      const tab = text.indexOf('\t', start)
      let end = text.indexOf('\n', tab)
      if (end === -1) end = text.length
      const term = text.slice(start, tab)
      let count = 0
      for (let k = tab + 1; k < end; k++) count = count * 10 + text.charCodeAt(k) - 48
      let list = postings.get(term)
      if (!list) postings.set(term, (list = []))
      list.push(id, count)
      start = end + 1
    }
  })
  const terms = [...postings.keys()].sort()
  // Each term's entry in a shard, serialized once: deciding where to split a crowded prefix only
  // adds up their lengths. Why: serializing a crowded prefix again at every level it splits took
  // most of the index's time at 50,000 articles.
  const serialized = terms.map((term) => `${JSON.stringify(term)}:${JSON.stringify(gaps(postings.get(term)!))}`)
  const pages: Page[] = []
  const prefixes: string[] = []
  // Terms are sorted, so the terms under a prefix are one run of the list.
  const shard = (from: number, to: number, length: number): void => {
    const prefix = prefixOf(terms[from]!, length)
    let size = 1
    for (let index = from; index < to; index++) size += serialized[index]!.length + 1
    if (size > maxShardBytes && length < maxPrefix && terms.slice(from, to).some((term) => [...term].length > length)) {
      // Terms no longer than the prefix stay in a shard of their own under it.
      let start = from
      while (start < to) {
        let end = start + 1
        const next = prefixOf(terms[start]!, length + 1)
        while (end < to && prefixOf(terms[end]!, length + 1) === next) end++
        shard(start, end, length + 1)
        start = end
      }
      return
    }
    prefixes.push(prefix)
    pages.push({ path: `search/index/t/${hex(prefix)}.json`, contents: `{${serialized.slice(from, to).join(',')}}` })
  }
  for (let start = 0; start < terms.length; ) {
    let end = start + 1
    const prefix = prefixOf(terms[start]!, 2)
    while (end < terms.length && prefixOf(terms[end]!, 2) === prefix) end++
    shard(start, end, 2)
    start = end
  }
  for (let start = 0; start < entries.length; start += chunkSize) {
    const chunk = entries.slice(start, start + chunkSize).map((entry) => [entry.route, entry.title, entry.date, entry.excerpt])
    pages.push({ path: `search/index/d/${start / chunkSize}.json`, contents: JSON.stringify(chunk) })
  }
  pages.push({ path: 'search/index/meta.json', contents: JSON.stringify({ version: 1, documents: entries.length, chunk: chunkSize, shards: prefixes.sort() }) })
  return pages
}

/** An excerpt for results: the text cut at a word before `max` characters. */
export function searchExcerpt(text: string, max = 220): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`
}

function prefixOf(term: string, length: number): string {
  return [...term].slice(0, length).join('')
}

/** A term's postings with ids as gaps: most are small numbers, which keeps the file short. */
function gaps(list: readonly number[]): number[] {
  const encoded: number[] = []
  let last = 0
  for (let i = 0; i < list.length; i += 2) {
    encoded.push(list[i]! - last, list[i + 1]!)
    last = list[i]!
  }
  return encoded
}

function hex(text: string): string {
  return Buffer.from(text).toString('hex')
}
