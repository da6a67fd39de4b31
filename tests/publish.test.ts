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
})
