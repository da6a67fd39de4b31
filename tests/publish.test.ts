import { describe, expect, it } from 'vitest'
import { article, buildInMemory } from './helpers.js'

const files = {
  'content/published.md': article({ title: 'Harbour reopens', date: '2025-05-01T08:00:00Z' }, 'The harbour reopened on Monday.'),
  'content/draft.md': article({ title: 'Cranes ordered', date: '2025-05-02T08:00:00Z', draft: true }, 'Two cranes were ordered.'),
  'content/future.md': article({ title: 'Quay walls checked', date: '2027-01-01T08:00:00Z' }, 'Engineers will check the quay walls.')
}

describe('publishing', () => {
  it('notes on each skipped article why, and keeps the messages of every content file for the report', async () => {
    const { report, messages, pages } = await buildInMemory({ ...files, 'content/damaged.md': article({ title: 'Ferries', date: '2025-05-03T08:00:00Z' }, 'Ferries sailed again from Aarhus \uFFFD on Tuesday.') })
    expect(report.ok).toBe(true)
    expect(report.skipped).toEqual([
      { path: 'content/draft.md', reason: 'draft' },
      { path: 'content/future.md', reason: 'future' }
    ])
    expect(messages).toContain('content/draft.md:1:1: Not published: it is a draft. Build with --drafts to include it.')
    expect(messages).toContain('content/future.md:1:1: Not published: it is dated 2027-01-01T08:00:00Z, in the future. Build with --future to include it.')
    // A message the article stage recorded reaches the report too, on its file, in path order.
    expect(report.files.map((file) => file.path)).toEqual(['content/damaged.md', 'content/draft.md', 'content/future.md', 'content/published.md'])
    expect(report.files.find((file) => file.path === 'content/damaged.md')!.messages.map((message) => message.ruleId)).toEqual(['encoding-invalid'])
    expect([...pages.keys()].some((path) => path.includes('harbour-reopens'))).toBe(true)
    expect([...pages.keys()].some((path) => path.includes('cranes-ordered'))).toBe(false)
  })

  it('stops on an error the article stage recorded, and with --keep-going publishes the rest', async () => {
    const broken = { ...files, 'content/broken.md': '---\ntitle: [unclosed\n---\n\nBody.\n' }
    const stopped = await buildInMemory(broken)
    expect([stopped.report.ok, stopped.report.written]).toEqual([false, false])
    expect(stopped.report.files.find((file) => file.path === 'content/broken.md')!.messages.some((message) => message.fatal === true)).toBe(true)
    const kept = await buildInMemory(broken, { keepGoing: true })
    expect([kept.report.ok, kept.report.written]).toEqual([false, true])
    expect([...kept.pages.keys()].some((path) => path.includes('harbour-reopens'))).toBe(true)
  })

  it('keeps off the site what other generators kept off theirs: published: false, a status other than publish, a publish date to come', async () => {
    const moved = {
      'content/jekyll.md': '---\ntitle: Jekyll draft\ndate: 2025-05-01\npublished: false\n---\nBody.\n',
      'content/wordpress.md': '---\ntitle: WordPress draft\ndate: 2025-05-01\nstatus: private\n---\nBody.\n',
      'content/ghost.md': '---\ntitle: Ghost pending\ndate: 2025-05-01\nstatus: pending\n---\nBody.\n',
      'content/hugo.md': '---\ntitle: Hugo scheduled\ndate: 2025-05-01\npublishDate: 2027-01-01\n---\nBody.\n',
      'content/hugo-snake.md': '---\ntitle: Hugo snake\ndate: 2025-05-01\npublish_date: 2027-01-01T08:00:00Z\n---\nBody.\n',
      'content/shown.md': '---\ntitle: Shown\ndate: 2025-05-01\npublished: true\nstatus: publish\npublishDate: 2025-06-01\n---\nBody.\n',
      'content/live.md': '---\ntitle: Live\ndate: 2025-05-01\nstatus: published\n---\nBody.\n'
    }
    const { report, messages, pages } = await buildInMemory(moved)
    expect(report.ok).toBe(true)
    expect(report.skipped).toEqual([
      { path: 'content/ghost.md', reason: 'draft' },
      { path: 'content/hugo-snake.md', reason: 'future' },
      { path: 'content/hugo.md', reason: 'future' },
      { path: 'content/jekyll.md', reason: 'draft' },
      { path: 'content/wordpress.md', reason: 'draft' }
    ])
    expect(messages).toContain('content/hugo.md:1:1: Not published: it is to be published on 2027-01-01T00:00:00Z, in the future. Build with --future to include it.')
    expect([...pages.keys()].filter((path) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(path)).sort()).toEqual(['2025/05/01/live/index.html', '2025/05/01/shown/index.html'])
    const all = await buildInMemory(moved, { drafts: true, future: true })
    expect(all.report.skipped).toEqual([])
    // The date shown is still the date, not the day it was published.
    expect([...all.pages.keys()]).toContain('2025/05/01/hugo-scheduled/index.html')
  })

  it('refuses a value of published, status or publishDate it cannot read, at its line and column', async () => {
    const { report, messages } = await buildInMemory({
      'content/a.md': '---\ntitle: A\ndate: 2025-05-01\npublished: maybe\n---\nBody.\n',
      'content/b.md': '---\ntitle: B\ndate: 2025-05-01\nstatus: trash-ish\n---\nBody.\n',
      'content/c.md': '---\ntitle: C\ndate: 2025-05-01\npublishDate: soon\n---\nBody.\n'
    })
    expect(report.ok).toBe(false)
    expect(messages).toEqual([
      'content/a.md:4:12: Frontmatter "published" must be true or false; write "published: true", or "published: false" to keep it off the site.',
      'content/b.md:4:9: Frontmatter "status" is not a status Gazette knows; write "status: publish", or "status: draft" to keep it off the site.',
      'content/c.md:4:14: Frontmatter "publishDate" is "soon", which is not a real ISO 8601 date. Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, such as "2024-05-01" or "2024-05-01T09:30:00Z".'
    ])
  })
})
