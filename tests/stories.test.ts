import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { article, buildInMemory } from './helpers.js'

const seedPath = 'seeds/000_127977346a318ce7.txt'
const seed = readFileSync(new URL(`../${seedPath}`, import.meta.url))

const wire = [
  'Officials in the coastal city of Porto said on Monday that the harbour would reopen to cargo ships next week after three weeks of repairs to the storm-damaged sea wall.',
  'The port authority said engineers had finished reinforcing the northern breakwater, which was breached during the storm, and that inspections would continue through the weekend.',
  'Shipping companies have diverted dozens of vessels to other ports since the closure, and local businesses said the shutdown had cost them millions in lost trade.',
  'The mayor told reporters that the city would ask the national government for emergency funds to cover the cost of the repairs and to compensate affected workers.'
]

describe('the same story once', () => {
  it('publishes one page for a wire story reported twice and lists the other report under it', async () => {
    const { pages, report, messages } = await buildInMemory({
      'content/first.md': article({ title: 'Porto harbour to reopen next week', date: '2025-03-03T08:00:00Z', source: 'Lusa', tags: ['Porto'] }, wire.join('\n\n')),
      'content/second.md': article(
        { title: 'Storm-hit Porto port set to reopen', date: '2025-03-03T11:00:00Z', source: 'Reuters', sourceUrl: 'https://example.org/porto' },
        [...wire.slice(0, 3), 'Source link'].join('\n\n')
      ),
      'content/other.md': article({ title: 'Porto council approves new tram line', date: '2025-03-03T12:00:00Z', tags: ['Porto'] }, 'The city council in Porto voted on Monday to approve a new tram line linking the airport with the city centre, after two years of public consultation and a long dispute over its cost, which officials now put at four hundred million euros over a decade.')
    })
    expect(report.ok).toBe(true)
    expect(report.merged).toBe(1)
    const articlePages = [...pages.keys()].filter((path) => /^\d{4}\/\d\d\/\d\d\/[^/]+\/index\.html$/.test(path))
    expect(articlePages.sort()).toEqual(['2025/03/03/porto-council-approves-new-tram-line/index.html', '2025/03/03/porto-harbour-to-reopen-next-week/index.html'])
    const page = pages.get('2025/03/03/porto-harbour-to-reopen-next-week/index.html')!
    expect(page).toContain('<h2 id="also-reported">Also reported by</h2>')
    expect(page).toContain('<a href="https://example.org/porto" rel="external nofollow noopener">Reuters</a>')
    expect(page).toContain('1 other copy of this story merged')
    const home = pages.get('index.html')!
    expect(home.match(/Porto harbour to reopen next week|Storm-hit Porto port set to reopen/g)).toEqual(['Porto harbour to reopen next week'])
    expect(messages).toEqual([expect.stringMatching(/^content\/second\.md:1:1: Not published on its own: it reports the same story as content\/first\.md \(\d+% alike\), which lists it under "Also reported by"\.$/)])
  })

  // A report from the canonical's own source a day later is a story of its own; every scrape of it
  // stood alone too, so one article scraped 64 times the next day was 64 stories of the same text.
  it("folds the copies of a later report from the canonical's own source into that report", async () => {
    const { pages, report, messages } = await buildInMemory({
      'content/first.md': article({ title: 'Porto harbour to reopen next week', date: '2025-03-03T08:00:00Z', source: 'Lusa' }, wire.join('\n\n')),
      'content/reuters.md': article({ title: 'Storm-hit Porto port set to reopen', date: '2025-03-03T09:00:00Z', source: 'Reuters' }, wire.join('\n\n')),
      'content/next-day.md': article({ title: 'Porto harbour reopens next week', date: '2025-03-04T08:00:00Z', source: 'Lusa' }, wire.join('\n\n')),
      'content/next-day-again.md': article({ title: 'Porto harbour reopens next week, port says', date: '2025-03-04T09:00:00Z', source: 'Lusa' }, wire.join('\n\n'))
    })
    expect(report.ok).toBe(true)
    const articlePages = [...pages.keys()].filter((path) => /^\d{4}\/\d\d\/\d\d\/[^/]+\/index\.html$/.test(path))
    expect(articlePages.sort()).toEqual(['2025/03/03/porto-harbour-to-reopen-next-week/index.html', '2025/03/04/porto-harbour-reopens-next-week/index.html'])
    expect(report.merged).toBe(2)
    expect(messages).toContain('content/next-day-again.md:1:1: Not published on its own: it is content/next-day.md again, from the same source.')
  })

  // A source that sent one wire story a hundred times was listed a hundred times: 2,900 names
  // under "Also reported by" for 30 sources.
  it('lists each source that also reported a story once, linked to its earliest report, and counts every copy', async () => {
    const copy = (source: string, hour: number, url: string) => article({ title: `Porto port reopens (${source} ${hour})`, date: `2025-03-03T${hour}:00:00Z`, source, sourceUrl: url }, wire.join('\n\n'))
    const { pages, report } = await buildInMemory({
      'content/first.md': article({ title: 'Porto harbour to reopen next week', date: '2025-03-03T08:00:00Z', source: 'Lusa' }, wire.join('\n\n')),
      'content/r1.md': copy('Reuters', 10, 'https://example.org/r1'),
      'content/r2.md': copy('reuters', 11, 'https://example.org/r2'),
      'content/r3.md': copy('Reuters', 12, 'https://example.org/r3'),
      'content/afp.md': copy('AFP', 13, 'https://example.org/afp')
    })
    expect(report.merged).toBe(4)
    const page = pages.get('2025/03/03/porto-harbour-to-reopen-next-week/index.html')!
    const listed = /<h2 id="also-reported">Also reported by<\/h2><ul>(.*?)<\/ul>/.exec(page)![1]
    expect(listed).toBe('<li><a href="https://example.org/r1" rel="external nofollow noopener">Reuters</a></li><li><a href="https://example.org/afp" rel="external nofollow noopener">AFP</a></li>')
    expect(page).toContain('4 other copies of this story merged')
  })

  it('lists up to ten sources that also reported a story, and of more the first eight, the rest under one line a reader may open', async () => {
    const sources = Array.from({ length: 12 }, (_, index) => `Outlet ${String.fromCharCode(65 + index)}`)
    const copies = Object.fromEntries(sources.map((source, index) => [`content/c${index}.md`, article({ title: `Porto port reopens (${source})`, date: `2025-03-03T${String(10 + index).padStart(2, '0')}:00:00Z`, source }, wire.join('\n\n'))]))
    const { pages } = await buildInMemory({ 'content/first.md': article({ title: 'Porto harbour to reopen next week', date: '2025-03-03T08:00:00Z', source: 'Lusa' }, wire.join('\n\n')), ...copies })
    const page = pages.get('2025/03/03/porto-harbour-to-reopen-next-week/index.html')!
    const section = /<section class="also"[^>]*>(.*?)<\/section>/.exec(page)![1]!
    const [open, folded] = section.split('<details')
    expect(open!.match(/<li>/g)).toHaveLength(8)
    expect(folded).toMatch(/^ class="more-sources"><summary>4 more sources<\/summary><ul>/)
    expect(folded!.match(/<li>/g)).toHaveLength(4)
    expect(folded).toContain('Outlet L')
  })

  it("publishes each day's bulletin from one source, however alike, and folds a copy of one article from its own source without listing that source again", async () => {
    const bulletin = (weather: string) =>
      [
        'This is the daily Harbour Herald bulletin for ferry passengers and fishermen, published every morning at seven o’clock from the harbour office.',
        weather,
        'Ferries to the islands run to the normal timetable unless the harbour master announces otherwise on the radio. Check back tomorrow morning for the next bulletin.'
      ].join('\n\n')
    const { pages, report, messages } = await buildInMemory({
      'content/b05.md': article({ title: 'Ferry bulletin for January 5', date: '2024-01-05T07:00:00Z', source: 'Harbour Herald' }, bulletin('Today: 12 degrees, wind from the north.')),
      'content/b06.md': article({ title: 'Ferry bulletin for January 6', date: '2024-01-06T07:00:00Z', source: 'Harbour Herald' }, bulletin('Today: 9 degrees, wind from the west.')),
      // The same article scraped twice from one source, an hour apart.
      'content/porto.md': article({ title: 'Porto harbour to reopen next week', date: '2025-03-03T08:00:00Z', source: 'Lusa' }, wire.join('\n\n')),
      'content/porto-again.md': article({ title: 'Porto harbour to reopen next week', date: '2025-03-03T09:00:00Z', source: 'lusa' }, wire.slice(0, 3).join('\n\n'))
    })
    expect(report.ok).toBe(true)
    expect(pages.has('2024/01/05/ferry-bulletin-for-january-5/index.html')).toBe(true)
    expect(pages.has('2024/01/06/ferry-bulletin-for-january-6/index.html')).toBe(true)
    expect(pages.get('2024/01/05/ferry-bulletin-for-january-5/index.html')).not.toContain('Also reported by')
    expect(report.merged).toBe(1)
    const porto = pages.get('2025/03/03/porto-harbour-to-reopen-next-week/index.html')!
    expect(porto).not.toContain('Also reported by')
    expect(messages).toEqual([expect.stringMatching(/^content\/porto-again\.md:1:1: Not published on its own: it is content\/porto\.md again, from the same source \(\d+% alike\)\.$/)])
  })

  it('folds a wire story reported by two sources on different days', async () => {
    const { report, pages } = await buildInMemory({
      'content/first.md': article({ title: 'Porto harbour to reopen next week', date: '2025-03-03T08:00:00Z', source: 'Lusa' }, wire.join('\n\n')),
      'content/later.md': article({ title: 'Porto port set to reopen', date: '2025-03-05T08:00:00Z', source: 'Reuters' }, wire.join('\n\n'))
    })
    expect(report.merged).toBe(1)
    expect(pages.get('2025/03/03/porto-harbour-to-reopen-next-week/index.html')).toContain('Reuters')
  })

  it('finds a copy written as raw HTML, as a WordPress export writes it', async () => {
    const { report, messages } = await buildInMemory({
      'content/first.md': article({ title: 'Porto harbour to reopen next week', date: '2025-03-03T08:00:00Z', source: 'Lusa' }, wire.join('\n\n')),
      'content/exported.md': article({ title: 'Porto port set to reopen', date: '2025-03-03T11:00:00Z', source: 'Reuters' }, wire.map((paragraph) => `<p>${paragraph}</p>`).join('\n'))
    })
    expect(report.merged).toBe(1)
    expect(messages).toEqual([expect.stringMatching(/^content\/exported\.md:1:1: Not published on its own: it reports the same story as content\/first\.md/)])
  })

  it('keeps different stories on one topic apart', async () => {
    const { pages, report } = await buildInMemory({
      'content/a.md': article({ title: 'Porto harbour to reopen', date: '2025-03-03' }, wire.join('\n\n')),
      'content/b.md': article(
        { title: 'Lisbon harbour closes for repairs', date: '2025-03-04' },
        'Officials in Lisbon said on Tuesday that the harbour would close to cargo ships for two months while engineers rebuild the southern quay, which has been sinking since last winter. The port authority said ferries would keep running. Shipping companies expect delays of several days, and unions have asked for talks about the jobs of dock workers during the closure.'
      )
    })
    expect(report.merged).toBe(0)
    expect(pages.has('2025/03/03/porto-harbour-to-reopen/index.html') && pages.has('2025/03/04/lisbon-harbour-closes-for-repairs/index.html')).toBe(true)
  })
})

describe('ingest finds who, where and who reported it', () => {
  it('tags the seed with its countries and people, and records Kyodo as its source', async () => {
    const { store } = await buildInMemory({ [seedPath]: seed })
    const text = String([...store.files].find(([path]) => path.startsWith('content/'))![1])
    const tags = text.slice(text.indexOf('tags:\n'), text.indexOf('\nsource:')).split('\n').slice(1).map((line) => line.replace(/^\s*-\s*/, ''))
    for (const tag of ['Japan', 'United States', 'China', 'North Korea', 'Gen Nakatani', 'Lloyd Austin', 'Shigeru Ishiba']) expect(tags).toContain(tag)
    for (const noise of ['The', 'Source', 'US', 'Source link']) expect(tags).not.toContain(noise)
    expect(text).toContain('\nsource: Kyodo\n')
  })

  it("keeps a saved page's lead photo at the top of its article, by its address on the web", async () => {
    const html = `<!doctype html><html><head><title>Harbour reopens | Herald</title><meta property="og:image" content="https://herald.example/img/harbour.jpg"><meta property="og:image:alt" content="Ships at the quay"></head><body><article><h1>Harbour reopens</h1>${wire.map((paragraph) => `<p>${paragraph}</p>`).join('')}</article></body></html>`
    const { store, pages, report } = await buildInMemory({ 'seeds/harbour.html': html })
    expect(report.ok).toBe(true)
    const content = String([...store.files].find(([path]) => path.startsWith('content/'))![1])
    expect(content).toContain('---\n\n![Ships at the quay](https://herald.example/img/harbour.jpg)\n\nOfficials in the coastal city of Porto')
    const route = [...pages.keys()].find((path) => path.endsWith('/harbour-reopens/index.html'))!
    const articlePage = pages.get(route)!
    expect(articlePage).toContain('<img src="https://herald.example/img/harbour.jpg" alt="Ships at the quay">')
    // The summary is the first paragraph's text, not the photo.
    expect(content).toMatch(/\nsummary: Officials in the coastal city of Porto/)
  })

  it('reads a saved web page: title, byline, date and canonical URL kept, navigation and ads dropped', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Harbour reopens | The Coast Times</title>
<meta property="og:title" content="Harbour reopens after storm">
<meta property="og:site_name" content="The Coast Times">
<meta property="article:published_time" content="2025-03-04T09:30:00Z">
<link rel="canonical" href="https://example.org/news/harbour-reopens"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<div class="ad">Advertisement: buy a boat</div>
<article><h1>Harbour reopens after storm</h1><p class="byline">By Ana Silva</p>
${wire.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
</article><footer>© The Coast Times. All rights reserved.</footer><script>track()</script></body></html>`
    const { store, pages } = await buildInMemory({ 'seeds/page.html': html })
    const [path, text] = [...store.files].find(([file]) => file.startsWith('content/'))!.map(String) as [string, string]
    expect(path).toBe('content/harbour-reopens-after-storm.md')
    expect(text).toContain('title: Harbour reopens after storm\n')
    expect(text).toContain('date: 2025-03-04T09:30:00Z\n')
    expect(text).toContain('sourceUrl: https://example.org/news/harbour-reopens\n')
    expect(text).toMatch(/\nbyline: (By )?Ana Silva\n/)
    expect(text).not.toMatch(/Advertisement|All rights reserved|track\(\)|Sport/)
    expect(pages.get('2025/03/04/harbour-reopens-after-storm/index.html')).toContain(wire[1])
  })

  it('decodes a Windows-1252 seed and repairs mojibake, saying so', async () => {
    const cp1252 = Uint8Array.from([...Buffer.from('The caf'), 0xe9, ...Buffer.from(' owner said '), 0x93, ...Buffer.from('business is back'), 0x94, ...Buffer.from(' after the storm.\nA second paragraph follows here.\n')])
    const mojibake = 'The cafÃ© ownerâ€™s shop reopened on Monday after the storm.\nA second paragraph follows here.\n'
    const { store, messages } = await buildInMemory({ 'seeds/legacy.txt': cp1252, 'seeds/mojibake.txt': mojibake })
    const texts = [...store.files].filter(([path]) => path.startsWith('content/')).map(([, text]) => String(text))
    expect(texts.some((text) => text.includes('The café owner said “business is back” after the storm.'))).toBe(true)
    expect(texts.some((text) => text.includes('The café owner’s shop reopened on Monday after the storm.'))).toBe(true)
    expect(messages.some((message) => message.startsWith('seeds/legacy.txt') && /windows-1252/i.test(message))).toBe(true)
    expect(messages.some((message) => message.startsWith('seeds/mojibake.txt') && /mojibake/i.test(message))).toBe(true)
  })
})
