/**
 * Characters no reader sees and XML cannot carry: C0 controls but tab and line ends, DEL and the
 * C1 controls, U+FFFE and U+FFFF, and halves of surrogate pairs standing alone. One such
 * character in a title made every feed invalid XML, which readers refuse whole.
 */
export const forbiddenCharacters = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu

/**
 * Whether a text may hold one: a class without lookarounds or the `u` flag, which V8 scans many
 * times faster. It also finds every surrogate, paired or not, so a text with an emoji takes the
 * exact pattern after it.
 */
const maybeForbidden = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/

/** The text without forbidden characters, how many there were, and where the first was. */
export function removeForbidden(text: string): { text: string; count: number; first: number } {
  if (!maybeForbidden.test(text)) return { text, count: 0, first: -1 }
  forbiddenCharacters.lastIndex = 0
  const found = forbiddenCharacters.exec(text)
  if (!found) return { text, count: 0, first: -1 }
  let count = 0
  const cleaned = text.replace(forbiddenCharacters, () => {
    count++
    return ''
  })
  return { text: cleaned, count, first: found.index }
}

/** The character at `index` as "U+0001". */
export function codePointName(text: string, index: number): string {
  return `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`
}
