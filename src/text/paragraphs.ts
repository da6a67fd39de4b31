/** One paragraph of raw text and where it starts in its file (1-based). */
export interface RawParagraph {
  readonly text: string
  readonly line: number
  readonly column: number
}

const sentenceEnd = /[.!?:;"'”’»)\]…]$/
/**
 * A line that goes on with a word in lower case continues the line before it; not one that
 * starts with a figure ("20 people were hurt" after a headline) or a name like "iPhone".
 */
const continuesLine = /^\p{Ll}(?!\p{Lu})/u

/**
 * Split raw text into paragraphs. Scraped text comes either one paragraph per line or as
 * hard-wrapped blocks separated by blank lines; which one is decided from the text itself.
 */
export function splitParagraphs(text: string): RawParagraph[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const blocks: Array<Array<{ text: string; line: number; column: number }>> = []
  let current: Array<{ text: string; line: number; column: number }> = []
  lines.forEach((raw, index) => {
    const trimmed = raw.trim()
    if (trimmed === '') {
      if (current.length > 0) blocks.push(current)
      current = []
      return
    }
    current.push({ text: trimmed, line: index + 1, column: raw.length - raw.trimStart().length + 1 })
  })
  if (current.length > 0) blocks.push(current)

  const joinBlocks = blocks.some((block) => block.length > 1) && isHardWrapped(blocks)
  const paragraphs: RawParagraph[] = []
  for (const block of blocks) {
    if (joinBlocks) {
      const first = block[0]!
      paragraphs.push({ text: block.map((line) => line.text).join(' ').replace(/\s+/g, ' '), line: first.line, column: first.column })
    } else {
      for (const [index, line] of block.entries()) {
        const text = line.text.replace(/\s+/g, ' ')
        // A line that stops mid-sentence and one that goes on in lower case are one paragraph,
        // wrapped: a scrape often keeps one copy of its text wrapped and the other not, and the
        // halves of a wrapped paragraph were never found to repeat the whole one.
        const previous = paragraphs[paragraphs.length - 1]
        if (index > 0 && previous && !sentenceEnd.test(previous.text) && continuesLine.test(text)) paragraphs[paragraphs.length - 1] = { ...previous, text: `${previous.text} ${text}` }
        else paragraphs.push({ text, line: line.line, column: line.column })
      }
    }
  }
  return paragraphs
}

/**
 * Hard-wrapped prose breaks lines mid-sentence at a similar width; one-paragraph-per-line text
 * ends most lines with sentence punctuation and has lines of any length.
 */
function isHardWrapped(blocks: ReadonlyArray<ReadonlyArray<{ text: string }>>): boolean {
  let inner = 0
  let ending = 0
  let long = 0
  for (const block of blocks) {
    for (let index = 0; index < block.length - 1; index++) {
      const line = block[index]!.text
      inner++
      if (sentenceEnd.test(line)) ending++
      if (line.length > 120) long++
    }
  }
  if (inner === 0) return false
  return ending / inner < 0.5 && long / inner < 0.5
}
