import { VFile } from 'vfile'
import { resolveConfig, type ResolvedConfig } from './config.js'
import { dedupeArticle } from './dedupe.js'
import { error, hasErrors } from './diagnostics.js'
import { renderDiscovery, renderFeeds } from './feeds.js'
import { ingestSeeds } from './ingest.js'
import type { RootContents, SourceStore } from './io/store.js'
import type { Writer } from './io/writer.js'
import { renderPages } from './pages.js'
import { parseArticle } from './parse.js'
import { selectPublished } from './publish.js'
import { renderArticle } from './render.js'
import { planSite } from './routes.js'
import { renderSearchIndex } from './search-index.js'
import { linkStories } from './stories.js'
import type { TemplateAssets, Templates } from './templates.js'

/** Everything a build needs; the store and writer are the only ways in and out. */
export interface BuildOptions {
  readonly store: SourceStore
  readonly writer: Writer
  readonly templates: { readonly templates: Templates; readonly assets: TemplateAssets }
  /** The instant that decides what is "future" and is stamped on new seeds. */
  readonly now: Date
  readonly drafts?: boolean
  readonly future?: boolean
  /** Publish the valid articles even when others have errors. Default false. */
  readonly keepGoing?: boolean
  /** Build the Pagefind index. Default true. */
  readonly search?: boolean
}

/** What a build did, for the summary and for `--json`. */
export interface BuildReport {
  readonly ok: boolean
  readonly files: VFile[]
  readonly written: boolean
  readonly pages: number
  readonly articles: number
  readonly repeatsRemoved: ReadonlyArray<{ path: string; count: number }>
  readonly skipped: ReadonlyArray<{ path: string; reason: string }>
  readonly ingested: readonly string[]
}

/** Build the site: read, ingest, parse, dedupe, publish, render, plan, write. */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const input = await options.store.read()
  const { config, files } = configFrom(input)
  if (!config) return report(files, false)
  const markdown = input.sources.filter((source) => source.kind === 'markdown')
  const parsed = markdown.map((source) => parseArticle(source, config))
  const seeds = input.sources.filter((source) => source.kind !== 'markdown')
  const ingested = ingestSeeds(seeds, parsed, markdown, { config, now: options.now })
  for (const write of ingested.writes) await options.store.writeSource(write.path, new TextDecoder().decode(write.bytes))
  const articles = ingested.content.flatMap((result) => (result.article ? [result.article] : []))
  const deduped = articles.map(dedupeArticle)
  const { published, skipped } = selectPublished(deduped, options)
  const rendered = published.flatMap((article) => renderArticle(article) ?? [])
  const { plan, files: planFiles } = planSite(rendered, config)
  const links = linkStories(plan)
  const pages = [...renderPages(plan, config, options.templates.templates, options.templates.assets, links), ...renderFeeds(plan, config), ...renderDiscovery(plan, config)]
  const searchPages = options.search === false ? [] : await renderSearchIndex(pages.filter((page) => plan.articles.some((a) => page.path === `${a.route}index.html`)), config.basePath)
  const allFiles = [...files, ...ingested.seedFiles, ...ingested.content.map((result) => result.file), ...planFiles]
  if (hasErrors(allFiles) && !options.keepGoing) {
    await options.writer.abort()
    return report(allFiles, false, { articles: plan.articles.length, skipped, ingested: ingested.writes.map((w) => w.path), deduped })
  }
  for (const page of [...pages, ...searchPages]) await options.writer.write(page)
  await options.writer.commit()
  return report(allFiles, true, { pages: pages.length + searchPages.length, articles: plan.articles.length, skipped, ingested: ingested.writes.map((w) => w.path), deduped })
}

function configFrom(input: RootContents): { config?: ResolvedConfig; files: VFile[] } {
  const files: VFile[] = []
  const byPath = new Map<string, VFile>()
  for (const problem of input.problems) {
    let file = byPath.get(problem.path)
    if (!file) byPath.set(problem.path, (file = new VFile({ path: problem.path })))
    error(file, problem.ruleId, problem.reason, { place: problem.place })
  }
  files.push(...byPath.values())
  const resolved = resolveConfig(input.config)
  if ('issues' in resolved) {
    const file = new VFile({ path: input.configPath })
    for (const issue of resolved.issues) error(file, 'config-invalid', `"${issue.key}" ${issue.message}. Fix this key in ${input.configPath}.`)
    return { files: [...files, file] }
  }
  if (files.some((file) => file.path === input.configPath)) return { files }
  return { config: resolved.config, files }
}

function report(
  files: VFile[],
  written: boolean,
  detail: { pages?: number; articles?: number; skipped?: ReadonlyArray<{ path: string; draft: boolean }>; ingested?: string[]; deduped?: ReadonlyArray<{ path: string; removed: number; provenance: { repeatsRemoved: number } }> } = {}
): BuildReport {
  return {
    ok: !hasErrors(files),
    files,
    written,
    pages: detail.pages ?? 0,
    articles: detail.articles ?? 0,
    repeatsRemoved: (detail.deduped ?? []).flatMap((a) => (a.removed + a.provenance.repeatsRemoved > 0 ? [{ path: a.path, count: a.removed + a.provenance.repeatsRemoved }] : [])),
    skipped: (detail.skipped ?? []).map((a) => ({ path: a.path, reason: a.draft ? 'draft' : 'future' })),
    ingested: detail.ingested ?? []
  }
}
