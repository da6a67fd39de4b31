import type { Nodes, Paragraph, Root, RootContent } from 'mdast'

/** Characters that can start Markdown or GFM syntax anywhere in a line. */
const inlineSyntax = /[\\`*_[\]<>!&#|~@\t\x00-\x08\x0b-\x1f\x7f]|www\.|https?:|mailto:|xmpp:/i
/** Line starts that open a block: lists, setext underlines, breaks, ordered lists, indentation, a table's delimiter row (`:-`). */
const blockStart = /^(?:[-+=:]|\d{1,9}[.)](?:[ \t]|$)|[ \t])/
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
    children.push(...parseBlock(block.lines, block.line, block.offset, parse))
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
  if (!inlineSyntax.test(text) && !lines.some((each, index) => blockStart.test(each) || (index < lines.length - 1 && each.endsWith(' ')))) {
    const last = lines[lines.length - 1]!
    let kept = text.length
    while (text.charCodeAt(kept - 1) === 32) kept--
    const dropped = text.length - kept
    const start = { line, column: 1, offset }
    const end = { line: line + lines.length - 1, column: last.length + 1, offset: offset + text.length }
    const textEnd = { line: end.line, column: end.column - dropped, offset: end.offset - dropped }
    const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: text.slice(0, kept), position: { start, end: textEnd } }], position: { start: { ...start }, end } }
    return [paragraph]
  }
  const tree = parse(text)
  for (const child of tree.children) shift(child, line - 1, offset)
  return tree.children
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
