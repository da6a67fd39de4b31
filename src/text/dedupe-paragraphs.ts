import { foldForComparison, words } from './normalize.js'
import { mayHoldUnspaced, wordCount } from './words.js'

/** A paragraph found to repeat an earlier one. */
export interface Repeat {
  /** Index of the removed copy. */
  readonly index: number
  /** Index of the first copy, which stays where it stands. */
  readonly original: number
  readonly kind: 'exact' | 'near'
}

/** Paragraphs shorter than this many words are only removed as part of a repeated run. */
const minWordsAlone = 4
/** Near copies need this many words: in shorter text one changed word changes the meaning. */
const minWordsNear = 8
/** At most this many words added, dropped or changed between near copies. */
const maxEdits = 2
/** A word pair seen in more paragraphs than this is too common to find candidates with. */
const maxPosting = 64
/** Candidates verified word by word for each paragraph. */
const maxVerified = 8

const months = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec'
const days = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow'
/** Words whose change turns one fact into another: numbers, dates, negations, directions. */
const factWord = new RegExp(
  `^(?:.*\\p{N}.*|${months}|${days}|not|no|never|none|nor|without|neither|denied|denies|deny|confirmed|confirms|rose|fell|up|down|increase|decrease|increased|decreased|higher|lower|more|less|before|after|won|lost|first|last|million|billion|trillion|thousand|hundred|percent)$`,
  'u'
)

interface Folded {
  readonly folded: string
  readonly words: string[]
  readonly original: string
}

/**
 * Find paragraphs that repeat an earlier one, exactly (up to Unicode form, quotes, dashes, white
 * space, case and a final full stop) or nearly (a word or two added, dropped or changed, none of
 * them a number, date, negation, proper name or other word that carries a fact). Runs in time
 * close to linear in the number of paragraphs.
 */
export function findRepeats(paragraphs: readonly string[]): Repeat[] {
  const folded: Folded[] = paragraphs.map((text) => {
    const f = foldForComparison(text)
    return { folded: f, words: words(f), original: text }
  })
  // Word pairs are numbered `a · pairBase + b` from word ids: more words than the text holds, so each number is one pair.
  const wordIds = new Map<string, number>()
  const pairBase = folded.reduce((total, paragraph) => total + paragraph.words.length, 1)
  const pairCounts = new Int32Array(paragraphs.length)
  const firstByText = new Map<string, number>()
  const postings = new Map<number, number[]>()
  const originalOf = new Map<number, { original: number; kind: 'exact' | 'near' }>()

  folded.forEach((paragraph, index) => {
    if (paragraph.folded === '') return
    const exact = firstByText.get(paragraph.folded)
    if (exact !== undefined) {
      originalOf.set(index, { original: exact, kind: 'exact' })
      return
    }
    firstByText.set(paragraph.folded, index)
    if (paragraph.words.length < minWordsNear) return
    const keys = pairKeys(paragraph.words, wordIds, pairBase)
    pairCounts[index] = keys.length
    const lists: number[][] = []
    let usable = 0
    for (const key of keys) {
      const list = postings.get(key)
      if (list && list.length > maxPosting) continue
      usable++
      if (list) lists.push(list)
    }
    // Each word edit breaks at most two adjacent pairs, so a near copy shares all but a few.
    const needed = usable - 2 * maxEdits - 1
    // A paragraph with fewer pairs than that cannot share as many: it is not counted at all.
    const shared = new Map<number, number>()
    for (const list of lists) {
      for (const candidate of list) if (pairCounts[candidate]! >= needed) shared.set(candidate, (shared.get(candidate) ?? 0) + 1)
    }
    // Verify only the few candidates that share the most pairs: work stays linear even when
    // thousands of paragraphs follow one template ("Report number N says …").
    const ranked = [...shared].filter(([, count]) => count >= needed).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, maxVerified)
    let best: number | undefined
    for (const [candidate] of ranked) {
      if ((best === undefined || candidate < best) && isNearCopy(folded[candidate]!, paragraph)) best = candidate
    }
    if (best !== undefined) {
      originalOf.set(index, { original: best, kind: 'near' })
      return
    }
    for (const key of keys) {
      const list = postings.get(key)
      if (!list) postings.set(key, [index])
      else if (list.length <= maxPosting) list.push(index)
    }
  })

  const repeats: Repeat[] = []
  for (const [index, { original, kind }] of [...originalOf].sort((a, b) => a[0] - b[0])) {
    const short = length(folded[index]!) < minWordsAlone
    // A short line ("Yes.", "Update") may repeat on purpose; drop it only inside a repeated run.
    if (short && !inRun(originalOf, index, original)) continue
    repeats.push({ index, original, kind })
  }
  return repeats
}

/**
 * A paragraph's length in words. Chinese or Japanese has no spaces: a paragraph of it was one
 * word to `words` per clause, so a repeated paragraph of three clauses was "short" and stayed.
 * It is measured as `wordCount` measures it. (Near copies still need eight words by `words`:
 * without capitals or spaces, a changed name or number in such text cannot be told from a typo.)
 */
function length(paragraph: Folded): number {
  return mayHoldUnspaced(paragraph.folded) ? Math.max(paragraph.words.length, wordCount(paragraph.folded)) : paragraph.words.length
}

function inRun(originalOf: ReadonlyMap<number, { original: number }>, index: number, original: number): boolean {
  return originalOf.get(index - 1)?.original === original - 1 || originalOf.get(index + 1)?.original === original + 1
}

/**
 * Distinct adjacent word pairs, in order of first appearance: two near copies with at most two
 * edits share at least one. A pair is the number `a · base + b` of its words' ids, numbered in
 * `ids` as they are first seen. Why numbers: joining two words into a string key for every pair
 * of every paragraph was a third of the time of finding repeats.
 */
function pairKeys(list: readonly string[], ids: Map<string, number>, base: number): number[] {
  const keys = new Set<number>()
  let previous = -1
  for (const word of list) {
    let id = ids.get(word)
    if (id === undefined) ids.set(word, (id = ids.size))
    if (previous >= 0) keys.add(previous * base + id)
    previous = id
  }
  return [...keys]
}

/** Whether `b` is `a` with at most `maxEdits` word edits, none of which touches a fact. */
function isNearCopy(a: Folded, b: Folded): boolean {
  const x = a.words
  const y = b.words
  if (Math.abs(x.length - y.length) > maxEdits) return false
  if (Math.min(x.length, y.length) < minWordsNear) return false
  const changed = changedWords(x, y, maxEdits)
  if (changed === undefined) return false
  if (changed.some((word) => factWord.test(word))) return false
  const proper = properNames(a.original, b.original)
  return changed.every((word) => !proper.has(word))
}

/** Words added, dropped or substituted between two lists, or undefined when more than `limit` edits apart. */
function changedWords(x: readonly string[], y: readonly string[], limit: number): string[] | undefined {
  // Trim the common prefix and suffix; what is left in the middle must be small.
  let start = 0
  while (start < x.length && start < y.length && x[start] === y[start]) start++
  let endX = x.length
  let endY = y.length
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--
    endY--
  }
  const midX = x.slice(start, endX)
  const midY = y.slice(start, endY)
  if (midX.length <= limit && midY.length <= limit) return [...midX, ...midY]
  // Edits in two separate places: banded edit distance on the middle.
  const distance = boundedEditDistance(midX, midY, limit)
  if (distance > limit) return undefined
  const inX = new Map<string, number>()
  for (const word of midX) inX.set(word, (inX.get(word) ?? 0) + 1)
  const changed: string[] = []
  for (const word of midY) {
    const count = inX.get(word) ?? 0
    if (count > 0) inX.set(word, count - 1)
    else changed.push(word)
  }
  for (const [word, count] of inX) for (let i = 0; i < count; i++) changed.push(word)
  return changed
}

function boundedEditDistance(x: readonly string[], y: readonly string[], limit: number): number {
  if (Math.abs(x.length - y.length) > limit) return limit + 1
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      current.push(value)
      if (value < rowMin) rowMin = value
    }
    if (rowMin > limit) return limit + 1
    previous = current
  }
  return previous[y.length]!
}

/** Lower-cased words that stand capitalised mid-sentence in either text: names, places, titles. */
function properNames(...texts: string[]): Set<string> {
  const names = new Set<string>()
  for (const text of texts) {
    for (const match of text.normalize('NFKC').matchAll(/(?<=[\p{L}\p{N},;)]\s+)\p{Lu}[\p{L}\p{M}'’-]*/gu)) {
      names.add(match[0].toLowerCase())
    }
  }
  return names
}
