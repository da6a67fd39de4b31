import type { VFile } from 'vfile'
import { info } from './diagnostics.js'
import type { ArticleSummary } from './types.js'

/** Which unpublished articles to build anyway. */
export interface PublishOptions {
  /** Build articles marked `draft: true`. Default false. */
  readonly drafts?: boolean
  /** Build articles dated after `now`. Default false. */
  readonly future?: boolean
  readonly now: Date
  /** The content file of a path, to note on it why it was skipped. */
  readonly fileOf: (path: string) => VFile | undefined
}

/** When an article may be published: its date, or its publish date when that is later. */
export function publishedFrom(article: Pick<ArticleSummary, 'date' | 'publishDate'>): string {
  return article.publishDate ?? article.date
}

/** Keep the articles that are published: not drafts and not dated in the future, unless asked. */
export function selectPublished(articles: readonly ArticleSummary[], options: PublishOptions): { published: ArticleSummary[]; skipped: ArticleSummary[] } {
  const published: ArticleSummary[] = []
  const skipped: ArticleSummary[] = []
  for (const article of articles) {
    if (article.draft && !options.drafts) {
      const file = options.fileOf(article.path)
      if (file) info(file, 'article-skipped', 'Not published: it is a draft. Build with --drafts to include it.')
      skipped.push(article)
    } else if (new Date(publishedFrom(article)) > options.now && !options.future) {
      const file = options.fileOf(article.path)
      const when = article.publishDate === undefined ? `it is dated ${article.date}` : `it is to be published on ${article.publishDate}`
      if (file) info(file, 'article-skipped', `Not published: ${when}, in the future. Build with --future to include it.`)
      skipped.push(article)
    } else {
      published.push(article)
    }
  }
  return { published, skipped }
}
