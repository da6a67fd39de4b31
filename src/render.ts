import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast'
import { toString as mdastToString } from 'mdast-util-to-string'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import rehypeSlug from 'rehype-slug'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { error } from './diagnostics.js'
import { excerpt } from './text/excerpt.js'
import { wordCount } from './text/words.js'
import type { DedupedArticle, RenderedArticle } from './types.js'

/** Prefix of every id that comes from article text, so none can clash with the page's own ids. */
export const userIdPrefix = 'user-content-'

/**
 * Deepest element nesting rendered. Raw HTML can nest far deeper than Markdown; refusing it here
 * keeps the sanitizer, the templates, the feeds and the serializer (all recursive) well inside
 * the stack, whatever the input.
 */
export const maxElementDepth = 256

/**
 * The allow-list: GitHub's, without `data:` images and with only http(s), mailto and relative
 * links. Everything else (scripts, event handlers, forms, frames, SVG and MathML) is dropped.
 */
const schema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: userIdPrefix,
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['http', 'https'], cite: ['http', 'https'] },
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => !['input'].includes(name))
}

const toHast = unified().use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' }).freeze()
const withRaw = unified().use(rehypeRaw).freeze()
const clean = unified().use(rehypeSanitize, schema).use(rehypeSlug, { prefix: userIdPrefix }).freeze()

/**
 * Render an article's Markdown tree to a sanitized HTML tree. Raw HTML in Markdown is parsed and
 * then filtered like everything else; links to `#fragment` are pointed at the prefixed ids that
 * sanitizing gives headings and footnotes.
 */
export function renderArticle(article: DedupedArticle): RenderedArticle | undefined {
  const bodyStart = article.tree.children[0]?.position?.start ?? { line: 1, column: 1 }
  let body: HastRoot
  try {
    let tree = toHast.runSync(article.tree) as HastRoot
    if (hasRaw(article.tree)) tree = withRaw.runSync(tree) as HastRoot
    const deep = deepestElement(tree, maxElementDepth)
    if (deep) {
      const start = deep.position?.start
      error(article.file, 'markdown-too-deep', `The body nests HTML elements more than ${maxElementDepth} levels deep here. Flatten its HTML, lists or block quotes.`, { place: start ? { line: start.line, column: start.column } : bodyStart })
      return undefined
    }
    body = linkFragments(clean.runSync(tree) as HastRoot)
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause
    error(article.file, 'markdown-too-deep', 'The body nests too deeply to render. Flatten its HTML, lists or block quotes.', { place: bodyStart })
    return undefined
  }
  const firstParagraph = article.tree.children.find((node) => node.type === 'paragraph')
  const lede = firstParagraph ? excerpt(mdastToString(firstParagraph)) : ''
  const words = countWords(article.tree)
  return { ...article, body, lede, words }
}

/** Words in the text of a tree; block boundaries separate words ("Heading" and "The" are two). */
function countWords(tree: DedupedArticle['tree']): number {
  let words = 0
  const stack: Array<{ type: string; value?: unknown; children?: unknown[] }> = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (typeof node.value === 'string' && node.type !== 'html') words += wordCount(node.value)
    if (node.children) for (const child of node.children) stack.push(child as { type: string; value?: unknown; children?: unknown[] })
  }
  return words
}

/** The first element nested deeper than `limit`, found without recursion. */
function deepestElement(tree: HastRoot, limit: number): Element | undefined {
  const stack: Array<{ node: HastRoot | RootContent | ElementContent; depth: number }> = [{ node: tree, depth: 0 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!
    if (node.type === 'element' && depth > limit) return node
    if ('children' in node) for (const child of node.children) stack.push({ node: child, depth: node.type === 'element' ? depth + 1 : depth })
    if (node.type === 'element' && node.tagName === 'template' && node.content) stack.push({ node: node.content, depth: depth + 1 })
  }
  return undefined
}

function hasRaw(tree: DedupedArticle['tree']): boolean {
  const stack: Array<{ type: string; children?: unknown[] }> = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'html') return true
    if (node.children) for (const child of node.children) stack.push(child as { type: string; children?: unknown[] })
  }
  return false
}

/** Rewrite `href="#x"` to `#user-content-x` where only the prefixed id exists. */
function linkFragments(tree: HastRoot): HastRoot {
  const ids = new Set<string>()
  const anchors: Element[] = []
  const stack: Array<HastRoot | RootContent | ElementContent> = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'element') {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id)
      if (node.tagName === 'a' && typeof node.properties.href === 'string' && node.properties.href.startsWith('#')) anchors.push(node)
    }
    if ('children' in node) for (const child of node.children) stack.push(child)
  }
  for (const anchor of anchors) {
    let target: string
    try {
      target = decodeURIComponent(String(anchor.properties.href).slice(1))
    } catch {
      continue
    }
    if (!ids.has(target) && ids.has(userIdPrefix + target)) anchor.properties.href = `#${userIdPrefix}${target}`
  }
  return tree
}
