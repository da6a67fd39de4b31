import type { Nodes, Paragraph, Root, RootContent } from 'mdast'

/**
 * Characters that can start Markdown or GFM syntax anywhere in a line. Why not "!", ">", "#", "|"
 * and every "&": news writes them as text ("Q&A", "AT&T", "#1", "wins!"), and each sent its
 * paragraph through the parser. An "&" is syntax only where a character reference may start
 * (`&amp;`, `&#38;`), "#" and "|" only at a line's start (see `blockStart`), ">" only at a line's
 * start or after "<", and "!" only before "[" (see `plainParagraph`).
 */
const inlineSyntax = /[\\`*_[\]<~@\t\x00-\x08\x0b-\x1f\x7f]|&(?:#|[A-Za-z0-9]+;)|www\.|https?:|mailto:|xmpp:/i
/** Line starts that open a block: lists, setext underlines, breaks, ordered lists, indentation, a heading, a table's delimiter row (`:-`, `|-`). */
const blockStart = /^(?:[-+=:#|]|\d{1,9}[.)](?:[ \t]|$)|[ \t])/
/**
 * Line starts of blocks that may run across a blank line (lists, quotes, fenced and indented
 * code, HTML blocks) or reach into other blocks (definitions, footnotes): a document holding
 * any of them is parsed whole.
 */
const spanningStart = /^(?:[ \t]|[-+*_>[<]|\d{1,9}[.)](?:[ \t]|$)|```|~~~)/m
const blank = /^[ \t]*$/

/**
 * Parse a Markdown document block by block: plain-prose paragraphs become trees directly, and
 * only blocks that hold syntax go through the parser. Most scraped articles are plain prose, and
 * the parser is most of a build's time. A document with any block that can run across a blank
 * line, or refer to another block, is parsed whole. The tree, positions included, is the one the
 * parser gives for the whole document (tests compare them).
 */
export function parseMarkdownFast(document: string, parse: (text: string) => Root): Root {
  if (spanningStart.test(document)) return parse(document)
  const children: RootContent[] = []
  const lines = document.split('\n')
  let offset = 0
  let block: { line: number; offset: number; lines: string[] } | undefined
  const close = () => {
    if (!block) return
    // One by one: a block of 200,000 headings spread as arguments overflowed the stack, which read as nesting too deep.
    for (const node of parseBlock(block.lines, block.line, block.offset, parse)) children.push(node)
    block = undefined
  }
  lines.forEach((text, index) => {
    if (blank.test(text)) close()
    else if (block) block.lines.push(text)
    else block = { line: index + 1, offset, lines: [text] }
    offset += text.length + 1
  })
  close()
  const lastLine = lines[lines.length - 1]!
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: lines.length, column: lastLine.length + 1, offset: document.length } } }
}

function parseBlock(lines: string[], line: number, offset: number, parse: (text: string) => Root): RootContent[] {
  const text = lines.join('\n')
  // A space ending a line inside the block is a line break (or is dropped before it); spaces ending the last line are only dropped.
  const plainLines = !lines.some((each, index) => blockStart.test(each) || (index < lines.length - 1 && each.endsWith(' ')))
  const paragraph = plainLines ? plainParagraph(text, line, offset) : undefined
  if (paragraph) return [paragraph]
  const tree = parse(text)
  for (const child of tree.children) shift(child, line - 1, offset)
  return tree.children
}

/**
 * A link whose text and address hold no syntax at all: `[text](https://example.org/a_b)`. Its
 * text is one line of plain prose; its address has no spaces, brackets, quotes, escapes or
 * character references, so the parser would take it as written.
 */
const simpleLink = /\[([^\n\[\]]+)\]\(([A-Za-z0-9._~:/?#=%+,;@!$_-]+)\)/g

/**
 * The paragraph the parser would make of a block of plain prose and simple links, or undefined
 * when the block holds anything else. Why links: news paragraphs link their sources, and the
 * parser reads a whole paragraph for its one link. In the benchmark's 10,000 articles, the 6 % of
 * paragraphs holding a link took 1.9 s of each worker thread's parsing, the other 94 % 0.1 s.
 */
function plainParagraph(text: string, line: number, offset: number): Paragraph | undefined {
  const at = pointsIn(text, line, offset)
  const children: Paragraph['children'] = []
  let from = 0
  const addText = (start: number, end: number): boolean => {
    const value = text.slice(start, end)
    // "!" before a link makes it an image.
    if (inlineSyntax.test(value) || (value.endsWith('!') && text[end] === '[')) return false
    if (value !== '') children.push({ type: 'text', value, position: { start: at(start), end: at(end) } })
    return true
  }
  for (const match of text.matchAll(simpleLink)) {
    const [whole, label, url] = match as unknown as [string, string, string]
    const start = match.index
    // A label that is a footnote call, or begins or ends with a space, is left to the parser.
    if (label.startsWith('^') || label.trim() !== label || inlineSyntax.test(label)) return undefined
    if (!addText(from, start)) return undefined
    const labelStart = start + 1
    children.push({ type: 'link', title: null, url, children: [{ type: 'text', value: label, position: { start: at(labelStart), end: at(labelStart + label.length) } }], position: { start: at(start), end: at(start + whole.length) } })
    from = start + whole.length
  }
  // Spaces ending the paragraph are dropped from its last text; a paragraph ending in a link and spaces is left to the parser.
  let kept = text.length
  while (text.charCodeAt(kept - 1) === 32) kept--
  if (from > 0 && kept === from && kept < text.length) return undefined
  if (!addText(from, kept)) return undefined
  if (children.length === 0) return undefined
  return { type: 'paragraph', children, position: { start: at(0), end: at(text.length) } }
}

/** The point (line, column, offset in the document) of each offset in a block that starts at `line` and `offset`. */
function pointsIn(text: string, line: number, offset: number): (index: number) => { line: number; column: number; offset: number } {
  const lineStarts = [0]
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1)
  return (index) => {
    let row = lineStarts.length - 1
    while (lineStarts[row]! > index) row--
    return { line: line + row, column: index - lineStarts[row]! + 1, offset: offset + index }
  }
}

function shift(node: Nodes, lines: number, offset: number): void {
  const stack: Nodes[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()!
    const position = current.position
    if (position) {
      position.start = { line: position.start.line + lines, column: position.start.column, offset: (position.start.offset ?? 0) + offset }
      position.end = { line: position.end.line + lines, column: position.end.column, offset: (position.end.offset ?? 0) + offset }
    }
    if ('children' in current) for (const child of current.children) stack.push(child)
  }
}
