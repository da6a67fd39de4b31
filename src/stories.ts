import type { StoryLinks } from './pages.js'
import type { SitePlan } from './routes.js'

/** Link each article to other reports of its story and to related stories. */
export function linkStories(_plan: SitePlan): StoryLinks {
  return { alsoReported: new Map(), related: new Map() }
}
