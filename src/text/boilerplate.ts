/** What stripping found: the paragraphs left and the trailers taken out. */
export interface BoilerplateResult<T> {
  readonly paragraphs: T[]
  readonly removed: string[]
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Remove scraped trailers: a paragraph that is only a trailer (in any case, with or without
 * closing punctuation), and a trailer glued to the end of the last paragraph. A glued trailer is
 * matched in its exact case and only after sentence punctuation or with no space at all, so
 * "… if you want to read more" stays whole.
 */
export function stripBoilerplate<T extends { text: string }>(paragraphs: readonly T[], trailers: readonly string[]): BoilerplateResult<T> {
  const removed: string[] = []
  const whole = new Set(trailers.map((trailer) => foldTrailer(trailer)))
  const kept = paragraphs.filter((paragraph) => {
    if (whole.has(foldTrailer(paragraph.text))) {
      removed.push(paragraph.text.trim())
      return false
    }
    return true
  })
  if (kept.length > 0 && trailers.length > 0) {
    const alternatives = [...trailers].sort((a, b) => b.length - a.length).map((trailer) => escapeRegExp(trailer.replace(/[:.]$/, '')))
    const glued = new RegExp(`(?:(?<=[\\p{Ll}\\p{N}.!?"'”’)\\]])|(?<=[.!?"'”’)]\\s+))(${alternatives.join('|')})[:.]?\\s*$`, 'u')
    for (;;) {
      const last = kept[kept.length - 1]!
      const match = glued.exec(last.text)
      if (!match || match.index === 0) break
      removed.push(match[1]!)
      kept[kept.length - 1] = { ...last, text: last.text.slice(0, match.index).trimEnd() }
    }
  }
  return { paragraphs: kept, removed }
}

function foldTrailer(text: string): string {
  return text.normalize('NFKC').trim().replace(/[\s:.…»›→]+$/u, '').replace(/\s+/g, ' ').toLowerCase()
}
