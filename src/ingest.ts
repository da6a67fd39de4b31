import { createHash } from 'node:crypto'
import { VFile } from 'vfile'
import { stringify } from 'yaml'
import type { SeedAnalysis } from './analyze-seed.js'
import type { ResolvedConfig } from './config.js'
import { info, warn } from './diagnostics.js'
import { restoreMessages } from './messages.js'
import { formatInstant, parseIsoDate } from './text/dates.js'
import { excerpt } from './text/excerpt.js'
import { contentHash } from './text/seed-record.js'
import { slugify } from './text/slug.js'
import type { ArticleSummary, Source } from './types.js'

/** What ingesting one seed produced. */
export interface IngestedSeed {
  readonly file: VFile
  /** A content file to write, when the seed is new or changed and its file was not edited by hand. */
  readonly write?: Source
}

/** What ingest needs to know besides the seed. */
export interface IngestContext {
  readonly config: ResolvedConfig
  /** The content file each seed was ingested into before, keyed by seed path. */
  readonly existing: ReadonlyMap<string, { path: string; article: Pick<ArticleSummary, 'title' | 'date' | 'slug'> }>
  /** Content paths already taken, so a new seed never overwrites another article's file. */
  readonly takenPaths: ReadonlySet<string>
  /** The instant stamped on newly ingested seeds. */
  readonly now: Date
}

/**
 * Turn a seed into a content file: take what the analysis found (its body already Markdown that
 * shows exactly as typed), give it a slug no other file has, and stamp the date once. A
 * re-ingested seed keeps its content file's title, date and slug.
 */
export function ingestSeed(source: Source, analysis: SeedAnalysis, sha256: string, context: IngestContext): IngestedSeed {
  const file = restoreMessages(source.path, analysis.messages)
  const found = analysis.article
  if (!found) return { file }
  const previous = context.existing.get(source.path)
  const previousFm = previous?.article
  const published = found.published ? parseIsoDate(found.published, context.config.timezone) : undefined
  const slug = previousFm?.slug ?? uniqueSlug(slugify(found.title) || slugify(source.path.replace(/^.*\/|\.[^.]+$/g, '')) || 'article', context.takenPaths)
  const frontmatter = {
    // What the seed's header states wins over what an earlier ingest chose; a guessed title and
    // the instant of ingest stay as first written, so a page's title and date do not drift.
    title: found.stated?.title ? found.title : (previousFm?.title ?? found.title),
    date: found.stated?.date && published ? formatInstant(published) : (previousFm?.date ?? formatInstant(published ?? new Date(Math.floor(context.now.getTime() / 1000) * 1000))),
    slug,
    summary: found.summary ?? excerpt(found.paragraphs[0]!),
    ...(found.tags.length > 0 ? { tags: [...found.tags] } : {}),
    ...(found.source ? { source: found.source } : {}),
    ...(found.byline ? { byline: found.byline } : {}),
    ...(found.sourceUrl ? { sourceUrl: found.sourceUrl } : {}),
    seed: {
      file: source.path,
      sha256,
      removed: { repeated: found.repeated, boilerplate: [...found.boilerplate] },
      generated: ''
    }
  }
  frontmatter.seed.generated = contentHash(renderContentFile(frontmatter, found.markdown))
  const contents = renderContentFile(frontmatter, found.markdown)
  const path = previous?.path ?? `content/${slug}.md`
  info(file, 'seed-ingested', `Ingested into ${path}.`)
  return { file, write: { path, kind: 'markdown', bytes: new TextEncoder().encode(contents) } }
}

function renderContentFile(frontmatter: object, body: string): string {
  return `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${body}`
}

/**
 * The number each slug was last given, by set of taken paths. Why: counting from 2 for each seed
 * made seeds of one title quadratic (5.3 s of 5,000 seeds titled alike). The paths taken only
 * grow while seeds are ingested, so every number below the last one given is still taken.
 */
const lastNumbers = new WeakMap<ReadonlySet<string>, Map<string, number>>()

function uniqueSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(`content/${slug}.md`)) return slug
  let numbers = lastNumbers.get(taken)
  if (!numbers) lastNumbers.set(taken, (numbers = new Map()))
  for (let n = numbers.get(slug) ?? 2; ; n++) {
    if (taken.has(`content/${slug}-${n}.md`)) continue
    numbers.set(slug, n)
    return `${slug}-${n}`
  }
}

/**
 * Ingest the seeds that are new or changed, against the summaries of the content files already
 * processed (by path; `takenPaths` holds every content file's path):
 * returns the seeds' files (for their messages) and the content files to write. A seed whose
 * content file a person edited is left alone, with a warning.
 */
export async function ingestSeeds(
  seeds: readonly Source[],
  summaries: ReadonlyMap<string, ArticleSummary>,
  analyze: (sources: readonly Source[], take: (analysis: SeedAnalysis) => void) => Promise<void>,
  context: Omit<IngestContext, 'existing'>
): Promise<{ seedFiles: VFile[]; writes: Source[] }> {
  const existing = new Map<string, { path: string; article: ArticleSummary }>()
  for (const [path, summary] of summaries) if (summary.provenance.seed) existing.set(summary.provenance.seed, { path, article: summary })
  const seedFiles: VFile[] = []
  const changed: Array<{ source: Source; sha256: string }> = []
  for (const seed of seeds) {
    const sha256 = createHash('sha256').update(seed.bytes).digest('hex')
    const previous = existing.get(seed.path)
    if (previous && previous.article.provenance.seedSha256 === sha256) continue
    if (previous?.article.provenance.handEdited) {
      const file = new VFile({ path: seed.path })
      warn(file, 'seed-edited', `${seed.path} changed, but ${previous.path} was edited by hand, so it was not overwritten. Delete ${previous.path} to ingest the seed again, or copy the changes into it.`)
      seedFiles.push(file)
      continue
    }
    changed.push({ source: seed, sha256 })
  }
  const taken = new Set(context.takenPaths)
  const writes: Source[] = []
  let index = 0
  // Each seed is ingested as its analysis comes, in order, while the threads analyse the next:
  // ingested after the last, they waited 0.8 s for 1,277 seeds.
  await analyze(
    changed.map((entry) => entry.source),
    (analysis) => {
      const { source, sha256 } = changed[index++]!
      const result = ingestSeed(source, analysis, sha256, { ...context, existing, takenPaths: taken })
      seedFiles.push(result.file)
      if (!result.write) return
      writes.push(result.write)
      taken.add(result.write.path)
    }
  )
  return { seedFiles, writes }
}
