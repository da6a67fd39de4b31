import { parseFeed } from '@rowanmanning/feed-parser'
import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { bylineNames } from '../src/text/byline.js'
import { article, buildInMemory } from './helpers.js'

describe('bylineNames', () => {
  it('names each person a byline lists', () => {
    expect(bylineNames('Jane Doe')).toEqual(['Jane Doe'])
    expect(bylineNames('By Jane Doe and Ola Nordmann')).toEqual(['Jane Doe', 'Ola Nordmann'])
    expect(bylineNames('Jane Doe, Ola Nordmann & Kari Holm')).toEqual(['Jane Doe', 'Ola Nordmann', 'Kari Holm'])
    expect(bylineNames('Alexandra Anderson')).toEqual(['Alexandra Anderson'])
    expect(bylineNames(' by ')).toEqual([])
    expect(bylineNames('Martin Luther King, Jr.')).toEqual(['Martin Luther King, Jr.'])
    expect(bylineNames('By John Smith III and Jane Doe, Sr')).toEqual(['John Smith III', 'Jane Doe, Sr'])
    expect(bylineNames('Jane Doe, Staff Writer')).toEqual(['Jane Doe'])
    expect(bylineNames('Jane Doe and Ola Nordmann, Foreign Correspondents')).toEqual(['Jane Doe', 'Ola Nordmann'])
    // A name that only looks like a numeral or a role word stays a name.
    expect(bylineNames('Vi Hart, Ed Yong')).toEqual(['Vi Hart', 'Ed Yong'])
  })
})

describe('byline', () => {
  const files = {
    'content/a.md': article({ title: 'Harbour reopens', date: '2026-01-05T10:00:00Z', byline: 'By Jane Doe and Ola Nordmann', source: 'Kyodo' }, 'Ships returned to the harbour on Monday.'),
    'content/b.md': article({ title: 'Rates rise', date: '2026-01-04T10:00:00Z', source: 'Kyodo' }, 'The bank raised rates on Monday.')
  }

  it('shows who wrote an article on its page, and names them in its structured data', async () => {
    const { pages, report } = await buildInMemory(files)
    expect(report.ok).toBe(true)
    const { document } = parseHTML(pages.get('2026/01/05/harbour-reopens/index.html')!)
    expect(document.querySelector('.meta')!.textContent).toMatch(/ · By Jane Doe and Ola Nordmann · Kyodo · /)
    expect(document.querySelector('.meta .p-author.h-card')!.textContent).toBe('Jane Doe and Ola Nordmann')
    const jsonLd = JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent!)
    expect(jsonLd.author).toEqual([{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', name: 'Ola Nordmann' }])
    const other = parseHTML(pages.get('2026/01/04/rates-rise/index.html')!).document
    expect(other.querySelector('.meta')!.textContent).not.toContain('By ')
  })

  it('gives feed readers the byline as the authors, and the source when there is none', async () => {
    const { pages } = await buildInMemory(files)
    for (const name of ['feed.xml', 'rss.xml']) {
      const [byline, bySource] = parseFeed(pages.get(name)!).items
      expect(byline!.authors.map((author) => author.name), name).toEqual(['Jane Doe', 'Ola Nordmann'])
      expect(bySource!.authors.map((author) => author.name), name).toEqual(['Kyodo'])
    }
    const [byline, bySource] = JSON.parse(pages.get('feed.json')!).items
    expect(byline.authors).toEqual([{ name: 'Jane Doe' }, { name: 'Ola Nordmann' }])
    expect(bySource.authors).toEqual([{ name: 'Kyodo' }])
  })
})
