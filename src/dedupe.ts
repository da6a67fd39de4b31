import type { RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { info, pointer } from './diagnostics.js'
import { findRepeats } from './text/dedupe-paragraphs.js'
import type { Article, DedupedArticle } from './types.js'

/** Top-level blocks that scrapers repeat; headings and breaks may repeat on purpose. */
const comparable = new Set<RootContent['type']>(['paragraph', 'blockquote', 'list', 'table', 'code'])

/**
 * Remove repeated blocks from an article, keeping each first copy where it stands, and the
 * headline repeated as a paragraph over a repeated copy of the body. Each removal is reported at
 * the copy's position, with the first copy as its cause.
 */
export function dedupeArticle(article: Article): DedupedArticle {
  const blocks = article.tree.children
  const candidates = blocks.flatMap((node, index) => (comparable.has(node.type) ? [index] : []))
  const repeats = findRepeats(candidates.map((index) => blockText(blocks[index]!)), article.title)
  if (repeats.length === 0) return { ...article, removed: 0 }
  const removed = new Set<number>()
  for (const repeat of repeats) {
    const copy = blocks[candidates[repeat.index]!]!
    const original = blocks[candidates[repeat.original]!]!
    removed.add(candidates[repeat.index]!)
    // The headline's first copy is the title in the frontmatter, not a block to point at.
    const cause = repeat.kind !== 'title' && original.position ? pointer(article.file.path, 'first copy', original.position) : undefined
    const what = repeat.kind === 'title' ? 'the headline repeated over a copy of the body' : `a ${repeat.kind === 'near' ? 'nearly ' : ''}repeated ${copy.type === 'paragraph' ? 'paragraph' : 'block'}`
    info(article.file, 'repeat-removed', `Removed ${what}.`, { place: copy.position, cause })
  }
  return {
    ...article,
    tree: { ...article.tree, children: blocks.filter((_, index) => !removed.has(index)) },
    removed: removed.size
  }
}

function blockText(node: RootContent): string {
  // Code keeps its exact text; prose is compared as text.
  return node.type === 'code' ? `\u0000code ${node.value}` : toString(node)
}
