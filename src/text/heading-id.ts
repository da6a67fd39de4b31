/**
 * A heading's id written after its text, as Hugo, Pandoc and kramdown read it:
 * `## Timeline of events {#timeline}`. Only an id: classes and other attributes are not kept.
 */
const headingAttribute = /[ \t]*\{#([^\s{}#]+)\}[ \t]*$/u

/**
 * A heading's text without the id written after it, and the id (`{#timeline}` gives
 * `timeline`); undefined when the text ends with none.
 */
export function splitHeadingId(text: string): { text: string; id: string } | undefined {
  // Most headings end otherwise: a look at the last character spares the expression.
  if (!text.endsWith('}') && !/\}[ \t]*$/u.test(text)) return undefined
  const found = headingAttribute.exec(text)
  return found ? { text: text.slice(0, found.index), id: found[1]! } : undefined
}
