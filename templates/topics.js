// @ts-check
/**
 * The index of topics or sources, each with its number of stories.
 * @param {import('../src/templates.js').TemplateContext} ctx
 * @param {import('../src/templates.js').IndexProps} props
 */
export default function topics(ctx, { title, route, listings }) {
  const { h, templates } = ctx
  return templates.layout(ctx, {
    title,
    route,
    children: [
      h('h1.page-title', title),
      listings.length === 0
        ? h('p', ctx.label('nothingHere'))
        : h('ul.topic-index', listings.map((listing) => h('li', [h('a', { href: ctx.url(listing.route) }, listing.name), ' ', h('span.count', `(${ctx.format.number(listing.count)})`)])))
    ]
  })
}
