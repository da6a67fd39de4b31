/** What stripping found: the paragraphs left and the trailers taken out. */
export interface BoilerplateResult<T> {
  readonly paragraphs: T[]
  readonly removed: string[]
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Remove scraped trailers and junk: a paragraph that is only a trailer (in any case, with or
 * without closing punctuation) or a line of a scrape's known shapes, a trailer glued to the end
 * of any paragraph, and what ends a scraped story (a copyright line) at its end. A glued trailer
 * is matched in its exact case or in capitals, and only after sentence punctuation or with no
 * space at all, so "… if you want to read more" stays whole.
 */
export function stripBoilerplate<T extends { text: string }>(paragraphs: readonly T[], trailers: readonly string[]): BoilerplateResult<T> {
  const removed: string[] = []
  const whole = new Set(trailers.map((trailer) => foldTrailer(trailer)))
  const glued = gluedTrailer(trailers)
  const kept: T[] = []
  for (const paragraph of paragraphs) {
    // Each copy of a repeated body carries its own glued trailer, so every paragraph loses it.
    let text = paragraph.text
    for (let match = glued?.exec(text); match && match.index > 0; match = glued!.exec(text)) {
      removed.push(match[1]!)
      text = text.slice(0, match.index).trimEnd()
    }
    const line = text.trim()
    if (whole.has(foldTrailer(text)) || junkLines.some((shape) => shape.test(line))) removed.push(line)
    else kept.push(text === paragraph.text ? paragraph : { ...paragraph, text })
  }
  // What follows the story: a copyright line, and where the story first appeared.
  while (kept.length > 1 && endLines.some((shape) => shape.test(kept[kept.length - 1]!.text.trim()))) removed.push(kept.pop()!.text.trim())
  return { paragraphs: kept, removed }
}

/** A pattern for any of the trailers at the end of a paragraph, glued to it; undefined for none. */
function gluedTrailer(trailers: readonly string[]): RegExp | undefined {
  if (trailers.length === 0) return undefined
  const spellings = new Set(trailers.flatMap((trailer) => [trailer, trailer.toUpperCase()]).map((trailer) => trailer.replace(/[:.]$/, '')))
  const alternatives = [...spellings].sort((a, b) => b.length - a.length).map(escapeRegExp)
  return new RegExp(`(?:(?<=[\\p{Ll}\\p{N}.!?"'”’)\\]])|(?<=[.!?"'”’)]\\s+))(${alternatives.join('|')})[\\s:.…»›→]*$`, 'u')
}

/**
 * Lines a scrape carries besides the listed trailers, known by their shape wherever they stand,
 * each short: a photo credit ("Photo: AP"), a related story's link ("Related: Floods hit
 * northern Italy"), a newsletter's sign-up.
 */
const junkLines = [
  /^(?:photo|image|picture|video|graphic|illustration)s?(?:\s+credit)?\s*[:|]\s*\S.{0,60}$/iu,
  /^(?:related|read also|see also|also read|more on this story|recommended)(?:\s+(?:stories|story|articles|article|coverage|content|reading))?\s*:\s*\S.{0,100}$/iu,
  /^(?:sign up|subscribe)\b.{0,60}\bnewsletters?\b.{0,30}$/iu
]

/**
 * Lines that end a scraped story, taken out only from its end: a copyright line ("© 2026 Porto
 * News", "Copyright 2026 The Associated Press. All rights reserved.") and where the story first
 * appeared, named in a few words. "This story was first published in the Times and caused an
 * uproar" is news.
 */
const endLines = [
  /^(?:©|\(c\)\s|copyright\s+(?:©\s*|\(c\)\s*)?\d{4}\b).{0,120}$/iu,
  /^all rights reserved\.?$/iu,
  /^(?:this (?:article|story) (?:was )?(?:originally |first )?(?:appeared|published) (?:on|in)|originally published (?:on|in|by)) (?:[^\s.!?]+\s+){0,5}[^\s.!?]+\.?$/iu
]

function foldTrailer(text: string): string {
  return text.normalize('NFKC').trim().replace(/[\s:.…»›→]+$/u, '').replace(/\s+/g, ' ').toLowerCase()
}
