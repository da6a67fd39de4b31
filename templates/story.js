// @ts-check
/** The most topics a story in a list names; an article with more names the rest on its own page. */
const LISTED_TOPICS = 10

/**
 * One story in a list: headline link, time, source, lede, topics and reading time, marked up
 * as an h-entry without its content (only the article's own page carries `e-content`).
 * @param {import('../src/templates.js').TemplateContext} ctx
 * @param {import('../src/templates.js').StoryProps} props
 */
export default function story(ctx, { article, headingLevel = 3 }) {
  const { h } = ctx
  // Why a limit: a story is listed on the page of each of its topics, so one listed with all of
  // its topics there makes the site grow with their square (an article of 5,000 tags wrote 5,000
  // pages of 380 KB). The article's own page names them all; "+N" leads there.
  const shown = article.tagRefs.slice(0, LISTED_TOPICS)
  const more = article.tagRefs.length - shown.length
  return h('article.story.h-entry', [
    h(`h${headingLevel}.story-title`, h('a.u-url.p-name', { href: ctx.url(article.route) }, article.title)),
    h('p.meta', [
      h('time.dt-published', { dateTime: article.date }, article.dateDay ? ctx.format.date(article.dateDay) : ctx.format.dateTime(article.date)),
      ...(article.sourceRef ? [' · ', h('a.source', { href: ctx.url(article.sourceRef.route) }, article.sourceRef.name)] : []),
      // An article without words has no reading time to give.
      ...(article.words > 0 ? [' · ', h('span.reading-time', ctx.label('readingTime', { count: ctx.format.readingMinutes(article.words) }))] : [])
    ]),
    h('p.p-summary', article.summary ?? article.lede),
    ...(article.tagRefs.length > 0
      ? [
          // A list's aria-label is ignored by many screen readers; hidden text names it instead.
          h('div.story-tags', [
            h('span.sr-only', `${ctx.label('topicsList')} `),
            h('ul.tags', [
              ...shown.map((tag) => h('li', h('a', { href: ctx.url(tag.route), rel: 'tag' }, tag.name))),
              // Heard as "+20 Topics": the link's words say where it leads, and hold what it shows.
              ...(more > 0 ? [h('li', h('a', { href: ctx.url(article.route) }, [`+${ctx.format.number(more)}`, h('span.sr-only', ` ${ctx.label('topics')}`)]))] : [])
            ])
          ])
        ]
      : [])
  ])
}
