import { foldForComparison } from './normalize.js'
import { maxEdits, minWordsNear, readStatement, restates, sameWords, signsOf, statementWords, type Statement } from './same-statement.js'
import { mayHoldUnspaced, wordCount } from './words.js'

/** A paragraph found to repeat an earlier one. */
export interface Repeat {
  /** Index of the removed copy. */
  readonly index: number
  /**
   * Index of the first copy, which stays where it stands. For a paragraph that joins several
   * earlier ones, the first of them; for the title, the first copy of the paragraph it heads.
   */
  readonly original: number
  /** `exact`, `near` (see `restates`), or `title`: the headline again, heading a repeated copy of the body. */
  readonly kind: 'exact' | 'near' | 'title'
}

/** Paragraphs shorter than this many words are only removed as part of a repeated run. */
const minWordsAlone = 4
/** How much longer or shorter than a paragraph its near copy may be, the nearest length first. */
const nearestLengths = [0, ...Array.from({ length: maxEdits }, (_, i) => [-(i + 1), i + 1]).flat()]
/** A word pair seen in more paragraphs than this is too common to find candidates with. */
const maxPosting = 64
/** Candidates verified word by word for each paragraph. */
const maxVerified = 8

/**
 * Find paragraphs that repeat earlier ones: exactly (up to Unicode form, quotes, dashes, white
 * space, case and a final full stop), nearly (see `restates`: nothing added, dropped or changed
 * that could be a fact), or joined into one paragraph; and, given the `title`, a paragraph that
 * is the title again right before a repeated paragraph. Runs in time close to linear in the
 * number of paragraphs.
 */
export function findRepeats(paragraphs: readonly string[], title?: string): Repeat[] {
  const statements = paragraphs.map((text) => readStatement(text))
  // Word pairs are numbered `a · pairBase + b` from word ids: more words than the text holds, so each number is one pair.
  const wordIds = new Map<string, number>()
  const pairBase = statements.reduce((total, paragraph) => total + paragraph.words.length, 1)
  const pairCounts = new Int32Array(paragraphs.length)
  const firstByText = new Map<string, number>()
  const postings = new Map<number, number[]>()
  /** Paragraphs by their first two words, to find the ones a later paragraph joins. */
  const starts = new Map<string, number[]>()
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
    const joined = near === undefined ? joinedFrom(paragraph) : undefined
    if (near !== undefined) originalOf.set(index, { original: near, kind: 'near' })
    else if (joined) originalOf.set(index, joined)
    else {
      for (const key of keys) {
        const list = postings.get(key)
        if (!list) postings.set(key, [index])
        else if (list.length <= maxPosting) list.push(index)
      }
      if (paragraph.words.length >= 2) {
        const start = `${paragraph.words[0]} ${paragraph.words[1]}`
        const list = starts.get(start)
        if (!list) starts.set(start, [index])
        else if (list.length <= maxPosting) list.push(index)
      }
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

  /**
   * The earlier paragraphs that `paragraph` is made of, one after another, each whole or a
   * near copy: a copy of the body run together into one paragraph.
   */
  function joinedFrom(paragraph: Statement): { original: number; kind: 'exact' | 'near' } | undefined {
    const words = paragraph.words
    const pieces: number[] = []
    let near = false
    for (let at = 0; at < words.length; ) {
      if (at + 1 === words.length) return undefined
      let best: { piece: number; end: number; near: boolean } | undefined
      const candidates = starts.get(`${words[at]} ${words[at + 1]}`)
      // Two words that begin more paragraphs than this begin a template, not a copy.
      if (!candidates || candidates.length > maxPosting) return undefined
      for (const piece of candidates) {
        const found = pieceAt(words, at, statements[piece]!, paragraph.text)
        if (found && (!best || found.end > best.end)) best = { piece, ...found }
      }
      if (!best) return undefined
      pieces.push(best.piece)
      near ||= best.near
      at = best.end
    }
    if (pieces.length < 2) return undefined
    if (pieces.map((piece) => signsOf(statements[piece]!.folded)).join('') !== signsOf(paragraph.folded)) return undefined
    return { original: pieces[0]!, kind: near ? 'near' : 'exact' }
  }

  /**
   * Where the words of `piece` end when they stand in `words` from `at`, word for word or as a
   * near copy that ends where the words end or another piece may begin.
   */
  function pieceAt(words: readonly string[], at: number, piece: Statement, text: string): { end: number; near: boolean } | undefined {
    const size = piece.words.length
    if (at + size <= words.length && piece.words.every((word, offset) => words[at + offset] === word)) return { end: at + size, near: false }
    if (size < minWordsNear) return undefined
    // Why it must end where another may begin: "… the service also said" would otherwise match
    // "… the service said" as far as "service", with "said" dropped, leaving "also said" over.
    const fits = (end: number) => end === words.length || starts.has(`${words[end]} ${words[end + 1]}`)
    for (const change of nearestLengths) {
      const end = at + size + change
      if (end <= words.length && fits(end) && sameWords(piece, { text, words: words.slice(at, end) }, isRare)) return { end, near: true }
    }
    return undefined
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
