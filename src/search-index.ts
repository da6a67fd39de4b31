import { chunkedList } from './chunked-list.js'
import { lowerBound } from './sorted.js'
import { termTable } from './term-table.js'
import { letterRuns } from './text/letter-runs.js'
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

/**
 * The key of each chunk of articles the index lists, from `keyOf` each article in it (oldest
 * first): a chunk whose key is the same lists the same articles the same way.
 */
export function documentKeys<T>(articles: readonly T[], keyOf: (chunk: readonly T[]) => string): string[] {
  const keys: string[] = []
  for (let start = 0; start < articles.length; start += chunkSize) keys.push(keyOf(articles.slice(start, start + chunkSize)))
  return keys
}

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
  // Accents of Latin, Greek and Cyrillic letters go, and so do Arabic's vowel marks, its hamza on
  // alef (readers type "امطار" for "أمطار") and its tatweel; marks that are part of other scripts stay.
  // ASCII is the same in every normal form: most paragraphs of English news skip both passes.
  const folded = (ascii.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]+/g, '').normalize('NFC')).toLowerCase()
  // Most text has no Chinese or Japanese: its words are simply its tokens. (Every Han, Hiragana
  // and Katakana character is from U+2E80 up, or astral: a text with none of those has none.)
  if (!maybeCjk.test(folded) || !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(folded)) return letterRuns(folded, true)
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
export function searchTerms(article: { title: string; summary?: string | undefined; tags?: readonly string[]; source?: string | undefined; byline?: string | undefined }, paragraphs: readonly string[]): string {
  const counts = new Map<string, number>()
  const add = (text: string, weight: number) => {
    for (const word of searchWords(text)) counts.set(word, (counts.get(word) ?? 0) + weight)
  }
  add(article.title, titleWeight)
  if (article.summary) add(article.summary, 1)
  // A reader searches for a topic, an outlet or a reporter by name as often as for a word of the text.
  for (const tag of article.tags ?? []) add(tag, titleWeight)
  if (article.source) add(article.source, 1)
  if (article.byline) add(article.byline, 1)
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
 * A search index's postings by term: what its files are made from, and what the next build
 * updates when few articles changed (`updatePostings`).
 */
export interface SearchPostings {
  /** Articles: ids count from 0, the oldest. */
  readonly count: number
  /** Every term, sorted (by UTF-16 code units); a term's number is its place here. */
  readonly names: readonly string[]
  /** Term t's postings are the slots from `starts[t]` to `starts[t + 1]`, ids ascending. */
  readonly starts: Int32Array
  readonly ids: Uint16Array | Int32Array
  /** Each posting's count; `largeCount` (255) stands for a count kept in `large`, by slot. */
  readonly counts: Uint8Array
  readonly large: ReadonlyMap<number, number>
}

/**
 * A search index as a build wrote it, kept in the cache: the next build updates it when few
 * articles changed and its site still holds these files (its index folder has this key).
 */
export interface SavedSearchIndex {
  /** The key of the index folder written from it. */
  readonly key: string
  /** The content key of each id's article. */
  readonly articles: readonly string[]
  /** The key of each file of the articles' routes, titles, dates and excerpts, as `documentKeys` gives them; none in an index saved without. */
  readonly documents?: readonly string[]
  readonly postings: SearchPostings
  readonly shards: readonly SearchShard[]
}

/** One file of terms: the terms under `prefix`, `terms` of them, after those of the files before it. */
export interface SearchShard {
  readonly prefix: string
  readonly terms: number
}

/** A file of the index to write, or, when `reusable`, one the previous site holds as it would be made. */
export interface SearchFile {
  readonly path: string
  readonly reusable: boolean
  page(): Page
}

/**
 * A search index for `count` articles, filled one article's terms at a time, in any order (ids
 * count from the oldest article), then sorted into postings by term. Why: the terms are read
 * from the cache as the index takes them, so no build holds every article's terms at once.
 *
 * Why the typed arrays: at 50,000 articles the lists hold ten million postings. As a map of
 * arrays, with every shard's text made before any was written, building the index held three
 * quarters of a gigabyte at once: the peak of a one-article rebuild. Here each posting is a
 * slot in flat arrays, and a shard's text is made only when the shard is.
 */
export function searchIndex(count: number): { add(id: number, terms: string): void; postings(): SearchPostings; pages(entries: ReadonlyArray<Omit<SearchEntry, 'terms'>>): Iterable<Page> } {
  // Every posting in the order it was added: the term's number and its count; each article's
  // postings are one run, from `firstPosting[id]` to `endPosting[id]`.
  const table = termTable()
  const postingTerm = chunkedList((length) => new Int32Array(length))
  // A count takes a byte; the few of `largeCount` or more are kept aside, by posting.
  const postingCount = chunkedList((length) => new Uint8Array(length))
  const largeCounts = new Map<number, number>()
  const firstPosting = new Int32Array(count).fill(-1)
  const endPosting = new Int32Array(count)
  const postings = (): SearchPostings => {
    // Terms numbered in sorted order: `rank` takes the table's numbers there.
    const order = table.names.map((_, number) => number).sort((a, b) => compare(table.names[a]!, table.names[b]!))
    const rank = new Int32Array(order.length)
    order.forEach((number, place) => (rank[number] = place))
    // Postings by term, each term's run in id order: a counting sort of the above.
    const total = postingTerm.length
    const starts = new Int32Array(order.length + 1)
    for (let at = 0; at < total; at++) starts[rank[postingTerm.at(at)]! + 1]!++
    for (let term = 0; term < order.length; term++) starts[term + 1] = starts[term + 1]! + starts[term]!
    // Why so narrow: at 50,000 articles there are ten million postings, and while they are
    // sorted, the postings in added order and by term are both held. Ids take two bytes each up
    // to 65,536 articles.
    const ids = idArray(count, total)
    const counts = new Uint8Array(total)
    const large = new Map<number, number>()
    const next = starts.slice(0, order.length)
    for (let id = 0; id < count; id++) {
      if (firstPosting[id] === -1) continue
      for (let at = firstPosting[id]!; at < endPosting[id]!; at++) {
        const slot = next[rank[postingTerm.at(at)]!]!++
        ids[slot] = id
        counts[slot] = postingCount.at(at)
        if (counts[slot] === largeCount) large.set(slot, largeCounts.get(at)!)
      }
    }
    // Sorted by term now: the postings in added order are no longer needed.
    postingTerm.clear()
    postingCount.clear()
    largeCounts.clear()
    return { count, names: order.map((number) => table.names[number]!), starts, ids, counts, large }
  }
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
    postings,
    *pages(entries) {
      const sorted = postings()
      for (const file of searchIndexFiles(sorted, searchShards(sorted), entries)) yield file.page()
    }
  }
}

/**
 * Where the terms' files split: by the first two characters of each term, and a prefix whose
 * file would pass `maxShardBytes` by one character more, down to `maxPrefix`.
 */
export function searchShards(postings: SearchPostings): SearchShard[] {
  const { names } = postings
  // Each term's entry measured once: a crowded prefix is measured again at each longer one.
  const length = entryLengths(postings)
  const lengths = Int32Array.from(names, (_, term) => length(term))
  const shards: SearchShard[] = []
  const longer = (from: number, to: number, characters: number) => {
    for (let term = from; term < to; term++) if (prefixOf(names[term]!, characters).length < names[term]!.length) return true
    return false
  }
  // Terms are sorted, so the terms under a prefix are one run of the list.
  const shard = (from: number, to: number, characters: number): void => {
    let size = 1
    for (let term = from; term < to; term++) size += lengths[term]! + 1
    if (size > maxShardBytes && characters < maxPrefix && longer(from, to, characters)) {
      // Terms no longer than the prefix stay in a shard of their own under it.
      for (const [start, end] of runs(names, from, to, characters + 1)) shard(start, end, characters + 1)
      return
    }
    shards.push({ prefix: prefixOf(names[from]!, characters), terms: to - from })
  }
  for (const [start, end] of runs(names, 0, names.length, 2)) shard(start, end, 2)
  return shards
}

/** What the index says of each article (by id), made when asked: an array of them will do. */
export interface SearchEntries {
  readonly length: number
  at(id: number): Omit<SearchEntry, 'terms'> | undefined
}

/**
 * The index's files: a file of terms for each shard, the article chunks and `meta.json`. A file
 * of terms that `reusable` accepts (by its shard's place), or a chunk of articles that
 * `reusableDocuments` accepts (by its number), is the previous site's, if it has one; the
 * entries of a chunk are asked for only when its file is made.
 */
export function* searchIndexFiles(postings: SearchPostings, shards: readonly SearchShard[], entries: SearchEntries, reusable: (shard: number) => boolean = () => false, reusableDocuments: (chunk: number) => boolean = () => false): Generator<SearchFile> {
  if (entries.length !== postings.count) throw new RangeError(`search index: ${entries.length} entries for ${postings.count} articles`)
  const entryOf = entryText(postings)
  let from = 0
  for (const [index, { prefix, terms }] of shards.entries()) {
    const first = from
    from += terms
    const path = `search/index/t/${hex(prefix)}.json`
    yield { path, reusable: reusable(index), page: () => ({ path, contents: `{${Array.from({ length: terms }, (_, k) => entryOf(first + k)).join(',')}}` }) }
  }
  for (let start = 0; start < entries.length; start += chunkSize) {
    const path = `search/index/d/${start / chunkSize}.json`
    const chunk = () =>
      Array.from({ length: Math.min(chunkSize, entries.length - start) }, (_, k) => {
        const entry = entries.at(start + k)!
        return [entry.route, entry.title, entry.date, entry.excerpt]
      })
    yield { path, reusable: reusableDocuments(start / chunkSize), page: () => ({ path, contents: JSON.stringify(chunk()) }) }
  }
  const meta = JSON.stringify({ version: 1, documents: entries.length, chunk: chunkSize, shards: shards.map((shard) => shard.prefix).sort() })
  yield { path: 'search/index/meta.json', reusable: false, page: () => ({ path: 'search/index/meta.json', contents: meta }) }
}

/**
 * The postings after some articles changed: those of the ids in `changed` dropped, then those
 * `added` gives (id and terms, each id of `changed` at most once) put in; `count` articles now.
 * Also the terms whose postings are not what they were, added and gone terms among them. Why:
 * a one-article rebuild at 10,000 articles spent half a second reading every article's terms
 * again and sorting three million postings, to change a few hundred.
 */
export function updatePostings(previous: SearchPostings, count: number, changed: ReadonlySet<number>, added: Iterable<readonly [number, string]>): { postings: SearchPostings; changedTerms: Set<string> } {
  const old = previous.names
  // The added postings as (term, id, count), terms numbered by a table of their own.
  const table = termTable()
  const addedTerm: number[] = []
  const addedId: number[] = []
  const addedCount: number[] = []
  const given = new Set<number>()
  for (const [id, text] of added) {
    if (!(id >= 0 && id < count) || !changed.has(id)) throw new RangeError(`search index: article ${id} is not one of the ${count} changed`)
    // An article's terms are its terms: given twice, the first stands.
    if (given.has(id)) continue
    given.add(id)
    table.readLines(text, (term, value) => {
      addedTerm.push(term)
      addedId.push(id)
      addedCount.push(value)
    })
  }
  const names = table.names
  const rank = new Int32Array(names.length)
  names.map((_, number) => number).sort((a, b) => compare(names[a]!, names[b]!)).forEach((number, place) => (rank[number] = place))
  // Added postings by term, in the terms' order, and by id within a term.
  const order = addedTerm.map((_, k) => k).sort((a, b) => rank[addedTerm[a]!]! - rank[addedTerm[b]!]! || addedId[a]! - addedId[b]!)
  const newNames = names.filter((name) => old[lowerBound(old, name)] !== name).sort(compare)

  // Ids of the changed articles, by flag: read for each of millions of postings.
  const dropped = new Uint8Array(Math.max(count, previous.count))
  for (const id of changed) if (id < dropped.length) dropped[id] = 1
  // Room for every old posting and every added one; cut to the postings kept at the end.
  const room = previous.ids.length + addedId.length
  const ids = idArray(Math.max(count, previous.count), room)
  const counts = new Uint8Array(room)
  const large = new Map<number, number>()
  const kept: string[] = []
  const starts: number[] = [0]
  const changedTerms = new Set<string>()
  let total = 0
  const take = (id: number, value: number): void => {
    ids[total] = id
    counts[total] = Math.min(value, largeCount)
    if (value >= largeCount) large.set(total, value)
    total++
  }
  let nextNew = 0
  let nextAdded = 0
  let nextOld = 0
  while (nextOld < old.length || nextNew < newNames.length) {
    const isNew = nextNew < newNames.length && (nextOld >= old.length || newNames[nextNew]! < old[nextOld]!)
    const name = isNew ? newNames[nextNew++]! : old[nextOld++]!
    // The term's old postings (none for a new term), the changed articles' left out, merged by id
    // with the added ones: an id is never in both.
    const oldFrom = isNew ? 0 : previous.starts[nextOld - 1]!
    const oldEnd = isNew ? 0 : previous.starts[nextOld]!
    const first = total
    let touched = isNew
    for (let at = oldFrom; ; ) {
      const fromAdded = nextAdded < order.length && names[addedTerm[order[nextAdded]!]!] === name
      if (fromAdded && (at >= oldEnd || addedId[order[nextAdded]!]! < previous.ids[at]!)) {
        const k = order[nextAdded++]!
        take(addedId[k]!, addedCount[k]!)
        touched = true
      } else if (at < oldEnd) {
        if (dropped[previous.ids[at]!] === 1) touched = true
        else take(previous.ids[at]!, countAt(previous, at))
        at++
      } else break
    }
    // A term left with no postings is gone; one whose postings were touched may still be the same
    // (an edited article that says a word as often as before).
    if (touched && !samePostings(previous, oldFrom, oldEnd, { ids, counts, large }, first, total)) changedTerms.add(name)
    if (total === first) continue
    kept.push(name)
    starts.push(total)
  }
  const keptIds = idArray(count, total)
  keptIds.set(ids.subarray(0, total))
  return { postings: { count, names: kept, starts: Int32Array.from(starts), ids: keptIds, counts: counts.slice(0, total), large }, changedTerms }
}

/** Whether the slots of `previous` from `from` to `end` hold the postings `next` holds from `first` to `last`. */
function samePostings(previous: SearchPostings, from: number, end: number, next: Pick<SearchPostings, 'ids' | 'counts' | 'large'>, first: number, last: number): boolean {
  if (last - first !== end - from) return false
  for (let k = 0; k < end - from; k++) {
    if (next.ids[first + k] !== previous.ids[from + k]) return false
    const value = next.counts[first + k] === largeCount ? next.large.get(first + k) : next.counts[first + k]
    if (value !== countAt(previous, from + k)) return false
  }
  return true
}

/**
 * Which shards of `next` the previous site holds as they would be made: a shard of the same
 * prefix, with the same terms, none of them changed.
 */
export function reusableShards(previous: { postings: SearchPostings; shards: readonly SearchShard[] }, next: { postings: SearchPostings; shards: readonly SearchShard[] }, changedTerms: ReadonlySet<string>): (shard: number) => boolean {
  const before = new Map<string, { from: number; terms: number }>()
  let from = 0
  for (const { prefix, terms } of previous.shards) {
    before.set(prefix, { from, terms })
    from += terms
  }
  const firsts: number[] = []
  from = 0
  for (const { terms } of next.shards) {
    firsts.push(from)
    from += terms
  }
  return (index) => {
    const { prefix, terms } = next.shards[index]!
    const old = before.get(prefix)
    if (!old || old.terms !== terms) return false
    for (let k = 0; k < terms; k++) {
      const name = next.postings.names[firsts[index]! + k]!
      if (name !== previous.postings.names[old.from + k] || changedTerms.has(name)) return false
    }
    return true
  }
}

/** A term's entry in a shard, by its number: `"term":[id gap,count,…]`, made as one string. */
function entryText(postings: SearchPostings): (term: number) => string {
  const { names, starts, ids } = postings
  return (term) => {
    let entry = `${JSON.stringify(names[term])}:[`
    for (let at = starts[term]!, last = 0; at < starts[term + 1]!; at++) {
      entry += `${at === starts[term] ? '' : ','}${ids[at]! - last},${countAt(postings, at)}`
      last = ids[at]!
    }
    return `${entry}]`
  }
}

/**
 * The length of each term's entry, counted from the numbers' digits: making every entry once to
 * measure it and again to write it was half the time the index took.
 */
function entryLengths(postings: SearchPostings): (term: number) => number {
  const { names, starts, ids } = postings
  return (term) => {
    // The name, `:[` and `]`, and a comma between each two numbers.
    let length = JSON.stringify(names[term]).length + 2 * (starts[term + 1]! - starts[term]!) + 2
    for (let at = starts[term]!, last = 0; at < starts[term + 1]!; at++) {
      length += digits(ids[at]! - last) + digits(countAt(postings, at))
      last = ids[at]!
    }
    return length
  }
}

/** The runs of `names[from, to)` that share their first `characters` characters. */
function runs(names: readonly string[], from: number, to: number, characters: number): Array<[number, number]> {
  const found: Array<[number, number]> = []
  for (let start = from; start < to; ) {
    let end = start + 1
    const prefix = prefixOf(names[start]!, characters)
    while (end < to && prefixOf(names[end]!, characters) === prefix) end++
    found.push([start, end])
    start = end
  }
  return found
}

function countAt(postings: SearchPostings, slot: number): number {
  return postings.counts[slot] === largeCount ? postings.large.get(slot)! : postings.counts[slot]!
}

/** Ids take two bytes each up to 65,536 articles. */
function idArray(count: number, length: number): Uint16Array | Int32Array {
  return count <= 0x10000 ? new Uint16Array(length) : new Int32Array(length)
}

/** Strings by UTF-16 code units, as the default sort orders them. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
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
