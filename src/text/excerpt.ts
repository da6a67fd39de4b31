/**
 * The most characters of a paragraph that lists, page descriptions, feeds and ingested summaries
 * show. A scraped article often arrives as one paragraph: shown whole, one article put megabytes
 * into every listing page, into three description tags of its own page and into each feed.
 */
export const excerptLength = 400

/**
 * The text on one line, whole when it fits in `max` characters, else cut at the last word before
 * `max` (mid-word only when the first half holds no space), without trailing punctuation, with "…".
 */
export function excerpt(text: string, max = excerptLength): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  // Never half a character: a surrogate pair (an emoji, a rare Chinese character) is kept whole or left out.
  const end = isHighSurrogate(clean.charCodeAt(max - 1)) ? max - 1 : max
  const cut = clean.slice(0, end)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
