// Loads Pagefind's interface into #search; the bundle path carries the site's base path.
const container = document.getElementById('search')
if (container) {
  const bundle = container.dataset.bundle
  const script = document.createElement('script')
  script.src = `${bundle}pagefind-ui.js`
  script.addEventListener('load', () => {
    // @ts-ignore: PagefindUI is a global set by the script above.
    // The index already holds site-absolute URLs (with the base path), so Pagefind must not
    // prefix them again with the base it derives from bundlePath ("/news/news/…").
    new PagefindUI({ element: '#search', bundlePath: bundle, baseUrl: '/', showSubResults: true, showImages: false, autofocus: true })
  })
  document.head.append(script)
}
