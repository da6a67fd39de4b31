// @ts-check
/**
 * The search page: a form that works without scripts (it links to topics) and Pagefind's
 * interface where scripts run.
 * @param {import('../src/templates.js').TemplateContext} ctx
 */
export default function search(ctx) {
  const { h, templates } = ctx
  return templates.layout(ctx, {
    title: 'Search',
    route: 'search/',
    head: [h('link', { rel: 'stylesheet', href: ctx.url('pagefind/pagefind-ui.css') })],
    scripts: [ctx.assets.searchScript],
    children: [
      h('h1.page-title', 'Search'),
      h('div#search', { 'data-bundle': ctx.url('pagefind/'), 'data-base': ctx.url('') }, [h('noscript', h('p', ['Search needs JavaScript. ', h('a', { href: ctx.url('tags/') }, 'Browse topics'), ' instead.']))])
    ]
  })
}
