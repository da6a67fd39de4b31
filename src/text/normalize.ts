import { joinedRuns } from './letter-runs.js'

const quotes = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g
const doubleQuotes = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A]/g
const dashes = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g
const spaces = /[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]+/g

/**
 * Fold a paragraph to the form in which two copies of it compare equal: Unicode form, quote and
 * dash styles, white space (NBSP too), case and a final full stop no longer matter.
 */
export function foldForComparison(text: string): string {
  const folded = text
    .normalize('NFKC')
    .replace(quotes, "'")
    .replace(doubleQuotes, '"')
    .replace(dashes, '-')
    .replace(spaces, ' ')
    .trim()
    .toLowerCase()
  return withoutFinalStop(folded)
}

/**
 * The text without a final full stop and the spaces before it. Why not `/\s*\.$/`: a regular
 * expression tries it from every space of the paragraph, and that was a third of folding.
 */
function withoutFinalStop(text: string): string {
  if (!text.endsWith('.')) return text
  let end = text.length - 1
  while (end > 0 && /\s/.test(text[end - 1]!)) end--
  return text.slice(0, end)
}

/** Split folded text into words, keeping numbers such as `3.4%` and `1,200` whole. */
export function words(folded: string): string[] {
  return joinedRuns(folded)
}

/** Whether two texts have the same words, whatever their case and punctuation: "Rates rise!" and "rates rise" do. */
export function samePlainWords(a: string, b: string): boolean {
  const plain = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
  return plain(a) === plain(b)
}
