// @ts-check
/**
 * The page a static host shows for a missing path.
 * @param {import('../src/templates.js').TemplateContext} ctx
 */
export default function notFound(ctx) {
  const { h, templates } = ctx
  return templates.layout(ctx, {
    title: ctx.label('pageNotFound'),
    route: '404.html',
    noindex: true,
    children: [
      h('h1.page-title', ctx.label('pageNotFound')),
      h('p', ctx.label('notFoundText')),
      h('ul', [h('li', h('a', { href: ctx.url('') }, ctx.label('readLatestNews'))), h('li', h('a', { href: ctx.url('search/') }, ctx.label('searchTheStories'))), h('li', h('a', { href: ctx.url('tags/') }, ctx.label('browseTopics')))])
    ]
  })
}
