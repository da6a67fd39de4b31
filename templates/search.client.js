// Loads Pagefind's interface into #search; the data attributes carry the site's base path.
const container = document.getElementById('search')
if (container) {
  const bundle = container.dataset.bundle
  const script = document.createElement('script')
  script.src = `${bundle}pagefind-ui.js`
  script.addEventListener('load', () => {
    // @ts-ignore: PagefindUI is a global set by the script above.
    // The index holds URLs from the site root; Pagefind prefixes them with the base path.
    new PagefindUI({ element: '#search', bundlePath: bundle, baseUrl: container.dataset.base, showSubResults: true, showImages: false, autofocus: true })
  })
  document.head.append(script)
}
