// @ts-check
/**
 * The page shell every template wraps its content in: head with meta data, feeds and styles,
 * a skip link, header, main landmark and footer.
 * @param {import('../src/templates.js').TemplateContext} ctx
 * @param {import('../src/templates.js').LayoutProps} props
 */
/** Languages written right to left (Arabic, Hebrew, Persian, Urdu, …), by their BCP 47 tags: their pages get `dir="rtl"`. */
const rightToLeft = /^(?:ar|arc|ckb|dv|fa|he|iw|ks|ku-arab|pa-arab|ps|sd|syr|ug|ur|yi)(?:-|$)/i

export default function layout(ctx, props) {
  const { h, site } = ctx
  const title = props.title === site.title ? site.title : `${props.title} · ${site.title}`
  const canonical = ctx.absoluteUrl(props.route)
  const description = props.description || site.description
  return h(null, [
    { type: 'doctype' },
    h('html', { lang: props.language || site.language, dir: rightToLeft.test(props.language || site.language) ? 'rtl' : undefined }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('meta', { httpEquiv: 'Content-Security-Policy', content: ctx.contentSecurityPolicy(props.scripts ?? []) }),
        h('meta', { name: 'referrer', content: 'strict-origin-when-cross-origin' }),
        h('title', title),
        h('meta', { name: 'description', content: description }),
        // A page kept out of search engines (the 404 page) names no canonical address of its own.
        ...(props.noindex ? [] : [h('link', { rel: 'canonical', href: canonical })]),
        h('link', { rel: 'icon', href: ctx.assets.favicon, type: 'image/svg+xml' }),
        h('link', { rel: 'stylesheet', href: ctx.assets.stylesheet }),
        h('link', { rel: 'alternate', type: 'application/atom+xml', title: `${site.title} (Atom)`, href: ctx.url('feed.xml') }),
        h('link', { rel: 'alternate', type: 'application/rss+xml', title: `${site.title} (RSS)`, href: ctx.url('rss.xml') }),
        h('link', { rel: 'alternate', type: 'application/feed+json', title: `${site.title} (JSON Feed)`, href: ctx.url('feed.json') }),
        h('meta', { property: 'og:site_name', content: site.title }),
        h('meta', { property: 'og:type', content: props.type === 'article' ? 'article' : 'website' }),
        h('meta', { property: 'og:title', content: props.title }),
        h('meta', { property: 'og:description', content: description }),
        ...(props.noindex ? [] : [h('meta', { property: 'og:url', content: canonical })]),
        h('meta', { property: 'og:locale', content: openGraphLocale(props.language || site.language) }),
        h('meta', { name: 'twitter:card', content: 'summary' }),
        h('meta', { name: 'twitter:title', content: props.title }),
        h('meta', { name: 'twitter:description', content: description }),
        ...(props.head ?? []),
        ...(props.noindex ? [h('meta', { name: 'robots', content: 'noindex' })] : [])
      ]),
      h('body', [
        h('a.skip-link', { href: '#main' }, ctx.label('skipToContent')),
        h('header.site-header', [
          h('div.wrap', [
            h('a.site-title', { href: ctx.url('') }, site.title),
            h('nav', { 'aria-label': ctx.label('siteNavigation') }, [
              h('ul', [
                h('li', h('a', { href: ctx.url('') }, ctx.label('latest'))),
                h('li', h('a', { href: ctx.url('tags/') }, ctx.label('topics'))),
                h('li', h('a', { href: ctx.url('search/') }, ctx.label('search'))),
                h('li', h('a', { href: ctx.url('feed.xml') }, ctx.label('feed')))
              ])
            ])
          ])
        ]),
        h('main#main.wrap', { tabIndex: -1 }, props.children),
        h('footer.site-footer', [
          h('div.wrap', [
            h('p', [site.publisher ? `${site.publisher} · ` : '', `${ctx.label('builtWith')} `, h('a', { href: ctx.url('feed.xml') }, 'Atom'), ' · ', h('a', { href: ctx.url('rss.xml') }, 'RSS'), ' · ', h('a', { href: ctx.url('feed.json') }, 'JSON Feed')])
          ])
        ]),
        ...(props.scripts ?? []).map((src) => h('script', { src, type: 'module' }))
      ])
    ])
  ])
}

/**
 * A BCP 47 tag as Open Graph writes a locale, language and region: `zh-Hant-TW` is `zh_TW`,
 * `en-gb` is `en_GB`, and a tag without a region its language alone.
 * @param {string} language
 */
function openGraphLocale(language) {
  const [primary = 'en', ...rest] = language.split('-')
  const region = rest.find((subtag) => /^(?:[A-Za-z]{2}|\d{3})$/.test(subtag))
  return region ? `${primary.toLowerCase()}_${region.toUpperCase()}` : primary.toLowerCase()
}
