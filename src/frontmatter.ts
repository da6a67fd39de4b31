import { z } from 'zod'

const text = z.string().trim().min(1, 'must not be empty')

/** The frontmatter a content file may hold; every other key is reported and ignored. */
export const frontmatterSchema = z.object({
  /** Headline. Default: the first heading, or one derived from the lede. */
  title: text.max(300, 'must be at most 300 characters').optional(),
  /** ISO 8601 date or date-time; without an offset it is read in the site's time zone. Required. */
  date: z.string({
    // A date YAML read as a number (a timestamp, "date: 20240501") is there, just not a date.
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? 'is required: add a line such as "date: 2024-05-01" or "date: 2024-05-01T09:30:00Z"'
        : `is ${JSON.stringify(issue.input)}, which is not a date. Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, such as "date: 2024-05-01"`
  }),
  /** One-sentence summary. Default: the lede. */
  summary: text.max(2000).optional(),
  /** Topics; a single string is one tag. */
  tags: z.union([z.array(text.max(100)), text.max(100).transform((tag) => [tag])], { error: 'must be a list of words, such as "tags: [Politics, Rail]"' }).optional(),
  /** The page's path segment. Default: derived from the title. */
  slug: z.string().optional(),
  /** A draft is built only with --drafts. Default false. */
  draft: z.boolean({ error: 'must be true or false' }).optional(),
  /** Who reported the story (a name such as "Kyodo"). */
  source: text.max(200).optional(),
  /** Who wrote it, as the source page names them. */
  byline: text.max(200).optional(),
  /** Where the story was published first; http(s) only. */
  sourceUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
  /** Written by ingest: which seed this file came from and what was removed from it. */
  seed: z
    .object({
      file: z.string(),
      sha256: z.string(),
      generated: z.string().optional(),
      removed: z
        .object({
          repeated: z.number().int().min(0).optional(),
          boilerplate: z.array(z.string()).optional()
        })
        .optional()
    })
    .optional()
})

export type Frontmatter = z.output<typeof frontmatterSchema>
export const frontmatterKeys = new Set(Object.keys(frontmatterSchema.shape))
