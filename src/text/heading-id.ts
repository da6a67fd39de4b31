/**
 * Attributes written after a heading's text, as Hugo, Pandoc and kramdown read them:
 * `## Timeline of events {#timeline}`, `{#timeline .wide data-x="1"}`, `{.wide}`, `{: #timeline}`.
 * Only the id is kept: classes and other attributes style another site, not this one.
 */
const idCharacters = /^[^\s{}#]+$/u

/** One attribute of a list, after white space: `#id`, `.class` or `key=value` (the value quoted or not). */
const attribute = /[ \t]*(?:#([^\s{}#]+)|\.[^\s{}#.="']+|[A-Za-z_:][\w:.-]*=(?:"[^"{}]*"|'[^'{}]*'|[^\s"'{}]+))/uy

/**
 * A heading's text without the attributes written after it, and their id (`{#timeline}` gives
 * `timeline`; `{.wide}` gives none); undefined when the text ends with no list of attributes.
 */
export function splitHeadingId(text: string): { text: string; id?: string } | undefined {
  // By hand, from the end: the expression tried a run of spaces from each of them, and a heading
  // of 80,000 spaces before "{#a}x}" took 10 s.
  let end = text.length
  while (end > 0 && isSpaceOrTab(text.charCodeAt(end - 1))) end--
  if (text[end - 1] !== '}') return undefined
  const open = text.lastIndexOf('{', end - 2)
  if (open === -1) return undefined
  const list = readAttributes(text.slice(open + 1, end - 1))
  if (!list) return undefined
  let start = open
  while (start > 0 && isSpaceOrTab(text.charCodeAt(start - 1))) start--
  return { text: text.slice(0, start), ...(list.id !== undefined ? { id: list.id } : {}) }
}

/**
 * The id of a kramdown attribute list standing alone on a line, `{: #timeline .wide}` (which gives
 * its id to the block before it), or `{:toc}`; undefined when the line is something else.
 */
export function readAttributeLine(line: string): { id?: string; toc: boolean } | undefined {
  const text = line.trim()
  if (!text.startsWith('{:') || !text.endsWith('}')) return undefined
  const inside = text.slice(2, -1)
  if (/^[ \t]*toc[ \t]*$/u.test(inside)) return { toc: true }
  const list = readAttributes(inside)
  return list && { ...list, toc: false }
}

/** What is between a list's braces as attributes, and the first id among them; undefined when it holds anything else. */
function readAttributes(inside: string): { id?: string } | undefined {
  // kramdown opens its lists with a colon: `{: #id}`.
  let at = inside.startsWith(':') ? 1 : 0
  let id: string | undefined
  let count = 0
  while (at < inside.length) {
    attribute.lastIndex = at
    const match = attribute.exec(inside)
    if (!match) break
    id ??= match[1]
    at = attribute.lastIndex
    count++
  }
  if (count === 0 || inside.slice(at).trim() !== '') return undefined
  if (id !== undefined && !idCharacters.test(id)) return undefined
  return id !== undefined ? { id } : {}
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09
}
