import { z } from 'zod'
import { englishLabels, labelSlots, type LabelName } from './labels.js'

/** Trailers that scrapers glue to articles, in the languages they most often come in; matched whole-line, or glued to the end of any paragraph. */
export const defaultBoilerplate = [
  'Source link',
  'Read more',
  'Read more:',
  'Read the full story',
  'Continue reading',
  'Advertisement',
  'ADVERTISEMENT',
  'Share this article',
  'Share this:',
  'Share on Facebook',
  'Share on Twitter',
  'Click here to subscribe',
  'Subscribe to our newsletter',
  'Sign up for our newsletter',
  'Follow us on Twitter',
  'Related Articles',
  'Related:',
  'Image source, Getty Images',
  'Scroll to continue with content',
  'Story continues below advertisement',
  'Mehr lesen',
  'Weiterlesen',
  'Lesen Sie auch',
  'Lire la suite',
  'Lire aussi',
  'Leer más',
  'Seguir leyendo',
  'Leia mais',
  'Leggi anche',
  'Continua a leggere',
  'Читайте также',
  'Читать далее',
  'Подробнее',
  'اقرأ أيضا',
  'اقرأ أيضاً',
  'اقرأ المزيد'
]

const timezone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}, 'must be an IANA time zone such as "UTC" or "Europe/Paris"')

const basePath = z
  .string()
  .regex(/^\/([A-Za-z0-9._~-]+\/)*$/, 'must start and end with "/" and hold only URL-safe path segments, such as "/news/"')
  .refine((value) => !value.split('/').some((segment) => segment === '.' || segment === '..'), 'must not contain "." or ".." segments')

const pluralCategories = ['zero', 'one', 'two', 'few', 'many', 'other'] as const

/** `labels`: a text for any label, or one text per plural category with `other` given. */
function labelsSchema() {
  const text = z.string().min(1, 'must not be empty')
  const plural = z.object({ zero: text.optional(), one: text.optional(), two: text.optional(), few: text.optional(), many: text.optional(), other: text }).strict()
  const shape = Object.fromEntries(
    (Object.keys(englishLabels) as LabelName[]).map((name) => [name, z.union([text, plural], { error: `must be a text, or an object of texts by plural category (${pluralCategories.join(', ')}) with "other" given` }).superRefine((label, context) => checkSlots(name, label, context)).optional()])
  )
  return z.object(shape as Record<LabelName, z.ZodOptional<z.ZodUnion<[typeof text, typeof plural]>>>).strict().default({})
}

/** Labels whose text must place a value: the link of the search page's notes. */
const requiredSlots: Partial<Record<LabelName, string>> = { searchNeedsScript: 'link', searchOff: 'link' }

/**
 * A label's `{name}` slots must be ones it is given (those of its English text): one it is not
 * would be shown as written. A link it must place cannot be left out.
 */
function checkSlots(name: LabelName, label: string | Readonly<Record<string, string | undefined>>, context: z.RefinementCtx): void {
  const english = englishLabels[name]
  const given = new Set((typeof english === 'string' ? [english] : Object.values(english)).flatMap((text) => labelSlots(text ?? '')))
  const texts = (typeof label === 'string' ? [label] : Object.values(label)).filter((text): text is string => text !== undefined)
  const unknown = [...new Set(texts.flatMap(labelSlots))].filter((slot) => !given.has(slot))
  const slots = [...given].map((slot) => `{${slot}}`).join(', ')
  if (unknown.length > 0) context.addIssue({ code: 'custom', message: `uses ${unknown.map((slot) => `{${slot}}`).join(', ')}, which it is never given; ${given.size > 0 ? `it may use ${slots}` : 'it takes no values'}` })
  const required = requiredSlots[name]
  if (required && texts.some((text) => !labelSlots(text).includes(required))) context.addIssue({ code: 'custom', message: `must hold {${required}}, where the ${required} goes` })
}

/** The config file schema: what a person writes in `gazette.config.json`; every key is optional. */
export const configSchema = z
  .object({
    /** Site title, shown in every page header and in feeds. Default "Gazette". */
    title: z.string().min(1).default('Gazette'),
    /** One-line description for feeds and meta tags. */
    description: z.string().default('A digest of the news.'),
    /** BCP 47 language tag of the site. Default "en". */
    language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "en-GB"').default('en'),
    /** Absolute origin used for feeds, sitemap and canonical links. Default "http://localhost:4173". */
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL such as "https://example.org"' })
      .default('http://localhost:4173')
      // Every absolute URL is this origin, then basePath, then a route: a path, query or fragment
      // here would be written into the middle of all of them.
      .refine((value) => {
        const url = new URL(value)
        return url.pathname === '/' && url.search === '' && url.hash === '' && !/[?#]/.test(value) && url.username === '' && url.password === ''
      }, 'must be the site\'s origin alone, such as "https://example.org": put a sub-path such as "/news/" in "basePath"')
      .transform((value) => new URL(value).origin),
    /** Sub-path the site is served under, such as "/news/". Default "/". */
    basePath: basePath.default('/'),
    /** IANA time zone whose days the digest is grouped by. Default "UTC". */
    timezone: timezone.default('UTC'),
    /** Publisher name for feeds and JSON-LD. Default: the title. */
    publisher: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined),
    /** Stories on the home page and on each numbered page. Default 20. */
    pageSize: z.number().int().min(1).max(1000).default(20),
    /** Items in each feed. Default 50. */
    feedSize: z.number().int().min(1).max(10000).default(50),
    /** Words around the news, replacing the built-in ones for the language (see `src/labels.ts`). */
    labels: labelsSchema(),
    ingest: z
      .object({
        /** Scraped trailers removed from raw seeds. Default: a built-in list (`Source link`, `Read more`, …). */
        boilerplate: z.array(z.string().min(1)).default(defaultBoilerplate),
        /** Extra trailers added to the default list. */
        extraBoilerplate: z.array(z.string().min(1)).default([])
      })
      .strict()
      .default({ boilerplate: defaultBoilerplate, extraBoilerplate: [] })
  })
  .strict()

/** What a person writes in the config file. */
export type UserConfig = z.input<typeof configSchema>
/** The validated config every stage receives. */
export type ResolvedConfig = Readonly<z.output<typeof configSchema>>

/** A config problem, naming the key that is wrong. */
export interface ConfigIssue {
  readonly key: string
  readonly message: string
}

/** Validate a parsed config object; returns the resolved config or the issues, each naming its key. */
export function resolveConfig(input: unknown): { config: ResolvedConfig } | { issues: ConfigIssue[] } {
  const result = configSchema.safeParse(input ?? {})
  if (result.success) return { config: Object.freeze(result.data) }
  return {
    issues: result.error.issues.map((issue) => ({
      key: issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? (issue.keys ?? []).join(', ') : '(root)',
      message: issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message
    }))
  }
}
