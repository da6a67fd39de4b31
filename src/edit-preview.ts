import type { ResolvedConfig } from './config.js'
import { articleKey, processArticle } from './article-stage.js'
import { assetPages, createContext, renderArticlePage, type ArticlePageJob } from './pages.js'
import type { LoadedTemplates } from './templates.js'
import type { Page, Source } from './types.js'
import { version } from './version.js'

/** What the last build knew of the site that an edited article's page can be rendered against. */
export interface LastSite {
  readonly config: ResolvedConfig
  readonly templates: Pick<LoadedTemplates, 'templates' | 'assets'>
  /** The job of each published article's page, by content file path. */
  readonly articlePages: ReadonlyMap<string, ArticlePageJob>
}

/**
 * The page of one edited article, rendered in the last build's site: what the dev server shows at
 * once while the whole site is rebuilt. Undefined when the edit has errors, or moves the article
 * (a new date, slug, tags, source or draft state) or it was not published: only a whole build can
 * say where such an article goes and which pages list it.
 */
export function previewEditedArticle(source: Source, last: LastSite): Page | undefined {
  const job = last.articlePages.get(source.path)
  if (!job || source.kind !== 'markdown') return undefined
  const result = processArticle(source, last.config, articleKey(source, last.config, version))
  const edited = result.summary
  if (!edited || !result.body || result.messages.some((message) => message.fatal === true)) return undefined
  const before = job.article
  const moved = edited.date !== before.date || edited.slug !== before.slug || edited.draft !== before.draft || edited.publishDate !== before.publishDate || edited.source !== before.source || edited.tags.join('\n') !== before.tags.join('\n')
  if (moved) return undefined
  // The route, day and listing links stay the last build's: none of what decides them changed.
  const article = { ...edited, route: before.route, day: before.day, tagRefs: before.tagRefs, sourceRef: before.sourceRef }
  const ctx = createContext(last.config, last.templates.templates, assetPages(last.templates.assets).routes)
  return renderArticlePage(ctx, { ...job, article }, result.body)
}
