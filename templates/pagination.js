// @ts-check
/**
 * Links to newer and older pages and to each numbered page.
 * @param {import('../src/templates.js').TemplateContext} ctx
 * @param {import('../src/templates.js').Pagination} pagination
 */
export default function pagination(ctx, { page, routes }) {
  const { h } = ctx
  if (routes.length <= 1) return h(null, [])
  return h('nav.pagination', { 'aria-label': 'Pages' }, [
    h('ul', [
      ...(page > 1 ? [h('li', h('a', { href: ctx.url(routes[page - 2] ?? ''), rel: 'prev' }, 'Newer'))] : []),
      ...routes.map((route, index) =>
        h('li', index + 1 === page ? h('a', { href: ctx.url(route), 'aria-current': 'page' }, String(index + 1)) : h('a', { href: ctx.url(route) }, String(index + 1)))
      ),
      ...(page < routes.length ? [h('li', h('a', { href: ctx.url(routes[page] ?? ''), rel: 'next' }, 'Older'))] : [])
    ])
  ])
}
