// @ts-check
/**
 * An article's own page: an h-entry with headline, date, source, topics, the body as
 * `e-content`, what the pipeline did to it, other reports of the same story and related stories.
 * @param {import('../src/templates.js').TemplateContext} ctx
 * @param {import('../src/templates.js').ArticleProps} props
 */
export default function article(ctx, { article, body, jsonLd, related = [], alsoReported = [] }) {
  const { h, templates } = ctx
  const p = article.provenance
  const changes = [
    ...(p.repeatsRemoved + article.removed > 0 ? [`${p.repeatsRemoved + article.removed} repeated paragraph${p.repeatsRemoved + article.removed === 1 ? '' : 's'} removed`] : []),
    ...(p.boilerplateRemoved.length > 0 ? [`${p.boilerplateRemoved.length} scraped trailer${p.boilerplateRemoved.length === 1 ? '' : 's'} removed (share links, “read more” and the like)`] : []),
    ...(alsoReported.length > 0 ? [`${alsoReported.length} other cop${alsoReported.length === 1 ? 'y' : 'ies'} of this story merged`] : [])
  ]
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
            h('time.dt-published', { dateTime: article.date }, ctx.format.dateTime(article.date)),
            ...(article.updated ? [' · Updated ', h('time.dt-updated', { dateTime: article.updated }, ctx.format.dateTime(article.updated))] : []),
            ...(article.byline ? [' · By ', h('span.p-author.h-card', article.byline.replace(/^by\s+/i, ''))] : []),
            ...(article.sourceRef
              ? [' · ', article.sourceUrl ? h('a.p-author.h-card.u-url', { href: article.sourceUrl, rel: 'external nofollow noopener' }, article.sourceRef.name) : h('a.p-author.h-card', { href: ctx.url(article.sourceRef.route) }, article.sourceRef.name)]
              : []),
            ...(article.words > 0 ? [' · ', h('span', `${ctx.format.readingTime(article.words)} read`)] : [])
          ]),
          h('data.p-summary', { value: article.summary ?? article.lede }),
          h('a.u-url', { href: ctx.absoluteUrl(article.route), hidden: true }, 'Permalink')
        ]),
        h('div.e-content', body.children),
        h('footer.article-footer', [
          ...(article.tagRefs.length > 0
            ? [h('div.tags-line', [h('span', 'Topics:'), h('ul.tags', article.tagRefs.map((tag) => h('li', h('a.p-category', { href: ctx.url(tag.route), rel: 'tag' }, tag.name))))])]
            : []),
          ...(alsoReported.length > 0
            ? [
                h('section.also', { 'aria-labelledby': 'also-reported' }, [
                  h('h2#also-reported', 'Also reported by'),
                  h('ul', alsoReported.map((copy) => h('li', copy.route ? h('a', { href: ctx.url(copy.route) }, copy.name) : copy.url ? h('a', { href: copy.url, rel: 'external nofollow noopener' }, copy.name) : copy.name)))
                ])
              ]
            : []),
          ...(changes.length > 0
            ? [h('details.provenance', [h('summary', 'How this article was cleaned'), h('ul', changes.map((change) => h('li', change)))])]
            : [])
        ])
      ]),
      ...(related.length > 0
        ? [h('aside.related', { 'aria-labelledby': 'related-title' }, [h('h2#related-title', 'Related stories'), ...related.map((story) => templates.story(ctx, { article: story, headingLevel: 3 }))])]
        : [])
    ]
  })
}
