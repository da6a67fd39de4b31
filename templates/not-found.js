// @ts-check
/**
 * The page a static host shows for a missing path.
 * @param {import('../src/templates.js').TemplateContext} ctx
 */
export default function notFound(ctx) {
  const { h, templates } = ctx
  return templates.layout(ctx, {
    title: 'Page not found',
    route: '404.html',
    noindex: true,
    children: [
      h('h1.page-title', 'Page not found'),
      h('p', 'There is no page at this address. It may have moved, or the link may be mistyped.'),
      h('ul', [h('li', h('a', { href: ctx.url('') }, 'Read the latest news')), h('li', h('a', { href: ctx.url('search/') }, 'Search the stories')), h('li', h('a', { href: ctx.url('tags/') }, 'Browse topics'))])
    ]
  })
}
