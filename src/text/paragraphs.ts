/** One paragraph of raw text and where it starts in its file (1-based). */
export interface RawParagraph {
  readonly text: string
  readonly line: number
  readonly column: number
}

/** A line of raw text, trimmed, and where it starts. */
interface Line {
  readonly text: string
  readonly line: number
  readonly column: number
  /** Whether it opens an item of a list. */
  readonly opensItem: boolean
}

const sentenceEnd = /[.!?:;"'”’»)\]…。！？」』]$/u
/**
 * A line that goes on with a word in lower case continues the line before it; not one that
 * starts with a figure ("20 people were hurt" after a headline) or a name like "iPhone".
 */
const continuesLine = /^\p{Ll}(?!\p{Lu})/u
/** A line that ends a sentence or opens a list with a colon: its mark may stand before quotes and brackets, never after. */
const closesSentence = /[.!?:;…。！？]["'”’»)\]」』]*$/u

/** A character that shows: not white space, a control, or a format character such as U+200B ZERO WIDTH SPACE. */
const visibleCharacter = /[^\p{White_Space}\p{Cc}\p{Cf}]/u

/**
 * The widths text is hard-wrapped at, in characters: editors and mail wrap at 60 to 80, narrow
 * columns at 30 or 40. A block with a longer line is paragraphs of a line each, however ragged.
 */
const wrapWidths = { min: 30, max: 120 }

/** A bullet that opens an item of a list wherever it stands, before a space ("• ", "▪ "). */
const bullet = /^[•◦▪▫‣⁃∙·●○■□►▸]\s+\S/u
/**
 * A dash, an asterisk or a number that may open an item of a list ("- ", "* ", "1. ", "2) "); prose
 * wrapped at a dash or a figure may start a line with one too ("(Reuters)" / "- Firefighters…").
 */
const listMark = /^(?:[-–*+]|(\d{1,3})[.)])\s+\S/u

/** Whether a text shows nothing: only white space, controls, and zero-width and other format characters. */
export function isBlank(text: string): boolean {
  return !visibleCharacter.test(text)
}

/**
 * Split raw text into paragraphs. Scraped text comes one paragraph per line, as hard-wrapped
 * blocks separated by blank lines, or, pasted together, both; lines are joined only where the
 * text shows a wrap: a line that stops mid-sentence and goes on in lower case, or, in text that
 * is hard-wrapped, any line of a wrapped block but a short one that ends no sentence (a headline,
 * a subhead). An item of a list is never joined to the line before it.
 */
export function splitParagraphs(text: string): RawParagraph[] {
  const blocks = readBlocks(text)
  const width = hardWrapWidth(blocks)
  // Each paragraph's lines, joined once it is whole. Why not join as they come: testing the end of
  // a string grown line by line flattens it each time, and 80,000 lines of "a" took 4 s.
  const paragraphs: Array<{ lines: string[]; line: number; column: number }> = []
  for (const block of blocks) {
    const inWrappedBlock = width !== undefined && blockWidth(block) !== undefined
    for (const [index, line] of block.entries()) {
      const text = line.text.replace(/\s+/g, ' ')
      const previous = paragraphs[paragraphs.length - 1]
      const before = block[index - 1]
      // A scrape often keeps one copy of its text wrapped and the other not, and the halves of a
      // wrapped paragraph were never found to repeat the whole one. (A paragraph ends as its last line does.)
      const joins =
        before !== undefined &&
        previous !== undefined &&
        !line.opensItem &&
        ((!sentenceEnd.test(previous.lines[previous.lines.length - 1]!) && continuesLine.test(text)) || (inWrappedBlock && !standsApart(before.text, text, width)))
      if (joins) previous.lines.push(text)
      else paragraphs.push({ lines: [text], line: line.line, column: line.column })
    }
  }
  return paragraphs.map((paragraph) => ({ text: paragraph.lines.join(' '), line: paragraph.line, column: paragraph.column }))
}

/** The text's lines in blocks, separated by lines that show nothing. */
function readBlocks(text: string): Line[][] {
  const blocks: Line[][] = []
  let current: Line[] = []
  // The block's last item so far: looked back for at every line, it made a block of many lines quadratic.
  let lastItem: Line | undefined
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((raw, index) => {
    const trimmed = raw.trim()
    if (isBlank(trimmed)) {
      if (current.length > 0) blocks.push(current)
      current = []
      lastItem = undefined
      return
    }
    const line = { text: trimmed, line: index + 1, column: raw.length - raw.trimStart().length + 1, opensItem: opensItem(trimmed, current[current.length - 1], lastItem) }
    current.push(line)
    if (line.opensItem) lastItem = line
  })
  if (current.length > 0) blocks.push(current)
  return blocks
}

/**
 * Whether a line opens an item of a list: after a bullet; after a dash or a number ("1.") when it
 * starts its block, follows a line that ends a sentence or a colon, or goes on a list of the same
 * marks ("2." after "1."): `previous` is the line before it in its block, `item` the block's last item so far.
 */
function opensItem(line: string, previous: Line | undefined, item: Line | undefined): boolean {
  if (bullet.test(line)) return true
  const mark = listMark.exec(line)
  if (!mark) return false
  if (!previous || closesSentence.test(previous.text)) return true
  const number = mark[1]
  if (!item) return false
  return number === undefined ? item.text[0] === line[0] : listMark.exec(item.text)?.[1] === String(Number(number) - 1)
}

/** The width a block of several lines may be wrapped at: its longest line, when that is a width text is wrapped at. */
function blockWidth(block: readonly Line[]): number | undefined {
  if (block.length < 2) return undefined
  // Not `Math.max(...lengths)`: a block of 200,000 lines overflowed the stack with its arguments.
  let longest = 0
  for (const line of block) longest = Math.max(longest, line.text.length)
  return longest >= wrapWidths.min && longest <= wrapWidths.max ? longest : undefined
}

/**
 * The width text is hard-wrapped at, when it is: hard-wrapped prose breaks lines mid-sentence,
 * each as full as the width allows, while in text of a paragraph per line the lines that fill
 * their block's width end sentences. Decided on the whole text, since a short block says little.
 */
function hardWrapWidth(blocks: ReadonlyArray<readonly Line[]>): number | undefined {
  let width = 0
  let filled = 0
  let ending = 0
  for (const block of blocks) {
    const wrappedAt = blockWidth(block)
    if (wrappedAt === undefined) continue
    width = Math.max(width, wrappedAt)
    for (let index = 0; index < block.length - 1; index++) {
      const line = block[index]!.text
      const next = block[index + 1]!
      if (next.opensItem || !fills(line, next.text, wrappedAt)) continue
      filled++
      if (sentenceEnd.test(line)) ending++
    }
  }
  return filled >= 2 && ending / filled < 0.5 ? width : undefined
}

/**
 * Whether a line was broken because the next word would not fit: wrapped at the width of its
 * block's longest line, or any wider, the line and that word are longer.
 */
function fills(line: string, next: string, width: number): boolean {
  return line.length + 1 + firstWordLength(next) > width
}

/**
 * Whether a line of hard-wrapped text ends where its writer broke it, not where it wrapped: it
 * ends no sentence and is well short of the width, as a headline, a subhead or a byline is. A
 * line that ends a sentence is wrapped all the same, since text wrapped by hand is ragged.
 */
function standsApart(line: string, next: string, width: number): boolean {
  return !sentenceEnd.test(line) && line.length + 1 + firstWordLength(next) <= width * 0.75
}

/** The length of a line's first word. */
function firstWordLength(line: string): number {
  return line.search(/\s|$/)
}
