/**
 * Letters of scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao,
 * Khmer and Myanmar. Hangul is written with spaces.
 */
const unspacedRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu

/**
 * Whether a text may hold such letters at all, by their blocks: Thai to Myanmar, Khmer, CJK,
 * compatibility ideographs, halfwidth katakana, and the supplementary ideographs' lead
 * surrogates. Not curly quotes and dashes (U+2000-U+206F), which most English news holds: the
 * common text takes the plain count.
 */
const maybeUnspaced = /[\u0e00-\u109f\u1780-\u17ff\u2e80-\u9fff\uf900-\ufaff\uff66-\uff9f\ud840-\ud8bf]/

/**
 * How many words a text holds, for reading time and for telling an article from a page of
 * links: its runs between white space, and in scripts written without spaces, a word for every
 * two letters (Chinese words are one to three characters long, most often two). Why: a
 * Japanese paragraph split at white space was one word, so a Japanese page held "no article"
 * and every Japanese article read in a minute.
 */
export function wordCount(text: string): number {
  if (!maybeUnspaced.test(text)) return spacedWords(text)
  let unspaced = 0
  const rest = text.replace(unspacedRun, (run) => {
    unspaced += Math.ceil(codePoints(run) / 2)
    return ' '
  })
  return spacedWords(rest) + unspaced
}

/** Whether a text may hold letters of scripts written without spaces (see `maybeUnspaced`). */
export function mayHoldUnspaced(text: string): boolean {
  return maybeUnspaced.test(text)
}

/** A word with its letters of scripts written without spaces apart, one by one, and its other letters as they run ("jr東日本" → "jr", "東", "日", "本"). */
export function unspacedApart(word: string): string[] {
  if (!maybeUnspaced.test(word)) return [word]
  const parts: string[] = []
  let last = 0
  for (const run of word.matchAll(unspacedRun)) {
    if (run.index > last) parts.push(word.slice(last, run.index))
    for (const letter of run[0]) parts.push(letter)
    last = run.index + run[0].length
  }
  if (last < word.length) parts.push(word.slice(last))
  return parts
}

/** How many letters of scripts written without spaces a text holds. */
export function unspacedLetters(text: string): number {
  if (!maybeUnspaced.test(text)) return 0
  let letters = 0
  for (const run of text.matchAll(unspacedRun)) letters += codePoints(run[0])
  return letters
}

/** Letters, not UTF-16 units: an ideograph outside the basic plane is two units. */
function codePoints(run: string): number {
  let count = 0
  for (let i = 0; i < run.length; i++) if (run.charCodeAt(i) < 0xdc00 || run.charCodeAt(i) > 0xdfff) count++
  return count
}

function spacedWords(text: string): number {
  let words = 0
  for (const token of text.split(/\s+/)) if (token !== '') words++
  return words
}
