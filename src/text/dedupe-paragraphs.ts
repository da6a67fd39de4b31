import { foldForComparison } from './normalize.js'
import { maxEdits, minWordsNear, readStatement, restates, statementWords, type Statement } from './same-statement.js'
import { mayHoldUnspaced, wordCount } from './words.js'

/** A paragraph found to repeat an earlier one. */
export interface Repeat {
  /** Index of the removed copy. */
  readonly index: number
  /** Index of the first copy, which stays where it stands; for the title, the first copy of the paragraph it heads. */
  readonly original: number
  /** `exact`, `near` (see `restates`), or `title`: the headline again, heading a repeated copy of the body. */
  readonly kind: 'exact' | 'near' | 'title'
}

/** Paragraphs shorter than this many words are only removed as part of a repeated run. */
const minWordsAlone = 4
/** A word pair seen in more paragraphs than this is too common to find candidates with. */
const maxPosting = 64
/** Candidates verified word by word for each paragraph. */
const maxVerified = 8

/**
 * Find paragraphs that repeat an earlier one, exactly (up to Unicode form, quotes, dashes, white
 * space, case and a final full stop) or nearly (see `restates`: nothing added, dropped or changed
 * that could be a fact); and, given the `title`, a paragraph that is the title again right before
 * a repeated paragraph. Runs in time close to linear in the number of paragraphs.
 */
export function findRepeats(paragraphs: readonly string[], title?: string): Repeat[] {
  const statements = paragraphs.map((text) => readStatement(text))
  // Word pairs are numbered `a · pairBase + b` from word ids: more words than the text holds, so each number is one pair.
  const wordIds = new Map<string, number>()
  const pairBase = statements.reduce((total, paragraph) => total + paragraph.words.length, 1)
  const pairCounts = new Int32Array(paragraphs.length)
  const firstByText = new Map<string, number>()
  const postings = new Map<number, number[]>()
  const originalOf = new Map<number, { original: number; kind: Repeat['kind'] }>()
  let spellings: Map<string, number> | undefined
  // A spelling in one paragraph only (its copies aside) may be a typo; one used elsewhere is a word.
  const isRare = (word: string) => ((spellings ??= paragraphsByWord(statements)).get(word) ?? 0) <= 1

  statements.forEach((paragraph, index) => {
    if (paragraph.folded === '') return
    const exact = firstByText.get(paragraph.folded)
    if (exact !== undefined) {
      originalOf.set(index, { original: exact, kind: 'exact' })
      return
    }
    firstByText.set(paragraph.folded, index)
    const keys = paragraph.words.length >= minWordsNear ? pairKeys(paragraph.words, wordIds, pairBase) : []
    pairCounts[index] = keys.length
    const near = keys.length > 0 ? nearCopyOf(paragraph, keys) : undefined
    if (near !== undefined) {
      originalOf.set(index, { original: near, kind: 'near' })
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
    const short = length(statements[index]!) < minWordsAlone
    // A short line ("Yes.", "Update") may repeat on purpose; drop it only inside a repeated run.
    if (short && !inRun(originalOf, index, original)) continue
    repeats.push({ index, original, kind })
  }
  return title === undefined ? repeats : withTitleRepeats(repeats, statements, title)

  /** The earlier paragraph `paragraph` nearly repeats, found through the word pairs they share. */
  function nearCopyOf(paragraph: Statement, keys: readonly number[]): number | undefined {
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
      if ((best === undefined || candidate < best) && restates(statements[candidate]!, paragraph, isRare)) best = candidate
    }
    return best
  }
}

/** The repeats, and each paragraph that is the title again right before one of them. */
function withTitleRepeats(repeats: readonly Repeat[], statements: readonly Statement[], title: string): Repeat[] {
  const heading = statementWords(foldForComparison(title)).join(' ')
  if (heading === '') return [...repeats]
  const byIndex = new Map(repeats.map((repeat) => [repeat.index, repeat]))
  const found = [...repeats]
  statements.forEach((paragraph, index) => {
    const next = byIndex.get(index + 1)
    if (next && !byIndex.has(index) && paragraph.words.join(' ') === heading) found.push({ index, original: next.original, kind: 'title' })
  })
  return found.sort((a, b) => a.index - b.index)
}

/** How many distinct paragraphs each word stands in: copies of one paragraph count once. */
function paragraphsByWord(statements: readonly Statement[]): Map<string, number> {
  const counts = new Map<string, number>()
  const seen = new Set<string>()
  for (const paragraph of statements) {
    if (seen.has(paragraph.folded)) continue
    seen.add(paragraph.folded)
    for (const word of new Set(paragraph.words)) counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  return counts
}

/**
 * A paragraph's length in words. Chinese or Japanese has no spaces: a paragraph of it was one
 * word to `words` per clause, so a repeated paragraph of three clauses was "short" and stayed.
 * It is measured as `wordCount` measures it. (Near copies still need eight words by `words`:
 * without capitals or spaces, a changed name or number in such text cannot be told from a typo.)
 */
function length(paragraph: Statement): number {
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
