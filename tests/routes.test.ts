import { describe, expect, it } from 'vitest'
import { article, buildInMemory } from './helpers.js'

describe('planSite', () => {
  it('groups stories by the site time zone\'s days, newest first, with day, month, tag and source pages', async () => {
    const { pages, report } = await buildInMemory(
      {
        'content/late.md': article({ title: 'Late night story', date: '2025-03-01T23:30:00Z', tags: ['Café'], source: 'Kyodo' }, 'Body one.'),
        'content/early.md': article({ title: 'Early story', date: '2025-03-01T08:00:00Z', tags: ['café', 'Rail'] }, 'Body two.'),
        'content/old.md': article({ title: 'Old story', date: '2025-02-27', tags: ['CAFÉ'] }, 'Body three.')
      },
      { config: { timezone: 'Asia/Tokyo' } }
    )
    expect(report.ok).toBe(true)
    // 23:30 UTC on 1 March is 2 March in Tokyo.
    expect(pages.has('2025/03/02/late-night-story/index.html')).toBe(true)
    expect(pages.has('2025/03/01/early-story/index.html')).toBe(true)
    expect(pages.has('2025/02/27/old-story/index.html')).toBe(true)
    expect(pages.has('2025/03/index.html')).toBe(true)
    expect(pages.has('sources/kyodo/index.html')).toBe(true)
    const home = pages.get('index.html')!
    expect(home.indexOf('Late night story')).toBeLessThan(home.indexOf('Early story'))
    expect(home.indexOf('Early story')).toBeLessThan(home.indexOf('Old story'))
    // One tag however it is written, shown in one form.
    const tagPages = [...pages.keys()].filter((path) => path.startsWith('tags/') && path !== 'tags/index.html')
    expect(tagPages.sort()).toEqual(['tags/cafe/index.html', 'tags/rail/index.html'])
    expect(pages.get('tags/cafe/index.html')).toContain('Late night story')
    expect(pages.get('tags/cafe/index.html')).toContain('Old story')
  })

  it('treats a decomposed tag as the same tag', async () => {
    const { pages } = await buildInMemory({
      'content/a.md': article({ title: 'A', date: '2025-03-01' }, 'Body.').replace('---\n\n', '---\n\n').replace('date: "2025-03-01"', 'date: "2025-03-01"\ntags: ["Cafe\u0301"]'),
      'content/b.md': article({ title: 'B', date: '2025-03-02', tags: ['Café'] }, 'Body.')
    })
    expect([...pages.keys()].filter((path) => path.startsWith('tags/') && path !== 'tags/index.html')).toEqual(['tags/cafe/index.html'])
  })

  it('spells out the symbols that tell tags apart, and numbers the tags whose slugs still coincide', async () => {
    const { pages } = await buildInMemory({ 'content/a.md': article({ title: 'A', date: '2025-03-01', tags: ['C++', 'C', 'c#', 'R&D', 'R-D', 'R.D.'] }, 'Body.') })
    const tagPages = [...pages.keys()].filter((path) => path.startsWith('tags/') && path !== 'tags/index.html').sort()
    expect(tagPages).toEqual(['tags/c-plus-plus/index.html', 'tags/c-sharp/index.html', 'tags/c/index.html', 'tags/r-and-d/index.html', 'tags/r-d-2/index.html', 'tags/r-d/index.html'])
    // "R-D" is its slug as written, so it has "r-d" whatever other tags there are.
    expect(pages.get('tags/r-d/index.html')).toContain('<h1 class="page-title">R-D</h1>')
    expect(pages.get('tags/r-d-2/index.html')).toContain('<h1 class="page-title">R.D.</h1>')
  })

  it('gives a tag or source of symbols alone an address of its own, made from its symbols', async () => {
    const { pages } = await buildInMemory({
      'content/a.md': article({ title: 'A', date: '2025-03-01', tags: ['🔥', '!!!', '%'], source: '...' }, 'Body.'),
      'content/b.md': article({ title: 'B', date: '2025-03-02', tags: ['—'] }, 'Body.')
    })
    const listed = [...pages.keys()].filter((path) => /^(?:tags|sources)\/.+\//.test(path)).sort()
    expect(listed).toEqual(['sources/symbol-2e-2e-2e/index.html', 'tags/symbol-2014/index.html', 'tags/symbol-21-21-21/index.html', 'tags/symbol-25/index.html', 'tags/symbol-1f525/index.html'].sort())
    expect(pages.get('tags/symbol-1f525/index.html')).toContain('<h1 class="page-title">🔥</h1>')
  })

  it('keeps the address of a tag written as its slug when a tag of the same slug is added', async () => {
    const before = await buildInMemory({ 'content/a.md': article({ title: 'A', date: '2025-03-01', tags: ['C'] }, 'Body.') })
    const after = await buildInMemory({ 'content/a.md': article({ title: 'A', date: '2025-03-01', tags: ['C'] }, 'Body.'), 'content/b.md': article({ title: 'B', date: '2025-03-02', tags: ['C.', 'C#'] }, 'Body.') })
    expect(before.pages.get('tags/c/index.html')).toContain('<h1 class="page-title">C</h1>')
    expect(after.pages.get('tags/c/index.html')).toContain('<h1 class="page-title">C</h1>')
    expect(after.pages.get('tags/c-2/index.html')).toContain('<h1 class="page-title">C.</h1>')
    expect(after.pages.get('tags/c-sharp/index.html')).toContain('<h1 class="page-title">C#</h1>')
    // "#C" sorts before "C" and has its slug too: the name written as the slug claims it first.
    const hashtag = await buildInMemory({ 'content/a.md': article({ title: 'A', date: '2025-03-01', tags: ['#C', 'C'] }, 'Body.') })
    expect(hashtag.pages.get('tags/c/index.html')).toContain('<h1 class="page-title">C</h1>')
    expect(hashtag.pages.get('tags/c-2/index.html')).toContain('<h1 class="page-title">#C</h1>')
  })

  it('marks a derived slug that collides with a code of its file, and stops on two explicit slugs that collide', async () => {
    const derived = await buildInMemory({ 'content/a.md': article({ title: 'Same', date: '2025-03-01' }, 'One.'), 'content/b.md': article({ title: 'Same', date: '2025-03-01' }, 'Two.') })
    expect(derived.report.ok).toBe(true)
    expect(derived.pages.has('2025/03/01/same/index.html') && derived.pages.has('2025/03/01/same-95290c/index.html')).toBe(true)
    const explicit = await buildInMemory({ 'content/a.md': article({ title: 'A', slug: 'same', date: '2025-03-01' }, 'One.'), 'content/b.md': article({ title: 'B', slug: 'same', date: '2025-03-01' }, 'Two.') })
    expect(explicit.report.ok).toBe(false)
    expect(explicit.messages).toContain('content/a.md:3:7: content/a.md and content/b.md would both be written to 2025/03/01/same/. Give one of them a different "slug".')
  })

  // Numbered in date order, one article of a title added with an earlier date than others of its
  // day moved every later one to the next number: links to all of them broke.
  it('keeps the paths of articles whose derived slugs collide when one more is added, of any date', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 6; i++) files[`content/s${i}.md`] = article({ title: 'Council approves budget', date: `2025-03-01T1${i}:00:00Z` }, `Report ${i}.`)
    const routesOf = (pages: Map<string, string>) => new Map([...pages].filter(([path]) => path.startsWith('2025/03/01/council')).map(([path, html]) => [/Report (\d)\./.exec(html)?.[1], path]))
    const before = routesOf((await buildInMemory(files)).pages)
    expect(new Set(before.values()).size).toBe(6)
    for (const [file, date] of [['content/early.md', '2025-03-01T09:00:00Z'], ['content/middle.md', '2025-03-01T12:30:00Z'], ['content/late.md', '2025-03-01T20:00:00Z']] as const) {
      const after = routesOf((await buildInMemory({ ...files, [file]: article({ title: 'Council approves budget', date }, 'Another.') })).pages)
      // Only the oldest, which had the slug itself, can lose it to an article older still.
      for (const [report, path] of before) if (path !== '2025/03/01/council-approves-budget/index.html') expect(after.get(report), `${file}: report ${report}`).toBe(path)
    }
  })

  it('treats explicit slugs that a case-insensitive disk would store as one file as one path', async () => {
    const { report, messages } = await buildInMemory({
      'content/a.md': article({ title: 'A', slug: 'λογος', date: '2025-03-01' }, 'One.'),
      'content/b.md': article({ title: 'B', slug: 'λογοσ', date: '2025-03-01' }, 'Two.')
    })
    expect(report.ok).toBe(false)
    expect(messages.some((message) => message.includes('would both be written to 2025/03/01/'))).toBe(true)
  })

  it('paginates the digest', async () => {
    const files: Record<string, string> = {}
    for (let day = 1; day <= 5; day++) files[`content/s${day}.md`] = article({ title: `Story ${day}`, date: `2025-03-0${day}` }, 'Body.')
    const { pages } = await buildInMemory(files, { config: { pageSize: 2 } })
    expect(pages.has('page/2/index.html') && pages.has('page/3/index.html') && !pages.has('page/4/index.html')).toBe(true)
    expect(pages.get('page/3/index.html')).toContain('Story 1')
  })

  it('links each page to the first, the last and two either side, not to every page', async () => {
    const files: Record<string, string> = {}
    for (let n = 1; n <= 30; n++) files[`content/s${n}.md`] = article({ title: `Story ${n}`, date: new Date(Date.UTC(2025, 2, 1) + n * 3_600_000).toISOString() }, 'Body.')
    const { pages } = await buildInMemory(files, { config: { pageSize: 2 } })
    const links = (path: string) => [...pages.get(path)!.split('aria-label="Pages"')[1]!.matchAll(/<li[^>]*>(?:<a[^>]*>)?([^<]*)/g)].map((match) => match[1])
    expect(links('page/8/index.html')).toEqual(['Newer', '1', '…', '6', '7', '8', '9', '10', '…', '15', 'Older'])
    expect(links('index.html')).toEqual(['1', '2', '3', '…', '15', 'Older'])
    expect(links('page/15/index.html')).toEqual(['Newer', '1', '…', '13', '14', '15'])
    expect(links('page/4/index.html')).toEqual(['Newer', '1', '2', '3', '4', '5', '6', '…', '15', 'Older'])
  })
})
