// @ts-check
/** The most sources "Also reported by" lists open; more are folded behind a line (see below). */
const LISTED_SOURCES = 10

/**
 * An article's own page: an h-entry with headline, date, source, topics, the body as
 * `e-content`, what the pipeline did to it, other reports of the same story and related stories.
 * @param {import('../src/templates.js').TemplateContext} ctx
 * @param {import('../src/templates.js').ArticleProps} props
 */
export default function article(ctx, { article, body, jsonLd, related = [], alsoReported = [] }) {
  const { h, templates } = ctx
  const p = article.provenance
  const repeats = p.repeatsRemoved + article.removed
  const changes = [
    ...(repeats > 0 ? [ctx.label('repeatsRemoved', { count: repeats })] : []),
    ...(p.boilerplateRemoved.length > 0 ? [ctx.label('trailersRemoved', { count: p.boilerplateRemoved.length })] : []),
    ...(alsoReported.length > 0 ? [ctx.label('copiesMerged', { count: alsoReported.length })] : [])
  ]
  // Each name once, linked to its earliest report (the copies come earliest first): a source that
  // sent one wire story a hundred times was listed a hundred times, 2,900 names for 30 sources.
  const named = new Set()
  const reporters = alsoReported.filter((copy) => {
    const key = copy.name.normalize('NFC').toLowerCase()
    if (named.has(key)) return false
    named.add(key)
    return true
  })
  // Up to ten sources are listed; of more, the first eight, and the rest under "12 more sources".
  const shownReporters = reporters.length > LISTED_SOURCES ? reporters.slice(0, LISTED_SOURCES - 2) : reporters
  const foldedReporters = reporters.slice(shownReporters.length)
  /** @param {{ name: string, route?: string, url?: string }} copy */
  const reporter = (copy) => h('li', copy.route ? h('a', { href: ctx.url(copy.route) }, copy.name) : copy.url ? h('a', { href: copy.url, rel: 'external nofollow noopener' }, copy.name) : copy.name)
  return templates.layout(ctx, {
    title: article.title,
    description: article.summary ?? article.lede,
    route: article.route,
    type: 'article',
    head: [
      h('meta', { property: 'article:published_time', content: article.date }),
      ...(article.updated ? [h('meta', { property: 'article:modified_time', content: article.updated })] : []),
      ...article.tagRefs.map((tag) => h('meta', { property: 'article:tag', content: tag.name })),
      h('script', { type: 'application/ld+json' }, jsonLd)
    ],
    children: [
      h('article.h-entry.article', [
        h('header.article-header', [
          h('h1.p-name', article.title),
          h('p.meta', [
            // A date written without a time shows its day alone; its datetime stays the instant.
            h('time.dt-published', { dateTime: article.date }, article.dateDay ? ctx.format.date(article.dateDay) : ctx.format.dateTime(article.date)),
            ...(article.updated ? [` · ${ctx.label('updated')} `, h('time.dt-updated', { dateTime: article.updated }, article.updatedDay ? ctx.format.date(article.updatedDay) : ctx.format.dateTime(article.updated))] : []),
            ...(article.byline ? [' · ', ...bylineOf(ctx, article.byline)] : []),
            ...(article.sourceRef
              ? [' · ', article.sourceUrl ? h('a.p-author.h-card.u-url', { href: article.sourceUrl, rel: 'external nofollow noopener' }, article.sourceRef.name) : h('a.p-author.h-card', { href: ctx.url(article.sourceRef.route) }, article.sourceRef.name)]
              : []),
            ...(article.words > 0 ? [' · ', h('span.reading-time', ctx.label('readingTime', { count: ctx.format.readingMinutes(article.words) }))] : [])
          ]),
          h('data.p-summary', { value: article.summary ?? article.lede }),
          h('a.u-url', { href: ctx.absoluteUrl(article.route), hidden: true }, ctx.label('permalink'))
        ]),
        h('div.e-content', body.children),
        h('footer.article-footer', [
          ...(article.tagRefs.length > 0
            ? [h('div.tags-line', [h('span', ctx.label('topicsList')), h('ul.tags', article.tagRefs.map((tag) => h('li', h('a.p-category', { href: ctx.url(tag.route), rel: 'tag' }, tag.name))))])]
            : []),
          ...(alsoReported.length > 0
            ? [
                h('section.also', { 'aria-labelledby': 'also-reported' }, [
                  h('h2#also-reported', ctx.label('alsoReportedBy')),
                  h('ul', shownReporters.map(reporter)),
                  // A story a wire sent everywhere: the rest behind one line a reader may open, not a column of names.
                  ...(foldedReporters.length > 0 ? [h('details.more-sources', [h('summary', ctx.label('moreSources', { count: foldedReporters.length })), h('ul', foldedReporters.map(reporter))])] : [])
                ])
              ]
            : []),
          ...(changes.length > 0
            ? [h('details.provenance', [h('summary', ctx.label('howCleaned')), h('ul', changes.map((change) => h('li', change)))])]
            : [])
        ])
      ]),
      ...(related.length > 0
        ? [h('aside.related', { 'aria-labelledby': 'related-title' }, [h('h2#related-title', ctx.label('relatedStories')), ...related.map((story) => templates.story(ctx, { article: story, headingLevel: 3 }))])]
        : [])
    ]
  })
}

/**
 * "By Jane Doe", worded by the `byline` label around the names as written (a leading "By" taken
 * off), the names marked up as the author's h-card, as nodes of the date line.
 * @param {import('../src/templates.js').TemplateContext} ctx
 * @param {string} byline
 */
function bylineOf(ctx, byline) {
  const { h } = ctx
  const names = byline.replace(/^by\s+/i, '')
  const [before, after = ''] = ctx.label('byline', { names: '\u0000' }).split('\u0000')
  return [before, h('span.p-author.h-card', names), ...(after ? [after] : [])]
}
