import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { analyzeSeed } from '../src/analyze-seed.js'
import { resolveConfig } from '../src/config.js'
import { ingestSeeds } from '../src/ingest.js'
import { memoryCache } from '../src/io/cache.js'
import { article, buildInMemory, testNow } from './helpers.js'

const seedPath = 'seeds/000_127977346a318ce7.txt'
const seed = readFileSync(new URL(`../${seedPath}`, import.meta.url))
const seedLines = new TextDecoder().decode(seed).split('\n').filter((line) => line.trim() && line.trim() !== 'Source link')
const distinct = [...new Set(seedLines.map((line) => line.trim()))]

function contentFiles(store: { files: Map<string, string | Uint8Array> }): Array<[string, string]> {
  return [...store.files].filter(([path]) => path.startsWith('content/')).map(([path, text]) => [path, String(text)])
}

describe('ingestSeed', () => {
  it('writes a content file with frontmatter, the clean body and what was removed', async () => {
    const { store, report } = await buildInMemory({ [seedPath]: seed })
    expect(report.ok).toBe(true)
    const files = contentFiles(store)
    expect(files).toHaveLength(1)
    const [path, text] = files[0]!
    expect(path).toBe('content/japan-and-the-us-have-agreed-to-further-enhance-the-deterrence.md')
    expect(text).toContain('title: Japan and the US have agreed to further enhance the deterrence and response capabilities\n')
    expect(text).toContain(`date: ${testNow.toISOString().replace('.000Z', 'Z')}\n`)
    expect(text).toContain(`file: ${seedPath}\n`)
    expect(text).toMatch(/removed:\n\s+repeated: 7\n\s+boilerplate:\n\s+- Source link\n/)
    const body = text.slice(text.indexOf('\n---\n') + 5).trim().split('\n\n')
    expect(body.join('\n')).not.toContain('Source link')
    expect(body).toEqual(distinct)
  })

  it('summarises a seed that is one long paragraph in a few hundred characters, not the whole text again', async () => {
    const paragraph = 'The council met again on Monday to discuss the harbour and its future. '.repeat(400).trim()
    const { store, pages } = await buildInMemory({ 'seeds/long.txt': `${paragraph}\n` })
    const [, text] = contentFiles(store)[0]!
    expect(text.length).toBeLessThan(paragraph.length + 2000)
    const home = pages.get('index.html')!
    expect(home).toContain('The council met again on Monday')
    expect(home).toContain('…')
    expect(home.length).toBeLessThan(20_000)
  })

  it('tags a seed that is one long paragraph by its first sentences', async () => {
    const paragraph = `Officials in Geneva said on Monday that the talks would continue. ${'The talks went on for another day without a result. '.repeat(200)}Tokyo was mentioned only at the end.`
    const { store } = await buildInMemory({ 'seeds/long.txt': `${paragraph}\n` })
    const [, text] = contentFiles(store)[0]!
    expect(text).toMatch(/tags:\n\s+- Geneva\n/)
    expect(text).not.toContain('- Tokyo')
  })

  it('shows scraped Markdown characters as typed, and never a tag as markup', async () => {
    const raw = 'Officials said *nothing* changed and # of votes was <b>final</b> [sic], as <i>the count</i> <x-y>showed</x-y>.\nA second paragraph with _underscores_ and `ticks` in it.\n'
    const { pages } = await buildInMemory({ 'seeds/a.txt': raw })
    const html = [...pages].find(([path]) => path.endsWith('/index.html') && path.split('/').length === 5)![1]
    const page = html.slice(html.indexOf('<div class="e-content">'), html.indexOf('<footer class="article-footer">'))
    // Formatting a scrape left is taken out; any other tag is text.
    expect(page).toContain('Officials said *nothing* changed and # of votes was final [sic], as the count &#x3C;x-y>showed&#x3C;/x-y>.')
    expect(page).toContain('A second paragraph with _underscores_ and `ticks` in it.')
    expect(page).not.toContain('<b>final')
  })

  it('takes a headline-like first line followed by a blank line as the title', async () => {
    const { store } = await buildInMemory({ 'seeds/b.txt': 'Storm batters coast as thousands flee\n\nThousands of people fled the coast on Sunday.\nThe storm is expected to weaken.\n' })
    const [path, text] = contentFiles(store)[0]!
    expect(path).toBe('content/storm-batters-coast-as-thousands-flee.md')
    expect(text).toContain('title: Storm batters coast as thousands flee\n')
    expect(text).toContain('summary: Thousands of people fled the coast on Sunday.\n')
  })

  it('takes a headline-like first line as the title in text of a paragraph per line, and leaves it out of the body', async () => {
    const { store } = await buildInMemory({ 'seeds/lisbon.txt': 'Lisbon opens bridge\nLisbon opened its new bridge on Friday after five years of work.\nThe mayor called it a historic day.\n' })
    const [path, text] = contentFiles(store)[0]!
    expect(path).toBe('content/lisbon-opens-bridge.md')
    expect(text).toContain('title: Lisbon opens bridge\n')
    expect(text.slice(text.indexOf('\n---\n') + 5).trim().split('\n\n')).toEqual(['Lisbon opened its new bridge on Friday after five years of work.', 'The mayor called it a historic day.'])
  })

  it('takes out the markup a scrape left in raw text, and says so', async () => {
    const { store, messages } = await buildInMemory({ 'seeds/rates.txt': 'Rates rise &amp; markets fall\n\n<p>The central bank raised rates on Thursday&nbsp;&mdash; the third rise this year.</p>\n\nMarkets fell 2&#37; after the announcement.<br><br>Banks led the decline, and AT&T held.\n' })
    const [path, text] = contentFiles(store)[0]!
    expect(path).toBe('content/rates-rise-markets-fall.md')
    expect(text).toContain('title: Rates rise & markets fall\n')
    expect(text.slice(text.indexOf('\n---\n') + 5).trim().split('\n\n')).toEqual(['The central bank raised rates on Thursday — the third rise this year.', 'Markets fell 2% after the announcement.', 'Banks led the decline, and AT\\&T held.'])
    expect(messages).toContain('seeds/rates.txt:1:1: Took out 4 HTML tags and decoded 4 character references left in the text.')
  })

  it('reads a whole web page saved with a .txt name as a page', async () => {
    const page = '<!DOCTYPE html><html><head><title>Ferry service resumes</title></head><body><nav>Home | News</nav><article><p>The harbour ferry service resumed on Thursday morning after three days of suspension caused by the storm.</p><p>Passengers were asked to check the timetable, which changed for the winter.</p></article></body></html>'
    const { store } = await buildInMemory({ 'seeds/ferry.txt': page })
    const [path, text] = contentFiles(store)[0]!
    expect(path).toBe('content/ferry-service-resumes.md')
    expect(text).not.toContain('<')
    expect(text).not.toContain('Home | News')
    expect(text).toContain('The harbour ferry service resumed on Thursday morning')
  })

  it('finds the headline and the first sentence of Chinese and Japanese text', async () => {
    const { store } = await buildInMemory({
      'seeds/beijing.txt': '北京发布新的交通规则\n\n北京市政府周一宣布了新的交通规则。许多市民表示支持。\n\n新规则将于下月生效。\n',
      'seeds/tokyo.txt': '東京都は月曜日、新しい駅の開業を発表した。多くの利用者が訪れた。\n駅は午前五時に営業を開始する。\n'
    })
    const files = new Map(contentFiles(store))
    const beijing = files.get('content/北京发布新的交通规则.md')!
    expect(beijing).toContain('title: 北京发布新的交通规则\n')
    expect(beijing.slice(beijing.indexOf('\n---\n') + 5).trim().split('\n\n')).toEqual(['北京市政府周一宣布了新的交通规则。许多市民表示支持。', '新规则将于下月生效。'])
    const tokyo = [...files.values()].find((text) => text.includes('seeds/tokyo.txt'))!
    expect(tokyo).toContain('title: 東京都は月曜日、新しい駅の開業を発表した\n')
  })

  it('finds a body repeated once wrapped and once not', async () => {
    const sentence = 'The council voted on Monday to build a new library in the old post office, a project that has been discussed for more than a decade.'
    const wrapped = sentence.replace(' a project', '\na project').replace(' for more', '\nfor more')
    const support = 'Supporters said the library would bring life back to the town centre.'
    const { store } = await buildInMemory({ 'seeds/library.txt': `Council backs new library\n\n${wrapped}\n\n${support}\n\n${sentence}\n\n${support}\n${sentence}\n${support}\nSource link\n` })
    const text = contentFiles(store)[0]![1]
    expect(text.slice(text.indexOf('\n---\n') + 5).trim().split('\n\n')).toEqual([sentence, support])
    expect(text).toMatch(/repeated: 4\n/)
  })

  it('accepts CRLF and a BOM', async () => {
    const { store } = await buildInMemory({ 'seeds/c.txt': '\uFEFFFirst paragraph of the story here.\r\nSecond paragraph of the story.\r\n' })
    const text = contentFiles(store)[0]![1]
    expect(text).toContain('title: First paragraph of the story here\n')
    expect(text).not.toContain('\r')
    expect(text).not.toContain('\uFEFF')
  })

  it('skips a seed with no usable text with a warning naming it, and builds the rest', async () => {
    const { report, messages, pages } = await buildInMemory({ 'seeds/empty.txt': '\n  \nSource link\n', 'seeds/ok.txt': 'A real story about the harbour reopening.\n' })
    expect(report.ok).toBe(true)
    expect(messages).toContain('seeds/empty.txt:1:1: seeds/empty.txt has no usable text besides scraped trailers, so it was skipped. Add the article\'s paragraphs or delete the file.')
    expect([...pages.keys()].some((path) => path.includes('a-real-story-about-the-harbour-reopening'))).toBe(true)
  })

  it('keeps the date and leaves an unchanged seed alone on the next build', async () => {
    const first = await buildInMemory({ [seedPath]: seed })
    const files = Object.fromEntries(first.store.files)
    const later = await buildInMemory(files, { now: new Date('2027-06-01T00:00:00Z') })
    expect(later.report.ingested).toEqual([])
    expect(Object.fromEntries(later.store.files)).toEqual(files)
  })

  it('re-ingests a changed seed, keeping its date and slug', async () => {
    const first = await buildInMemory({ 'seeds/s.txt': 'The harbour reopened on Monday after repairs.\nShips returned at once.\n' })
    const files = Object.fromEntries(first.store.files)
    files['seeds/s.txt'] = 'The harbour reopened on Monday after repairs.\nShips returned at once.\nA third paragraph was added later.\n'
    const later = await buildInMemory(files, { now: new Date('2027-06-01T00:00:00Z') })
    expect(later.report.ingested).toEqual(['content/the-harbour-reopened-on-monday-after-repairs.md'])
    const text = String(later.store.files.get('content/the-harbour-reopened-on-monday-after-repairs.md'))
    expect(text).toContain('A third paragraph was added later.')
    expect(text).toContain('date: 2026-01-15T12:00:00Z')
  })

  it('never overwrites a content file a person edited, and warns instead', async () => {
    const first = await buildInMemory({ 'seeds/s.txt': 'The harbour reopened on Monday after repairs.\nShips returned at once.\n' })
    const files = Object.fromEntries(first.store.files) as Record<string, string>
    const path = 'content/the-harbour-reopened-on-monday-after-repairs.md'
    files[path] = String(files[path]).replace(/^title: .*$/m, 'title: Harbour reopens')
    files['seeds/s.txt'] = 'The harbour reopened on Monday after repairs.\nShips returned at once, officials said.\n'
    const later = await buildInMemory(files)
    expect(later.store.files.get(path)).toBe(files[path])
    expect(later.messages).toContain(`seeds/s.txt:1:1: seeds/s.txt changed, but ${path} was edited by hand, so it was not overwritten. Delete ${path} to ingest the seed again, or copy the changes into it.`)
    expect([...later.pages.values()].some((html) => html.includes('<h1 class="p-name">Harbour reopens</h1>'))).toBe(true)
  })

  it('decides the same from the summaries in the cache as from the content files themselves', async () => {
    // With a cache, what a content file records of its seed comes from its cached summary, and
    // the file is not even read; without one, from the file.
    const cache = memoryCache()
    const first = await buildInMemory({ 'seeds/s.txt': 'The harbour reopened on Monday after repairs.\nShips returned at once.\n', 'seeds/t.txt': 'Storm hits the coast.\nFirst report.\n', 'content/other.md': article({ title: 'Other', date: '2026-01-10T08:00:00Z' }, 'Nothing to do with seeds.') }, { cache })
    const files = Object.fromEntries(first.store.files) as Record<string, string>
    files['seeds/s.txt'] = 'The harbour reopened on Monday after repairs.\nShips returned at once.\nA third paragraph was added later.\n'
    files['seeds/u.txt'] = 'Storm hits the coast.\nA second outlet reports it.\n'
    const now = new Date('2027-06-01T00:00:00Z')
    const cached = await buildInMemory(files, { cache, now })
    const uncached = await buildInMemory(files, { now })
    expect(cached.report.ingested).toEqual(['content/the-harbour-reopened-on-monday-after-repairs.md', 'content/storm-hits-the-coast-2.md'])
    expect(Object.fromEntries(cached.store.files)).toEqual(Object.fromEntries(uncached.store.files))
    expect(cached.pages).toEqual(uncached.pages)
    expect(cached.messages).toEqual(uncached.messages)
  })

  it('takes the title, date, source, byline, link and tags from a header of "Key: value" lines', async () => {
    const raw = 'Title: Harbour works resume in Aarhus\nPublished: Jan. 5, 2026 10:04 a.m. ET\nAuthor: Jane Doe\nSource: Aarhus Daily\nURL: https://example.com/news/harbour\nTags: Harbour, City council\n\nHarbour works resume in Aarhus\n\nThe council said on Tuesday that the harbour works would resume within weeks.\n\nWork stopped in March after a dispute over costs.\n'
    const { store, report, pages } = await buildInMemory({ 'seeds/a.txt': raw })
    expect(report.ok).toBe(true)
    const [path, text] = contentFiles(store)[0]!
    expect(path).toBe('content/harbour-works-resume-in-aarhus.md')
    expect(text).toContain('title: Harbour works resume in Aarhus\ndate: 2026-01-05T15:04:00Z\n')
    expect(text).toMatch(/tags:\n\s+- Harbour\n\s+- City council\nsource: Aarhus Daily\nbyline: Jane Doe\nsourceUrl: https:\/\/example.com\/news\/harbour\n/)
    // Neither the header nor the headline repeated under it is part of the body.
    expect(text.slice(text.indexOf('\n---\n') + 5).trim().split('\n\n')).toEqual(['The council said on Tuesday that the harbour works would resume within weeks.', 'Work stopped in March after a dispute over costs.'])
    expect([...pages.keys()]).toContain('2026/01/05/harbour-works-resume-in-aarhus/index.html')
  })

  it('takes the same from YAML frontmatter, and stops on frontmatter that is not YAML', async () => {
    const good = '---\ntitle: "Rates rise: what it means"\ndate: 2026-01-05\ndescription: The bank moved again.\ntags: [Economy]\n---\nThe bank raised rates on Monday, its third rise this year.\n'
    const { store } = await buildInMemory({ 'seeds/a.txt': good })
    const [path, text] = contentFiles(store)[0]!
    expect(path).toBe('content/rates-rise-what-it-means.md')
    expect(text).toContain('title: "Rates rise: what it means"\ndate: 2026-01-05T00:00:00Z\nslug: rates-rise-what-it-means\nsummary: The bank moved again.\ntags:\n  - Economy\n')
    expect(text.slice(text.indexOf('\n---\n') + 5).trim()).toBe('The bank raised rates on Monday, its third rise this year.')
    const bad = await buildInMemory({ 'seeds/a.txt': '---\ntitle: Rates rise\ndate: [2026-01-05\n---\nThe bank raised rates on Monday.\n' })
    expect(bad.report.ok).toBe(false)
    expect(contentFiles(bad.store)).toEqual([])
    expect(bad.messages.find((message) => message.startsWith('seeds/a.txt:'))).toMatch(/^seeds\/a\.txt:[34]:\d+: Invalid YAML in the seed's frontmatter: .+ Fix the YAML between the "---" lines\.$/)
  })

  it('dates a seed whose header date cannot be read when it is ingested, and says so', async () => {
    const { store, messages } = await buildInMemory({ 'seeds/a.txt': 'Title: Rates rise\nDate: 3 hours ago\n\nThe bank raised rates on Monday.\n' })
    expect(contentFiles(store)[0]![1]).toContain(`date: ${testNow.toISOString().replace('.000Z', 'Z')}\n`)
    expect(messages).toContain('seeds/a.txt:2:7: The header\'s date "3 hours ago" is not a date Gazette can read, so the article is dated when it was ingested. Write it as YYYY-MM-DD, such as "2026-01-05", or as "5 January 2026".')
  })

  it('reads a header date in the words of the site\'s language', async () => {
    const { store, messages } = await buildInMemory({ 'seeds/a.txt': 'Title: Zinsen steigen\nDate: 5. Januar 2026\n\nDie Bank hat am Montag die Zinsen erhöht.\n' }, { config: { language: 'de' } })
    expect(contentFiles(store)[0]![1]).toContain('date: 2026-01-05T00:00:00Z\n')
    expect(messages.filter((message) => message.includes('not a date'))).toEqual([])
  })

  it('lets a title and date the header states replace those an earlier ingest chose', async () => {
    const first = await buildInMemory({ 'seeds/s.txt': 'The harbour reopened on Monday after repairs.\nShips returned at once.\n' })
    const files = Object.fromEntries(first.store.files)
    files['seeds/s.txt'] = 'Title: Harbour reopens\nDate: 2026-01-12\n\nThe harbour reopened on Monday after repairs.\nShips returned at once.\n'
    const later = await buildInMemory(files, { now: new Date('2027-06-01T00:00:00Z') })
    const text = String(later.store.files.get('content/the-harbour-reopened-on-monday-after-repairs.md'))
    expect(text).toContain('title: Harbour reopens\ndate: 2026-01-12T00:00:00Z\nslug: the-harbour-reopened-on-monday-after-repairs\n')
  })

  it('takes a wire\'s dateline as the source, and not its city as a topic', async () => {
    const raw = 'HAMBURG, Jan 5 (Reuters) - Firefighters fought a blaze at a warehouse near the port of Hamburg on Monday, and Olaf Scholz visited the site.\n\nThe fire started in a storage hall, police said.\n'
    const { store } = await buildInMemory({ 'seeds/a.txt': raw })
    const [, text] = contentFiles(store)[0]!
    expect(text).toContain('source: Reuters\n')
    expect(text).toContain('- Olaf Scholz\n')
    expect(text).not.toMatch(/- HAMBURG/)
  })

  it('names a seed of binary data as such', async () => {
    const { messages } = await buildInMemory({ 'seeds/a.txt': new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 8, 0, 0, 0, 0x21, 0, 0, 0, 0, 0]) })
    expect(messages.find((message) => message.startsWith('seeds/a.txt'))).toMatch(/was skipped: .* It holds binary data: remove the file if it is not text, or save the text again as UTF-8\.$/)
  })

  it('removes the headline a scrape repeated over the second copy of the body, and says so', async () => {
    const body = 'Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents.\n\nNo injuries were reported, but officials urged people nearby to keep their windows closed while crews worked'
    const { store, messages } = await buildInMemory({ 'seeds/a.txt': `Fire forces evacuation in port district\n\n${body}\n\nFire forces evacuation in port district\n\n${body}\n` })
    const [, text] = contentFiles(store)[0]!
    expect(text).toContain('title: Fire forces evacuation in port district\n')
    expect(text.slice(text.indexOf('\n---\n') + 5).trim()).toBe(body)
    expect(messages).toContain('seeds/a.txt:7:1: Removed the headline repeated over a copy of the body.')
  })

  it('gives two seeds with the same title distinct content files', async () => {
    const { store } = await buildInMemory({ 'seeds/a.txt': 'Storm hits the coast.\nFirst report.\n', 'seeds/b.txt': 'Storm hits the coast.\nAnother outlet wrote this one.\n' })
    expect(contentFiles(store).map(([path]) => path)).toEqual(['content/storm-hits-the-coast.md', 'content/storm-hits-the-coast-2.md'])
  })
})

describe('ingestSeeds', () => {
  // Each seed of a title counted from 2 past the files its title already had: 5,000 seeds titled
  // alike took 5.3 s of lookups. Counted in lookups here, not time, which would be flaky.
  it('gives seeds of one title their numbered slugs without counting past the others each time', async () => {
    const { config } = resolveConfig({}) as { config: Parameters<typeof analyzeSeed>[1] }
    const analysis = analyzeSeed({ path: seedPath, kind: 'text', bytes: seed }, config)
    const seeds = Array.from({ length: 400 }, (_, i) => ({ path: `seeds/s${i}.txt`, kind: 'text' as const, bytes: new Uint8Array([i % 256, i >> 8]) }))
    const has = vi.spyOn(Set.prototype, 'has')
    try {
      const { writes } = await ingestSeeds(seeds, new Map(), async (sources, take) => sources.forEach(() => take(analysis)), { config, now: testNow, takenPaths: new Set() })
      const slug = 'japan-and-the-us-have-agreed-to-further-enhance-the-deterrence'
      expect(writes.map((write) => write.path)).toEqual([`content/${slug}.md`, ...Array.from({ length: 399 }, (_, i) => `content/${slug}-${i + 2}.md`)])
      expect(has.mock.calls.length).toBeLessThan(20 * seeds.length)
    } finally {
      has.mockRestore()
    }
  })
})
