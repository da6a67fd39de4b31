import { createHash } from 'node:crypto'
import type { Root as HastRoot } from 'hast'
import type { ResolvedConfig } from './config.js'
import { dedupeArticle } from './dedupe.js'
import { formatLabel, resolveLabels } from './labels.js'
import { recordMessages } from './messages.js'
import { parseArticle } from './parse.js'
import { renderArticle, type RenderOptions } from './render.js'
import { searchTerms } from './search-index.js'
import { storyFeatures } from './story/same-story.js'
import type { ArticleSummary, MessageRecord, Source, StoryRecord } from './types.js'

/** What the article stage makes of one content file. */
export interface ProcessedArticle {
  readonly path: string
  readonly messages: MessageRecord[]
  readonly summary?: ArticleSummary
  readonly body?: HastRoot
  readonly story?: StoryRecord
}

/**
 * The content address of a content file: the same bytes at the same path, read with the same
 * settings by the same Gazette, always give the same article.
 */
export function articleKey(source: Source, config: ResolvedConfig, version: string): string {
  // The base path too, and the words of the language: the body points images beside the article
  // at their copies under the one, and words the links that stand in for videos in the other.
  return createHash('sha256').update(`${version}\0${config.timezone}\0${config.basePath}\0${config.language}\0${JSON.stringify(config.labels)}\0${source.path}\0`).update(source.bytes).digest('hex').slice(0, 32)
}

/**
 * Parse, dedupe and render one content file. Returns its summary for planning, its sanitized
 * body tree for its page, what story detection compares, and its messages; a file with errors
 * has no summary.
 */
export function processArticle(source: Source, config: ResolvedConfig, key: string): ProcessedArticle {
  const { file, article } = parseArticle(source, config)
  if (!article) return { path: source.path, messages: recordMessages(file) }
  const deduped = dedupeArticle(article)
  const rendered = renderArticle(deduped, renderOptions(config))
  if (!rendered) return { path: source.path, messages: recordMessages(file) }
  const { file: _file, tree: _tree, body, text, ...fields } = rendered
  // Story detection reads the prose it always read (paragraphs, quotes, lists, headings), now as
  // rendered: ordinary Markdown clusters as before, and a body of raw HTML has prose at all.
  const features = storyFeatures({ title: fields.title, paragraphs: text.flatMap((block) => (block.prose ? [block.text] : [])) })
  const summary: ArticleSummary = {
    ...fields,
    key,
    explicitSlug: file.data.explicitSlug === true,
    slugPlace: file.data.slugPlace as { line: number; column: number } | undefined
  }
  return { path: source.path, messages: recordMessages(file), summary, body, story: { ...features, search: searchTerms(fields, text.map((block) => block.text)) } }
}

const optionsByConfig = new WeakMap<ResolvedConfig, RenderOptions>()

/** How a site's bodies are rendered: made once per config, since the renderer keeps a processor for each. */
function renderOptions(config: ResolvedConfig): RenderOptions {
  let options = optionsByConfig.get(config)
  if (!options) {
    const labels = resolveLabels(config.language, config.labels)
    optionsByConfig.set(config, (options = { basePath: config.basePath, label: (name, values) => formatLabel(labels[name], config.language, values) }))
  }
  return options
}
