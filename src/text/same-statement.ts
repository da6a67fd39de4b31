import { joinedRuns } from './letter-runs.js'
import { foldForComparison } from './normalize.js'

/** A paragraph as near copies are compared. */
export interface Statement {
  /** The text as typed, for the names in it. */
  readonly text: string
  /** The text folded for comparison (see `foldForComparison`). */
  readonly folded: string
  /** Its words (see `statementWords`). */
  readonly words: readonly string[]
}

/** Near copies need this many words: in shorter text one changed word changes the meaning. */
export const minWordsNear = 8
/** At most this many words added, dropped or mistyped between near copies. */
export const maxEdits = 2

/**
 * Words that can be added or dropped without changing what a sentence says: articles, "that",
 * "also", "and", "said", and the prepositions of a time or an amount that say nothing alone ("on
 * Monday", "rose by 3%"); not "to" or "from", which do ("fell to 5%" is not "fell 5%"). An
 * allow-list, not a list of fact words: any word it does not name (a name, a number, "not",
 * "Monday", "injured") keeps both copies.
 */
const factFree = new Set(['a', 'an', 'the', 'that', 'also', 'and', 'said', 'says', 'on', 'in', 'at', 'by'])

/** Numbers written out: one letter turns "three" into "there", and "fourth" into "forth". */
const numberWords = new Set(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen first second third fourth fifth sixth seventh eighth ninth tenth'.split(' ')
)

/**
 * Soft hyphens, zero-width spaces and joiners, and byte-order marks: a copy may hold them inside
 * a word where the other does not. `foldForComparison` reads a zero-width space as a space, so
 * they go before it.
 */
const invisible = /[\u00AD\u200B-\u200D\u2060\uFEFF]/
const signs = /[\p{Sc}\p{Sm}°]|(?<![\p{L}\p{N}])-(?=\p{N})/gu

/** Read a paragraph as a statement to compare with others. */
export function readStatement(text: string): Statement {
  const folded = foldForComparison(text)
  const words = statementWords(invisible.test(text) ? foldForComparison(text.replace(new RegExp(invisible, 'g'), '')) : folded)
  return { text, folded, words }
}

/** The currency, mathematical and degree signs of folded text and the minus of its numbers, in order: "$" or "€", "+" or "−" are facts too. */
export function signsOf(folded: string): string {
  return folded.match(signs)?.join('') ?? ''
}

/**
 * The words of folded text as near copies compare them: accents on Latin letters dropped,
 * hyphenated words apart ("late-night" is "late night"), apostrophes and periods dropped ("U.S."
 * is "US"), and numbers whole ("3.4%", "1,200", "7-2").
 */
export function statementWords(folded: string): string[] {
  const text = /[^\u0000-\u007f]/.test(folded) ? withoutLatinAccents(folded) : folded
  const words: string[] = []
  for (const run of joinedRuns(text)) {
    if (isPlain(run)) words.push(run)
    else for (const part of run.split('-')) {
      const word = part.replace(/['.,]/g, '')
      if (word !== '') words.push(word)
    }
  }
  return words
}

/**
 * Text (in NFC, as folded text is) without the accents of Latin letters: what
 * `text.normalize('NFD').replace(/(?<=[a-z])[\u0300-\u036f]+/g, '').normalize('NFC')` gives.
 * Why only after a Latin letter: in Cyrillic "й" is "и" with a mark, a letter of its own. Why
 * letter by letter, remembered: names with accents are in half the paragraphs of the news, and
 * normalizing each paragraph twice was most of reading it as a statement.
 */
export function withoutLatinAccents(text: string): string {
  let unsure = false
  const out = text.replace(/[\u0080-\uffff]/g, (char) => {
    const base = latinBase(char)
    if (base !== undefined) return base
    unsure = true
    return char
  })
  // A mark standing alone, or a letter that decomposes otherwise: the whole text the long way.
  return unsure ? text.normalize('NFD').replace(/(?<=[a-z])[\u0300-\u036f]+/g, '').normalize('NFC') : out
}

const latinBases = new Map<string, string | undefined>()

/** The letter without its accents ("é" is "e"), the character itself when it has none to lose, undefined when unsure. */
function latinBase(char: string): string | undefined {
  if (latinBases.has(char)) return latinBases.get(char)
  const parts = char.normalize('NFD')
  const base = /^[\u0300-\u036f]/.test(parts) ? undefined : !/^[a-z]/.test(parts) ? char : /^[a-z][\u0300-\u036f]+$/.test(parts) ? parts[0] : undefined
  if (latinBases.size < 10_000) latinBases.set(char, base)
  return base
}

/**
 * Whether a run of `joinedRuns` is a word as it stands: one with no hyphen, apostrophe, period
 * or comma in it, or a number. By hand: it is asked of every word of every article.
 */
function isPlain(run: string): boolean {
  let joined = false
  for (let at = 0; at < run.length; at++) {
    const unit = run.charCodeAt(at)
    if (unit >= 0x30 && unit <= 0x39) return true
    if (unit === 0x2d || unit === 0x27 || unit === 0x2e || unit === 0x2c) joined = true
  }
  return !joined || /\p{N}/u.test(run)
}

/**
 * Whether `b` says what `a` says: the same words and signs in the same order but for at most
 * `maxEdits` edits, each a word of `factFree` added or dropped or a word mistyped (see `isTypo`)
 * whose one spelling `isRare` finds nowhere else in the text. Any other difference is one of
 * fact: a word replaced by another, words moved, a number, name or sign changed.
 */
export function restates(a: Statement, b: Statement, isRare: (word: string) => boolean): boolean {
  return signsOf(a.folded) === signsOf(b.folded) && sameWords(a, b, isRare)
}

/** Whether the words of `b` are those of `a` but for the edits `restates` allows; signs are not compared. */
export function sameWords(a: Pick<Statement, 'text' | 'words'>, b: Pick<Statement, 'text' | 'words'>, isRare: (word: string) => boolean): boolean {
  if (Math.abs(a.words.length - b.words.length) > maxEdits) return false
  if (Math.min(a.words.length, b.words.length) < minWordsNear) return false
  // A mistyped word is one dropped and one added: two steps of the alignment.
  const found = hunks(a.words, b.words, 2 * maxEdits)
  if (!found) return false
  let names: Set<string> | undefined
  const isName = (word: string) => (names ??= properNames(a.text, b.text)).has(word)
  let edits = 0
  for (const { dropped, added } of found) {
    if (dropped.length === 1 && added.length === 1) {
      const [was, is] = [dropped[0]!, added[0]!]
      if (!isTypo(was, is) || isName(was) || isName(is) || !(isRare(was) || isRare(is))) return false
      edits++
    } else if (dropped.length === 0 || added.length === 0) {
      for (const word of dropped.length === 0 ? added : dropped) if (!factFree.has(word) || isName(word)) return false
      edits += dropped.length + added.length
    } else return false
  }
  return edits <= maxEdits
}

/** Words dropped from one list and added in the other between two words both share. */
interface Hunk {
  readonly dropped: readonly string[]
  readonly added: readonly string[]
}

/**
 * The hunks of a shortest alignment of two word lists by words dropped and added, or undefined
 * when it takes more than `limit` of them. Dynamic programming in a band of `limit` either side
 * of the diagonal, on what is left between their common start and end.
 */
function hunks(x: readonly string[], y: readonly string[], limit: number): Hunk[] | undefined {
  let start = 0
  while (start < x.length && start < y.length && x[start] === y[start]) start++
  let endX = x.length
  let endY = y.length
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--
    endY--
  }
  const n = endX - start
  const m = endY - start
  if (Math.abs(n - m) > limit) return undefined
  const width = 2 * limit + 1
  const far = limit + 1
  // cost[i][j], for j within `limit` of i, at i * width + (j - i + limit).
  const cost = new Int32Array((n + 1) * width).fill(far)
  const costAt = (i: number, j: number) => (j < 0 || j > m || Math.abs(j - i) > limit ? far : cost[i * width + j - i + limit]!)
  for (let i = 0; i <= n; i++) {
    let rowMin = far
    for (let j = Math.max(0, i - limit); j <= Math.min(m, i + limit); j++) {
      let value: number
      if (i === 0) value = j
      else if (j === 0) value = i
      else value = Math.min(costAt(i - 1, j) + 1, costAt(i, j - 1) + 1, x[start + i - 1] === y[start + j - 1] ? costAt(i - 1, j - 1) : far)
      cost[i * width + j - i + limit] = Math.min(value, far)
      rowMin = Math.min(rowMin, value)
    }
    if (rowMin > limit) return undefined
  }
  if (costAt(n, m) > limit) return undefined
  // Walk back from the end, gathering the words dropped and added between shared words.
  const found: Hunk[] = []
  let dropped: string[] = []
  let added: string[] = []
  const close = () => {
    if (dropped.length + added.length > 0) found.push({ dropped: dropped.reverse(), added: added.reverse() })
    dropped = []
    added = []
  }
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const here = costAt(i, j)
    if (i > 0 && j > 0 && x[start + i - 1] === y[start + j - 1] && costAt(i - 1, j - 1) === here) {
      close()
      i--
      j--
    } else if (i > 0 && costAt(i - 1, j) + 1 === here) dropped.push(x[start + --i]!)
    else added.push(y[start + --j]!)
  }
  close()
  return found.reverse()
}

/**
 * Whether two spellings are one word mistyped: a letter dropped, added or doubled, or two
 * letters side by side swapped ("goverment", "recieve", "harbor"), once in a word of five letters
 * or more, twice in one of eight or more, its first and last letters kept ("raised" is not
 * "raises"). Not a letter replaced by another: that is how "women" becomes "woman" and "injured"
 * "insured". Never a number, in figures or in words.
 */
export function isTypo(a: string, b: string): boolean {
  if (a === b) return false
  const shorter = Math.min(a.length, b.length)
  if (shorter < 5 || /\p{N}/u.test(a) || /\p{N}/u.test(b) || numberWords.has(a) || numberWords.has(b)) return false
  if (a[0] !== b[0] || a[a.length - 1] !== b[b.length - 1]) return false
  const slips = typingSlips(a, b, shorter >= 8 ? 2 : 1)
  // Two slips in words of one length are a letter dropped and another added in its place.
  return slips !== undefined && !(slips === 2 && a.length === b.length)
}

/** How many letters dropped, added or swapped with a neighbour turn `a` into `b`, when no more than `limit`. */
function typingSlips(a: string, b: string, limit: number): number | undefined {
  // Optimal string alignment distance without substitution, small strings only.
  const rows = a.length + 1
  const cols = b.length + 1
  const d = new Int32Array(rows * cols)
  for (let i = 0; i < rows; i++) d[i * cols] = i
  for (let j = 0; j < cols; j++) d[j] = j
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      let value = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1)
      if (a[i - 1] === b[j - 1]) value = Math.min(value, d[(i - 1) * cols + j - 1]!)
      else if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[(i - 2) * cols + j - 2]! + 1)
      d[i * cols + j] = value
    }
  }
  const distance = d[rows * cols - 1]!
  return distance <= limit ? distance : undefined
}

/** Words that stand capitalised mid-sentence in either text, as `statementWords` gives them: names, places, titles. */
function properNames(...texts: string[]): Set<string> {
  const names = new Set<string>()
  for (const text of texts) {
    for (const match of text.normalize('NFKC').matchAll(/(?<=[\p{L}\p{N},;)]\s+)\p{Lu}[\p{L}\p{M}'’-]*/gu)) {
      for (const word of statementWords(foldForComparison(match[0]))) names.add(word)
    }
  }
  return names
}
