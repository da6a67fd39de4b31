import { describe, expect, it } from 'vitest'
import { article, buildInMemory } from './helpers.js'

describe('buildInMemory', () => {
  it('builds a content file into an article page', async () => {
    const { report, pages } = await buildInMemory({ 'content/a.md': article({ title: 'Hello', date: '2026-01-02' }, 'First paragraph.') })
    expect(report.ok).toBe(true)
    expect(pages.get('2026/01/02/hello/index.html')).toContain('First paragraph.')
  })
})
