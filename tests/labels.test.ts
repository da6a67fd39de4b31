import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../src/config.js'
import { memoryCache } from '../src/io/cache.js'
import { englishLabels, formatLabel, resolveLabels, type LabelName } from '../src/labels.js'
import { wording } from '../templates/search.client.js'
import { article, buildInMemory } from './helpers.js'

const slots = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))
const texts = (label: string | Record<string, string | undefined>) => (typeof label === 'string' ? [label] : Object.values(label).filter((text) => text !== undefined))
const builtInLanguages = ['de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'da', 'nb', 'pl', 'ar']

describe('labels', () => {
  it.each(builtInLanguages)('%s words every label, with no slot English lacks', (language) => {
    const labels = resolveLabels(language)
    for (const name of Object.keys(englishLabels) as LabelName[]) {
      const english = new Set(texts(englishLabels[name]).flatMap((text) => [...slots(text)]))
      for (const text of texts(labels[name])) {
        expect(text, `${language} ${name}`).not.toBe('')
        for (const slot of slots(text)) expect(english, `${language} ${name} {${slot}}`).toContain(slot)
      }
    }
    // Every label is the language's own, but words that many languages share with English.
    const shared = new Set<LabelName>(['permalink', 'feed', 'siteNavigation', 'videoLink', 'audioLink', 'sources', 'pages'])
    const english = (Object.keys(englishLabels) as LabelName[]).filter((name) => !shared.has(name) && JSON.stringify(labels[name]) === JSON.stringify(englishLabels[name]))
    expect(english).toEqual([])
  })

  it('takes a region or script subtag as its language, and falls back to English', () => {
    expect(resolveLabels('de-AT').latestNews).toBe('Neueste Nachrichten')
    expect(resolveLabels('no').latestNews).toBe('Siste nytt')
    expect(resolveLabels('fi').latestNews).toBe('Latest news')
    expect(resolveLabels('en-GB')).toEqual(englishLabels)
  })

  it("lets the config's labels replace any, label by label", () => {
    const labels = resolveLabels('de', { latestNews: 'Heute', readingTime: undefined })
    expect(labels.latestNews).toBe('Heute')
    expect(labels.readingTime).toBe('{count} Min. Lesezeit')
  })

  it("words a count in the plural form the language gives it", () => {
    const pl = resolveLabels('pl')
    expect(formatLabel(pl.repeatsRemoved, 'pl', { count: 1 })).toBe('Usunięto 1 powtórzony akapit')
    expect(formatLabel(pl.repeatsRemoved, 'pl', { count: 3 })).toBe('Usunięto 3 powtórzone akapity')
    expect(formatLabel(pl.repeatsRemoved, 'pl', { count: 5 })).toBe('Usunięto 5 powtórzonych akapitów')
    const ar = resolveLabels('ar')
    expect(formatLabel(ar.readingTime, 'ar', { count: 2 })).toBe('قراءة في دقيقتين')
    expect(formatLabel(ar.readingTime, 'ar', { count: 4 })).toBe('قراءة في 4 دقائق')
    expect(formatLabel(englishLabels.results, 'en', { count: 1, query: 'port' })).toBe('1 result for “port”.')
    expect(formatLabel(englishLabels.results, 'en', { count: 2, query: 'port' })).toBe('2 results for “port”.')
    // A slot without a value stays as written, so a mistake shows.
    expect(formatLabel('{title}: page {page}', 'en', { title: 'News' })).toBe('News: page {page}')
  })

  it('writes a number as the language groups its digits, in Latin digits', () => {
    expect(formatLabel(englishLabels.copiesMerged, 'en', { count: 3999 })).toBe('3,999 other copies of this story merged')
    expect(formatLabel(resolveLabels('de').copiesMerged, 'de', { count: 3999 })).toMatch(/^3\.999 /)
    expect(formatLabel(resolveLabels('fr').copiesMerged, 'fr', { count: 3999 })).toMatch(/^3\u202f999 /)
    expect(formatLabel(resolveLabels('ar').readingTime, 'ar', { count: 12 })).toBe('قراءة في 12 دقيقة')
    // A text is put in as it is, digits and all.
    expect(formatLabel('{title}: page {page}', 'en', { title: 'Year 2024', page: '1200' })).toBe('Year 2024: page 1200')
    const say = wording(JSON.stringify({ results: englishLabels.results }), 'en')
    expect(say('results', { count: 12345, query: 'port' })).toBe(formatLabel(englishLabels.results, 'en', { count: 12345, query: 'port' }))
    expect(say('results', { count: 12345, query: 'port' })).toBe('12,345 results for “port”.')
  })

  it("words the search page's messages as the page does", () => {
    const say = wording(JSON.stringify({ results: resolveLabels('pl').results, noResults: 'Brak wyników dla „{query}”.' }), 'pl')
    expect(say('results', { count: 22, query: 'port' })).toBe('22 wyniki dla „port”.')
    expect(say('results', { count: 25, query: 'port' })).toBe('25 wyników dla „port”.')
    expect(say('noResults', { query: 'port' })).toBe('Brak wyników dla „port”.')
    // Labels that cannot be read leave the script working, its messages named.
    expect(wording('{', 'en')('noResults')).toBe('noResults')
  })

  it.each([
    [{ labels: { latestNewz: 'Today' } }, 'labels', 'unknown key "latestNewz"'],
    [{ labels: { latestNews: '' } }, 'labels.latestNews', ''],
    [{ labels: { results: { one: '{count} hit' } } }, 'labels.results', 'with "other" given'],
    [{ labels: { results: { other: '{count} hits', dual: '{count} hits' } } }, 'labels.results', ''],
    [{ labels: { latestNews: 7 } }, 'labels.latestNews', 'must be a text'],
    [{ labels: { byline: 'By {name}' } }, 'labels.byline', 'uses {name}, which it is never given; it may use {names}'],
    [{ labels: { latestNews: 'News {constructor}' } }, 'labels.latestNews', 'uses {constructor}, which it is never given; it takes no values'],
    [{ labels: { results: { one: '{count} hit', other: '{count} hits for {q}' } } }, 'labels.results', 'uses {q}'],
    [{ labels: { searchOff: 'No search here.' } }, 'labels.searchOff', 'must hold {link}, where the link goes']
  ])('refuses labels %j, naming the key', (input, key, message) => {
    const result = resolveConfig(input)
    expect('issues' in result).toBe(true)
    const issues = (result as { issues: Array<{ key: string; message: string }> }).issues
    expect(issues.some((issue) => issue.key === key && issue.message.includes(message)), JSON.stringify(issues)).toBe(true)
  })
})

describe('a site in another language', () => {
  const files = {
    'content/sturm.md': article(
      { title: 'Sturm trifft die Küste', date: '2025-02-03T08:00:00Z', byline: 'Jana Schmidt', tags: ['Wetter'] },
      'Ein Sturm hat am Montag die Küste getroffen. Die Behörden sperrten mehrere Straßen.\n\nEin Sturm hat am Montag die Küste getroffen. Die Behörden sperrten mehrere Straßen.\n'
    )
  }
  const text = (html: string) => html.replace(/<head>[\s\S]*<\/head>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

  it('shows its pages in that language', async () => {
    const { report, pages } = await buildInMemory(files, { config: { language: 'de', title: 'Hafenblatt', pageSize: 1 }, search: true })
    expect(report.ok).toBe(true)
    const page = text(pages.get('2025/02/03/sturm-trifft-die-kuste/index.html')!)
    for (const words of ['Zum Inhalt springen', 'Neueste', 'Themen', 'Suche', 'Von Jana Schmidt', '1 Min. Lesezeit', 'Themen:', 'Wie dieser Artikel bereinigt wurde', '1 wiederholter Absatz entfernt', 'Erstellt mit Gazette.']) expect(page).toContain(words)
    expect(text(pages.get('index.html')!)).toContain('Neueste Nachrichten')
    expect(text(pages.get('tags/index.html')!)).toContain('Themen')
    expect(text(pages.get('tags/wetter/index.html')!)).toContain('Meldungen zum Thema Wetter.')
    expect(text(pages.get('404.html')!)).toContain('Seite nicht gefunden')
    const search = pages.get('search/index.html')!
    expect(search).toContain('Die Suche braucht JavaScript. Stattdessen: <a href="/tags/">Themen ansehen</a>.')
    expect(search).toContain('Keine Ergebnisse für „{query}“.')
    for (const english of ['Latest', 'Topics', 'min read', 'Skip to content', 'Search the news']) expect(page + search).not.toContain(english)
  })

  it('keeps English pages as they were written', async () => {
    const { pages } = await buildInMemory(files, { config: { title: 'Harbour' }, search: true })
    const page = pages.get('2025/02/03/sturm-trifft-die-kuste/index.html')!
    expect(page).toContain(' · By <span class="p-author h-card">Jana Schmidt</span> · <span class="reading-time">1 min read</span>')
    expect(pages.get('search/index.html')!).toContain('Search needs JavaScript. <a href="/tags/">Browse topics</a> instead.')
  })

  it("titles a numbered page of the digest without the site's name twice", async () => {
    const two = { ...files, 'content/ebbe.md': article({ title: 'Ebbe am Morgen', date: '2025-02-02T08:00:00Z' }, 'Das Wasser stand am Morgen niedrig.') }
    const english = (await buildInMemory(two, { config: { title: 'Harbour', pageSize: 1 } })).pages.get('page/2/index.html')!
    expect(english).toContain('<title>Latest news: page 2 · Harbour</title>')
    expect(english).toContain('<h1 class="page-title">Latest news: page 2</h1>')
    const german = (await buildInMemory(two, { config: { title: 'Hafenblatt', language: 'de', pageSize: 1 } })).pages.get('page/2/index.html')!
    expect(german).toContain('<title>Neueste Nachrichten: Seite 2 · Hafenblatt</title>')
  })

  it('gives Open Graph its locale as language and region, and the 404 page no canonical address', async () => {
    const locale = async (language: string) => /<meta property="og:locale" content="([^"]*)">/.exec((await buildInMemory(files, { config: { language } })).pages.get('index.html')!)?.[1]
    expect(await locale('zh-Hant-TW')).toBe('zh_TW')
    expect(await locale('en-gb')).toBe('en_GB')
    expect(await locale('de')).toBe('de')
    const { pages } = await buildInMemory(files)
    expect(pages.get('404.html')).not.toContain('rel="canonical"')
    expect(pages.get('404.html')).not.toContain('og:url')
    expect(pages.get('index.html')).toContain('<link rel="canonical" href="http://localhost:4173/">')
  })

  it('says at once that a site built without its search index has no search', async () => {
    const { pages } = await buildInMemory(files, { config: { language: 'de' }, search: false })
    const search = pages.get('search/index.html')!
    expect(search).toContain('<p>Diese Website hat keine Suche. Stattdessen: <a href="/tags/">Themen ansehen</a>.</p>')
    expect(search).not.toContain('<form')
    expect(search).not.toContain('<script')
    const { pages: all } = await buildInMemory(files, { search: false })
    expect([...all.keys()].filter((path) => path.startsWith('assets/search.'))).toEqual([])
    expect([...(await buildInMemory(files, { search: true })).pages.keys()].filter((path) => path.startsWith('assets/search.'))).toHaveLength(1)
    const english = (await buildInMemory(files, { search: false })).pages.get('search/index.html')!
    expect(english).toContain('This site has no search. <a href="/tags/">Browse topics</a> instead.')
  })

  it("words the link that stands in for a removed video or frame in the site's language, and words it again when the language changes", async () => {
    const files = { 'content/v.md': article({ title: 'Tempête', date: '2025-02-03T08:00:00Z' }, 'La tempête a frappé la côte.\n\n<video src="https://example.com/v.mp4">Votre navigateur ne lit pas la vidéo.</video>\n\n<iframe src="https://example.com/carte"></iframe>\n') }
    // One cache for both builds: the article made for one language is not taken for the other.
    const cache = memoryCache()
    const french = (await buildInMemory(files, { config: { language: 'fr' }, cache })).pages.get('2025/02/03/tempete/index.html')!
    expect(french).toContain('<a href="https://example.com/v.mp4">Vidéo : https://example.com/v.mp4</a>')
    expect(french).toContain('<a href="https://example.com/carte">Page intégrée : https://example.com/carte</a>')
    const english = (await buildInMemory(files, { cache })).pages.get('2025/02/03/tempete/index.html')!
    expect(english).toContain('<a href="https://example.com/v.mp4">Video: https://example.com/v.mp4</a>')
  })

  it("words the footnotes' heading and back links in the site's language", async () => {
    const files = { 'content/n.md': article({ title: 'Sturm', date: '2025-02-03T08:00:00Z' }, 'Der Sturm kam früh.[^1]\n\n[^1]: Laut Wetterdienst.') }
    const page = (await buildInMemory(files, { config: { language: 'de' } })).pages.get('2025/02/03/sturm/index.html')!
    expect(page).toContain('>Fußnoten</h2>')
    expect(page).toContain('aria-label="Zurück zum Verweis 1"')
    expect(page).not.toContain('Back to reference')
  })

  it("uses the config's labels over the language's", async () => {
    const { pages } = await buildInMemory(files, { config: { language: 'de', labels: { latestNews: 'Heute im Hafen', byline: '{names} berichtet' } } })
    expect(text(pages.get('index.html')!)).toContain('Heute im Hafen')
    expect(pages.get('2025/02/03/sturm-trifft-die-kuste/index.html')!).toContain(' · <span class="p-author h-card">Jana Schmidt</span> berichtet · ')
  })
})
