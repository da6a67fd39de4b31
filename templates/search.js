// @ts-check
/**
 * The search page: a search form whose script looks words up in the site's own index
 * (`search/index/`) and lists the articles that have them all. Without scripts it says so and
 * points to the topics.
 * @param {import('../src/templates.js').TemplateContext} ctx
 */
export default function search(ctx) {
  const { h, templates } = ctx
  return templates.layout(ctx, {
    title: 'Search',
    route: 'search/',
    scripts: [ctx.assets.searchScript],
    children: [
      h('h1.page-title', 'Search'),
      h('div#search', { 'data-index': ctx.url('search/index/'), 'data-base': ctx.url('') }, [
        h('form.search-form', { role: 'search', action: ctx.url('search/'), method: 'get', hidden: true }, [
          h('label', { for: 'search-input' }, 'Search the news'),
          h('div.search-row', [
            h('input#search-input', { type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false', enterKeyHint: 'search' }),
            h('button', { type: 'submit' }, 'Search')
          ])
        ]),
        h('p#search-status.search-status', { role: 'status' }),
        h('ol#search-results.search-results'),
        h('button#search-more.search-more', { type: 'button', hidden: true }, 'Show more results'),
        h('noscript', h('p', ['Search needs JavaScript. ', h('a', { href: ctx.url('tags/') }, 'Browse topics'), ' instead.']))
      ])
    ]
  })
}
