import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { describe, expect, it } from 'vitest'
import { serializeHtml } from '../src/html.js'
import { article, buildInMemory } from './helpers.js'
import { vectors } from './security/vectors.js'

const fixture = join(import.meta.dirname, 'fixtures', 'site')

function filesOf(folder: string, prefix: string): Record<string, string> {
  return Object.fromEntries(readdirSync(join(fixture, folder)).map((name) => [`${prefix}/${name}`, readFileSync(join(fixture, folder, name), 'utf8')]))
}

describe('serializeHtml on built pages', () => {
  // The trees the templates made are gone once a page is written; each page read back is a tree
  // of the same elements, attributes and text, SVG and JSON-LD included.
  it('writes every page of a site, hostile input included, as hast-util-to-html would', async () => {
    const hostile = {
      title: '</script><script>alert(1)</script>\u2028<!--\u2029--> & "q" \'s\' `t`',
      summary: '"><img src=x onerror=alert(1)> \' onmouseover=\'alert(1)',
      tags: ['</script>', '"><svg onload=alert(1)>', "' onfocus='alert(1)", 'a&b'],
      source: '<script>alert(1)</script>',
      sourceUrl: 'https://example.org/?q="><script>alert(1)</script>&x=`1`'
    }
    const files = {
      ...filesOf('content', 'content'),
      ...filesOf('seeds', 'seeds'),
      'content/hostile.md': article({ ...hostile, date: '2024-03-01' }, `Body & <b>bold</b>.\n\n${vectors.join('\n\n')}`)
    }
    const { report, pages } = await buildInMemory(files, { config: JSON.parse(readFileSync(join(fixture, 'gazette.config.json'), 'utf8')) })
    expect(report.ok).toBe(true)
    const htmlPages = [...pages].filter(([path]) => path.endsWith('.html'))
    expect(htmlPages.length).toBeGreaterThan(10)
    for (const [path, html] of htmlPages) {
      const tree = fromHtml(html)
      expect(serializeHtml(tree), path).toBe(toHtml(tree))
    }
  })
})

describe('what listings, feeds and search show of an article', () => {
  /** The home page's summary, the Atom summary, the RSS description and the search excerpt of a site of one article. */
  async function shownOf(body: string): Promise<{ home: string; atom: string; rss: string; search: string }> {
    const { pages } = await buildInMemory({ 'content/a.md': article({ title: 'Storm', date: '2026-01-10T10:00:00Z' }, body) }, { search: true })
    const chunk = JSON.parse(pages.get('search/index/d/0.json')!) as string[][]
    return {
      home: /<p class="p-summary">(.*?)<\/p>/s.exec(pages.get('index.html')!)?.[1] ?? '',
      atom: /<summary>(.*?)<\/summary>/s.exec(pages.get('feed.xml')!)?.[1] ?? '',
      rss: /<item>.*?<description>(.*?)<\/description>/s.exec(pages.get('rss.xml')!)?.[1] ?? '',
      search: chunk[0]![3]!
    }
  }

  it('take the first paragraph with text of an article that opens with a photo or a list', async () => {
    const photo = 'The storm reached the coast at noon.'
    expect(await shownOf(`![Storm](https://example.com/a.jpg)\n\n${photo}`)).toEqual({ home: photo, atom: photo, rss: photo, search: photo })
    expect(await shownOf('- Roads closed\n- Schools shut')).toEqual({ home: 'Roads closed', atom: 'Roads closed', rss: 'Roads closed', search: 'Roads closed' })
  })

  it('keep the words either side of a <br> apart', async () => {
    const shown = await shownOf('Line one<br>line two.')
    expect(shown).toEqual({ home: 'Line one line two.', atom: 'Line one line two.', rss: 'Line one line two.', search: 'Line one line two.' })
  })

  // A story is listed on each of its topics' pages: listed with every topic there, an article of
  // 5,000 topics wrote 5,000 pages of 380 KB each.
  it('name ten of an article\'s topics in a list, and the rest on its own page', async () => {
    const tags = Array.from({ length: 30 }, (_, i) => `Topic ${i + 1}`)
    const { pages } = await buildInMemory({ 'content/a.md': article({ title: 'Storm', date: '2026-01-10T10:00:00Z', tags }, 'The storm reached the coast.') })
    // A link's text as a screen reader reads it: its visible words and those only it is given.
    const linksIn = (html: string) => [.../<ul class="tags">(.*?)<\/ul>/s.exec(html)![1]!.matchAll(/<a [^>]*>(.*?)<\/a>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''))
    expect(linksIn(pages.get('index.html')!)).toEqual([...tags.slice(0, 10), '+20 Topics'])
    expect(linksIn(pages.get('tags/topic-30/index.html')!)).toEqual([...tags.slice(0, 10), '+20 Topics'])
    expect(pages.get('index.html')).toContain('<li><a href="/2026/01/10/storm/">+20<span class="sr-only"> Topics</span></a></li>')
    expect(linksIn(pages.get('2026/01/10/storm/index.html')!)).toEqual(tags)
  })

  it('write the count of topics past ten, and each topic\'s count in the index, as the site\'s language groups digits', async () => {
    const tags = Array.from({ length: 1_234 }, (_, i) => `Topic ${i + 1}`)
    const files = { 'content/a.md': article({ title: 'Storm', date: '2026-01-10T10:00:00Z', tags }, 'The storm reached the coast.') }
    const english = await buildInMemory(files)
    expect(english.pages.get('index.html')).toContain('+1,224<span class="sr-only"> Topics</span>')
    const german = await buildInMemory(files, { config: { language: 'de' } })
    expect(german.pages.get('index.html')).toContain('+1.224<span class="sr-only"> Themen</span>')
    const many = Array.from({ length: 1_001 }, (_, i) => article({ title: `Storm ${i}`, date: '2026-01-10T10:00:00Z', tags: ['Weather'] }, `The storm number ${i} reached the coast.`))
    const index = (await buildInMemory(Object.fromEntries(many.map((text, i) => [`content/s${i}.md`, text])))).pages.get('tags/index.html')!
    expect(index).toMatch(/>Weather<\/a> <span class="count">\(1,001\)<\/span>/)
  })
})
