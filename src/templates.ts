import type { Element, ElementContent, Root } from 'hast'
import type { h } from 'hastscript'
import type { ResolvedConfig } from './config.js'
import type { LabelName, Labels } from './labels.js'
import type { Listing, RoutedArticle } from './routes.js'

/** What every template receives: the tree builder, the site and URL helpers. */
export interface TemplateContext {
  /** hastscript's `h`: templates build trees, and one serializer escapes them. */
  readonly h: typeof h
  readonly site: ResolvedConfig
  /** Site-relative route (`tags/`) to a URL under the base path (`/news/tags/`). */
  url(route: string): string
  /** Route to an absolute URL with the configured `baseUrl`. */
  absoluteUrl(route: string): string
  readonly assets: { readonly stylesheet: string; readonly favicon: string; readonly searchScript: string }
  readonly format: {
    /** "Jan 5, 2024, 9:30 AM": an instant's date and time in the site's time zone and language. */
    dateTime(iso: string): string
    /**
     * "Jan 5, 2024": a date without its time, for a date written without one (an article's
     * `dateDay`): the day a `YYYY-MM-DD` value names, or the day an instant falls on in the site's time zone.
     */
    date(value: string): string
    /** "Friday, January 5, 2024": a `YYYY-MM-DD` day in full, as a digest's day heading. */
    day(day: string): string
    /** "4 min": the reading time of this many words. */
    readingTime(words: number): string
    /** The reading time of this many words in whole minutes (at least 1), for the `readingTime` label. */
    readingMinutes(words: number): number
    /** "12,345": a count as the site's language groups its digits, in Latin digits, as labels write their numbers. */
    number(value: number): string
  }
  /**
   * A label's text in the site's language (see `src/labels.ts`), in the plural form `values.count`
   * takes, each `{name}` replaced by its value: `label('numberedPage', { title, page: 2 })`.
   */
  label(name: LabelName, values?: Readonly<Record<string, string | number>>): string
  /** Every label as configured, for a script that words its own messages (the search page). */
  readonly labels: Labels
  /** The Content-Security-Policy for a page that loads these scripts. */
  contentSecurityPolicy(scripts: readonly string[]): string
  readonly templates: Templates
}

export interface LayoutProps {
  readonly title: string
  readonly description?: string
  readonly route: string
  readonly type?: 'website' | 'article'
  readonly language?: string
  readonly head?: Element[]
  readonly scripts?: string[]
  readonly noindex?: boolean
  readonly children: Array<ElementContent | Root>
}

export interface StoryProps {
  readonly article: RoutedArticle
  readonly headingLevel?: number
}

export interface Pagination {
  readonly page: number
  readonly routes: readonly string[]
}

export interface DigestProps {
  readonly route: string
  readonly page: number
  readonly title?: string
  readonly description?: string
  readonly intro?: string
  readonly groups: ReadonlyArray<{ day: string; archiveRoute?: string; articles: readonly RoutedArticle[] }>
  readonly pagination?: Pagination
}

export interface AlsoReported {
  readonly name: string
  readonly route?: string
  readonly url?: string
}

export interface ArticleProps {
  readonly article: RoutedArticle
  /** The sanitized body tree. */
  readonly body: Root
  /** JSON-LD, already escaped so that no value can close its script element. */
  readonly jsonLd: string
  readonly related?: readonly RoutedArticle[]
  readonly alsoReported?: readonly AlsoReported[]
}

export interface SearchProps {
  /** Whether the site has a search index (not when built with `--no-search`). */
  readonly available: boolean
}

export interface IndexProps {
  readonly title: string
  readonly route: string
  readonly listings: ReadonlyArray<Pick<Listing, 'name' | 'route'> & { count: number }>
}

/** The templates a site is rendered with; a root's `templates/` folder may replace any of them. */
export interface Templates {
  layout(ctx: TemplateContext, props: LayoutProps): Root
  story(ctx: TemplateContext, props: StoryProps): Element
  pagination(ctx: TemplateContext, props: Pagination): Element | Root
  home(ctx: TemplateContext, props: DigestProps): Root
  article(ctx: TemplateContext, props: ArticleProps): Root
  topics(ctx: TemplateContext, props: IndexProps): Root
  notFound(ctx: TemplateContext): Root
  search(ctx: TemplateContext, props?: SearchProps): Root
}

/** Static files that come with the templates. */
export interface TemplateAssets {
  readonly stylesheet: Uint8Array
  readonly favicon: Uint8Array
  readonly searchScript: Uint8Array
}

/** Templates and assets as loaded, with a fingerprint of their code for cache keys. */
export interface LoadedTemplates {
  readonly templates: Templates
  readonly assets: TemplateAssets
  readonly fingerprint: string
}

/**
 * Templates a build loads only when it needs them, with a stamp of their files (and of Gazette's
 * own code) that changes whenever they may have; undefined when it cannot be taken.
 */
export interface TemplateSource {
  readonly stamp: string | undefined
  load(): Promise<LoadedTemplates>
}

/** Template names and the files that hold them. */
export const templateFiles: Record<keyof Templates, string> = {
  layout: 'layout.js',
  story: 'story.js',
  pagination: 'pagination.js',
  home: 'home.js',
  article: 'article.js',
  topics: 'topics.js',
  notFound: 'not-found.js',
  search: 'search.js'
}

export const assetFiles: Record<keyof TemplateAssets, string> = {
  stylesheet: 'style.css',
  favicon: 'favicon.svg',
  searchScript: 'search.client.js'
}
