// @ts-check
/**
 * Links to newer and older pages, the first and last page, and the two pages either side of this
 * one; a gap is shown as "…". A digest of 50,000 articles has 2,500 pages: linking every one from
 * every page would make each page mostly links, and the site's size grow with the square of it.
 * @param {import('../src/templates.js').TemplateContext} ctx
 * @param {import('../src/templates.js').Pagination} pagination
 */
export default function pagination(ctx, { page, routes }) {
  const { h } = ctx
  if (routes.length <= 1) return h(null, [])
  /** @type {number[]} */
  const shown = []
  for (let number = 1; number <= routes.length; number++) {
    if (number === 1 || number === routes.length || Math.abs(number - page) <= 2) shown.push(number)
  }
  /** @type {import('hast').ElementContent[]} */
  const items = []
  shown.forEach((number, index) => {
    if (index > 0 && number - shown[index - 1] > 1) items.push(h('li.gap', '…'))
    const href = ctx.url(routes[number - 1] ?? '')
    items.push(h('li', number === page ? h('a', { href, 'aria-current': 'page' }, String(number)) : h('a', { href }, String(number))))
  })
  return h('nav.pagination', { 'aria-label': ctx.label('pages') }, [
    h('ul', [
      ...(page > 1 ? [h('li', h('a', { href: ctx.url(routes[page - 2] ?? ''), rel: 'prev' }, ctx.label('newer')))] : []),
      ...items,
      ...(page < routes.length ? [h('li', h('a', { href: ctx.url(routes[page] ?? ''), rel: 'next' }, ctx.label('older')))] : [])
    ])
  ])
}
