import { describe, expect, it } from 'vitest'
import { formatMessages } from '../../src/diagnostics.js'
import { article, buildInMemory } from '../helpers.js'

/** A page path that stays inside the output: relative, forward slashes, no empty, dot or dot-dot segments. */
function isContainedPath(path: string): boolean {
  if (path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path) || /[\u0000-\u001f]/.test(path)) return false
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !/^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i.test(segment) && Buffer.byteLength(segment) <= 255)
}

async function build(files: Record<string, string | Uint8Array>, options: { keepGoing?: boolean } = {}) {
  const result = await buildInMemory(files, options)
  return { ...result, printed: formatMessages(result.report.files) }
}

const hostileSlugs = ['../../x', '..', '.', '%2e%2e%2fx', '%2E%2E%2F', '．．／x', '/abs', '\\\\server\\share', 'C:\\x', 'c:x', 'con', 'nul', 'CON', 'aux', 'com1', 'lpt1', 'con.txt', 'x'.repeat(300), 'é'.repeat(300), '日本'.repeat(150), 'a/b', 'a\\b', '', ' ', '-', '~', 'x.html', 'index.html', 'a\u0000b', '\u202Egnp.exe', 'a%00b']

describe('slugs are one safe path segment', () => {
  it.each(hostileSlugs.map((slug) => [JSON.stringify(slug).slice(0, 40), slug]))('slug %s is refused or made safe', async (_, slug) => {
    const { report, pages, printed } = await build({ 'content/a.md': article({ title: 'T', date: '2024-01-01', slug }, 'Body.') })
    for (const path of pages.keys()) expect(isContainedPath(path), path).toBe(true)
    if (report.ok) {
      // A control character is taken out of the slug, with a warning.
      expect(printed.filter((line) => !line.endsWith('[gazette:text-control]'))).toEqual([])
      const route = [...pages.keys()].find((path) => path.startsWith('2024/01/01/') && path !== '2024/01/01/index.html')!
      expect(route).toMatch(/^2024\/01\/01\/[\p{L}\p{N}-]+\/index\.html$/u)
    } else {
      expect(printed).toHaveLength(1)
      expect(printed[0]).toMatch(/^content\/a\.md:4:7: error: Frontmatter "slug" is ".*", which is not one safe path segment\. Use lower-case letters, digits and hyphens, such as "[\p{L}\p{N}-]+"\. \[gazette:slug-invalid\]$/u)
      expect(pages.size).toBe(0)
    }
  })

  it.each(['../../x', '%2e%2e%2fx', '．．／x', '/abs', 'C:\\x', 'con', 'nul', 'x'.repeat(300), 'é'.repeat(300), '日本'.repeat(150), '...', '???', '🎉', '\u0000'])('title %j gives a safe slug', async (title) => {
    const { report, pages } = await build({ 'content/a.md': article({ title: title.trim() || 'x', date: '2024-01-01' }, 'Body.') })
    expect(report.ok).toBe(true)
    for (const path of pages.keys()) expect(isContainedPath(path), path).toBe(true)
    const route = [...pages.keys()].find((path) => path.startsWith('2024/01/01/') && path !== '2024/01/01/index.html')!
    expect(route).toMatch(/^2024\/01\/01\/[\p{L}\p{N}-]+\/index\.html$/u)
    expect(Buffer.byteLength(route.split('/')[3]!)).toBeLessThanOrEqual(64)
  })
})

describe('two articles never share an output path', () => {
  it('stops the build naming both files when both chose the same slug on the same day', async () => {
    const { report, printed, pages } = await build({
      'content/a.md': article({ title: 'One', date: '2024-01-01T08:00:00Z', slug: 'same' }, 'First.'),
      'content/b.md': article({ title: 'Two', date: '2024-01-01T09:00:00Z', slug: 'same' }, 'Second.')
    })
    expect(report.ok).toBe(false)
    expect(pages.size).toBe(0)
    expect(printed).toHaveLength(1)
    expect(printed[0]).toMatch(/^content\/[ab]\.md:4:7: error: content\/[ab]\.md and content\/[ab]\.md would both be written to 2024\/01\/01\/same\/\. Give one of them a different "slug"\. \[gazette:path-collision\]/)
    expect(printed[0]).toContain('content/a.md')
    expect(printed[0]).toContain('content/b.md')
  })

  it.each([
    ['case', 'Hello', 'hello'],
    ['Unicode form (NFC and NFD)', '한국', '한국'.normalize('NFD')],
    ['case and form together', 'ÅNGSTRÖM-日本', 'ångström-日本'.normalize('NFD')]
  ])('treats explicit slugs that differ only by %s as one path', async (_, first, second) => {
    const { report, printed } = await build({
      'content/a.md': article({ title: 'One', date: '2024-01-01', slug: first }, 'First.'),
      'content/b.md': article({ title: 'Two', date: '2024-01-01', slug: second }, 'Second.')
    })
    expect(report.ok).toBe(false)
    const collisions = printed.filter((line) => line.includes('[gazette:path-collision]'))
    const invalid = printed.filter((line) => line.includes('[gazette:slug-invalid]'))
    // Either both slugs are refused as unsafe, or the collision names both files.
    if (invalid.length === 0) {
      expect(collisions).toHaveLength(1)
      expect(collisions[0]).toMatch(/content\/[ab]\.md and content\/[ab]\.md would both be written to/)
      expect(collisions[0]).toContain('content/a.md')
      expect(collisions[0]).toContain('content/b.md')
    } else expect(invalid).toHaveLength(2)
  })

  it('gives titles that differ only by case or Unicode form distinct paths, with a warning', async () => {
    const { report, printed, pages } = await build({
      'content/a.md': article({ title: 'Hello', date: '2024-01-01T08:00:00Z' }, 'First.'),
      'content/b.md': article({ title: 'hello', date: '2024-01-01T09:00:00Z' }, 'Second.'),
      'content/c.md': article({ title: 'Café', date: '2024-01-01T10:00:00Z' }, 'Third.'),
      'content/d.md': article({ title: 'Cafe\u0301', date: '2024-01-01T11:00:00Z' }, 'Fourth.')
    })
    expect(report.ok).toBe(true)
    expect(pages.get('2024/01/01/hello/index.html')).toContain('First.')
    expect(pages.get('2024/01/01/hello-a40226/index.html')).toContain('Second.')
    expect(pages.get('2024/01/01/cafe/index.html')).toContain('Third.')
    expect(pages.get('2024/01/01/cafe-9f308d/index.html')).toContain('Fourth.')
    expect(printed).toEqual([
      expect.stringMatching(/^content\/b\.md:1:1: warning: content\/a\.md already uses 2024\/01\/01\/hello\/, so this article is at 2024\/01\/01\/hello-a40226\/.*\[gazette:path-collision\]$/),
      expect.stringMatching(/^content\/d\.md:1:1: warning: content\/c\.md already uses 2024\/01\/01\/cafe\/, so this article is at 2024\/01\/01\/cafe-9f308d\/.*\[gazette:path-collision\]$/)
    ])
  })

  it('gives tags whose slugs coincide ("C++", "C", "c#") distinct pages', async () => {
    const { report, pages } = await build({
      'content/a.md': article({ title: 'Plus', date: '2024-01-01', tags: ['C++'] }, 'A.'),
      'content/b.md': article({ title: 'Plain', date: '2024-01-01', tags: ['C'] }, 'B.'),
      'content/c.md': article({ title: 'Sharp', date: '2024-01-01', tags: ['c#'] }, 'C.'),
      'content/d.md': article({ title: 'Dots', date: '2024-01-01', tags: ['..', 'con', '../tags'] }, 'D.')
    })
    expect(report.ok).toBe(true)
    const tagPages = [...pages.keys()].filter((path) => /^tags\/[^/]+\/index\.html$/.test(path))
    for (const path of pages.keys()) expect(isContainedPath(path), path).toBe(true)
    const titleOf = (path: string) => /<h1 class="page-title">([^<]*)<\/h1>/.exec(pages.get(path)!)?.[1]
    const byName = new Map(tagPages.map((path) => [titleOf(path), path]))
    expect([...byName.keys()].sort()).toEqual(['..', '../tags', 'C', 'C++', 'c#', 'con'].sort())
    expect(new Set(byName.values()).size).toBe(6)
    expect(pages.get(byName.get('C++')!)).toContain('Plus')
    expect(pages.get(byName.get('C++')!)).not.toContain('Plain')
    expect(pages.get(byName.get('C')!)).toContain('Plain')
    expect(pages.get(byName.get('c#')!)).toContain('Sharp')
  })
})
