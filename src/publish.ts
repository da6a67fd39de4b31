import { info } from './diagnostics.js'
import type { DedupedArticle } from './types.js'

/** Which unpublished articles to build anyway. */
export interface PublishOptions {
  /** Build articles marked `draft: true`. Default false. */
  readonly drafts?: boolean
  /** Build articles dated after `now`. Default false. */
  readonly future?: boolean
  readonly now: Date
}

/** Keep the articles that are published: not drafts and not dated in the future, unless asked. */
export function selectPublished<T extends DedupedArticle>(articles: readonly T[], options: PublishOptions): { published: T[]; skipped: T[] } {
  const published: T[] = []
  const skipped: T[] = []
  for (const article of articles) {
    if (article.draft && !options.drafts) {
      info(article.file, 'article-skipped', 'Not published: it is a draft. Build with --drafts to include it.')
      skipped.push(article)
    } else if (new Date(article.date) > options.now && !options.future) {
      info(article.file, 'article-skipped', `Not published: it is dated ${article.date}, in the future. Build with --future to include it.`)
      skipped.push(article)
    } else {
      published.push(article)
    }
  }
  return { published, skipped }
}
