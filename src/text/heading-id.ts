/**
 * A heading's id written after its text, as Hugo, Pandoc and kramdown read it:
 * `## Timeline of events {#timeline}`. Only an id: classes and other attributes are not kept.
 * What `/[ \t]*\{#([^\s{}#]+)\}[ \t]*$/u` finds.
 */
const idCharacters = /^[^\s{}#]+$/u

/**
 * A heading's text without the id written after it, and the id (`{#timeline}` gives
 * `timeline`); undefined when the text ends with none.
 */
export function splitHeadingId(text: string): { text: string; id: string } | undefined {
  // By hand, from the end: the expression tried a run of spaces from each of them, and a heading
  // of 80,000 spaces before "{#a}x}" took 10 s.
  let end = text.length
  while (end > 0 && isSpaceOrTab(text.charCodeAt(end - 1))) end--
  if (text[end - 1] !== '}') return undefined
  const open = text.lastIndexOf('{', end - 2)
  if (open === -1 || text[open + 1] !== '#') return undefined
  const id = text.slice(open + 2, end - 1)
  if (!idCharacters.test(id)) return undefined
  let start = open
  while (start > 0 && isSpaceOrTab(text.charCodeAt(start - 1))) start--
  return { text: text.slice(0, start), id }
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09
}
