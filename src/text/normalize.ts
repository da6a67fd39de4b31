import { joinedRuns } from './letter-runs.js'

/**
 * Fold a paragraph to the form in which two copies of it compare equal: Unicode form, quote and
 * dash styles, white space (NBSP too), case and a final full stop no longer matter.
 *
 * What `.replace(quotes, "'").replace(doubleQuotes, '"').replace(dashes, '-').replace(spaces, ' ')`
 * gives on the text in NFKC (the expressions are in tests/dedupe.test.ts), in one pass that copies
 * nothing when nothing is to be replaced. Why by hand: the four passes were a fifth of finding
 * repeated paragraphs, which folds every paragraph of every article.
 */
export function foldForComparison(text: string): string {
  const normal = text.normalize('NFKC')
  let out = ''
  let from = 0
  for (let at = 0; at < normal.length; at++) {
    const unit = normal.charCodeAt(at)
    if (unit > 0x20 && unit < 0x7f && unit !== 0x60) continue
    let end = at + 1
    let replacement: string | undefined
    if (isSpace(unit)) {
      while (end < normal.length && isSpace(normal.charCodeAt(end))) end++
      if (unit === 0x20 && end === at + 1) continue
      replacement = ' '
    } else replacement = foldedMark(unit)
    if (replacement === undefined) continue
    out += normal.slice(from, at) + replacement
    from = end
    at = end - 1
  }
  const folded = (from === 0 ? normal : out + normal.slice(from)).trim().toLowerCase()
  return withoutFinalStop(folded)
}

/** Whether a code unit is one `/[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]/` matches. */
function isSpace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d)
  if (unit < 0xa0) return false
  return unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200b) || unit === 0x2028 || unit === 0x2029 || unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff
}

/** The plain mark a quote or dash folds to: `'` for single quotes, primes and accents, `"` for double quotes and guillemets, `-` for dashes and minus signs. */
function foldedMark(unit: number): string | undefined {
  if (unit === 0x60 || unit === 0xb4 || unit === 0x2018 || unit === 0x2019 || unit === 0x201a || unit === 0x201b || unit === 0x2032) return "'"
  if (unit === 0xab || unit === 0xbb || (unit >= 0x201c && unit <= 0x201f) || unit === 0x2033 || unit === 0x2039 || unit === 0x203a) return '"'
  if ((unit >= 0x2010 && unit <= 0x2015) || unit === 0x2212 || unit === 0xfe58 || unit === 0xfe63 || unit === 0xff0d) return '-'
  return undefined
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
