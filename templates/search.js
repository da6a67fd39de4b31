// @ts-check
/**
 * The search page: a search form whose script looks words up in the site's own index
 * (`search/index/`) and lists the articles that have them all. Without scripts it says so and
 * points to the topics.
 * @param {import('../src/templates.js').TemplateContext} ctx
 * @param {import('../src/templates.js').SearchProps} [props]
 */
export default function search(ctx, { available } = { available: true }) {
  const { h, templates } = ctx
  const topics = h('a', { href: ctx.url('tags/') }, ctx.label('browseTopics'))
  // A site built without its index (`--no-search`) says so at once, with no form that cannot work.
  if (!available) {
    return templates.layout(ctx, {
      title: ctx.label('search'),
      route: 'search/',
      children: [h('h1.page-title', ctx.label('search')), h('p', withLink(ctx.label('searchOff', { link: '\u0000' }), topics))]
    })
  }
  return templates.layout(ctx, {
    title: ctx.label('search'),
    route: 'search/',
    scripts: [ctx.assets.searchScript],
    children: [
      h('h1.page-title', ctx.label('search')),
      h('div#search', { 'data-index': ctx.url('search/index/'), 'data-base': ctx.url(''), 'data-labels': JSON.stringify(searchLabels(ctx)) }, [
        // Shown from the first paint (the stylesheet hides it where scripts cannot run): un-hidden
        // by the script, it pushed the page down as it loaded.
        h('form.search-form', { role: 'search', action: ctx.url('search/'), method: 'get' }, [
          h('label', { for: 'search-input' }, ctx.label('searchTheNews')),
          h('div.search-row', [
            h('input#search-input', { type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false', enterKeyHint: 'search' }),
            h('button', { type: 'submit' }, ctx.label('search'))
          ])
        ]),
        h('p#search-status.search-status', { role: 'status' }),
        h('ol#search-results.search-results'),
        h('button#search-more.search-more', { type: 'button', hidden: true }, ctx.label('showMoreResults')),
        h('noscript', h('p', withLink(ctx.label('searchNeedsScript', { link: '\u0000' }), topics)))
      ])
    ]
  })
}

/**
 * The labels the search script words its messages with.
 * @param {import('../src/templates.js').TemplateContext} ctx
 */
function searchLabels(ctx) {
  const { searchUnavailable, noResults, results, resultsShown } = ctx.labels
  return { searchUnavailable, noResults, results, resultsShown }
}

/**
 * A label's text with the link where its `{link}` slot was (given as U+0000).
 * @param {string} text
 * @param {import('hast').Element} link
 */
function withLink(text, link) {
  const [before, after = ''] = text.split('\u0000')
  return [before, link, after]
}
