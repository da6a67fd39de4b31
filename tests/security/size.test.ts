import { describe, expect, it } from 'vitest'
import { formatMessages } from '../../src/diagnostics.js'
import { article, buildInMemory } from '../helpers.js'
import { siteProblems } from './safe-output.js'

const good = { 'content/good.md': article({ title: 'Good', date: '2024-01-02' }, 'A fine article.') }

/**
 * Build hostile bodies (one file each) beside a good article with keepGoing: each is either
 * published or refused with one clear error naming its file, the good one is always published,
 * and nothing unsafe is output. One build for several bodies: each build's fixed cost is most of
 * the time for small hostile files.
 */
async function survivesEach(bodies: readonly string[], { frontmatter = { title: 'Big', date: '2024-01-01' } as Record<string, unknown> } = {}) {
  const names = bodies.map((_, index) => (bodies.length === 1 ? 'big' : `big-${index}`))
  const files = Object.fromEntries(bodies.map((body, index) => [`content/${names[index]}.md`, article({ ...frontmatter, ...(bodies.length === 1 ? {} : { slug: names[index] }) }, body)]))
  const result = await buildInMemory({ ...files, ...good }, { keepGoing: true })
  const printed = formatMessages(result.report.files)
  expect(result.report.written).toBe(true)
  expect(result.pages.get('2024/01/02/good/index.html')).toContain('A fine article.')
  expect(siteProblems(result.pages)).toEqual([])
  // Every message is about one of the hostile files.
  expect(printed.filter((line) => !names.some((name) => line.startsWith(`content/${name}.md:`)))).toEqual([])
  return names.map((name) => {
    const own = printed.filter((line) => line.startsWith(`content/${name}.md:`))
    const published = result.pages.has(`2024/01/01/${name}/index.html`)
    if (!published) {
      expect(own).toHaveLength(1)
      expect(own[0]).toMatch(new RegExp(`^content/${name}\\.md:\\d+:\\d+: error: .+\\. \\[gazette:markdown-too-deep\\]$`))
    } else expect(own.filter((line) => line.includes(': error: '))).toEqual([])
    return { ...result, printed: own, published }
  })
}

async function survives(body: string, options: { frontmatter?: Record<string, unknown> } = {}) {
  return (await survivesEach([body], options))[0]!
}

describe('empty and tiny files', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t\n  \r\n'],
    ['a lone newline', '\n'],
    ['a byte order mark only', '\uFEFF']
  ])('refuses a file that is %s with one clear error, and builds the rest with keepGoing', async (_, text) => {
    const { report, pages } = await buildInMemory({ 'content/empty.md': text, ...good }, { keepGoing: true })
    expect(formatMessages(report.files)).toEqual([
      'content/empty.md:1:1: error: This file has no frontmatter. Start it with "---", a line "date: 2024-05-01", a line "title: …" and a closing "---". [gazette:frontmatter-field]'
    ])
    expect(pages.has('2024/01/02/good/index.html')).toBe(true)
  })

  it('publishes a frontmatter-only file as an empty article, with a warning', async () => {
    for (const text of ['---\ntitle: Only\ndate: 2024-01-01\n---', '---\ntitle: Only\ndate: 2024-01-01\n---\n', '---\ntitle: Only\ndate: 2024-01-01\n---\n\n\n']) {
      const { report, pages } = await buildInMemory({ 'content/only.md': text })
      expect(formatMessages(report.files)).toEqual([expect.stringMatching(/^content\/only\.md:\d+:1: warning: content\/only\.md has no text below its frontmatter, .*\[gazette:article-empty\]$/)])
      expect(pages.has('2024/01/01/only/index.html')).toBe(true)
    }
  })

  it('names a frontmatter-only file without a title after the file', async () => {
    const { report, pages } = await buildInMemory({ 'content/no-title.md': '---\ndate: 2024-01-01\n---\n' })
    expect(report.ok).toBe(true)
    expect(pages.has('2024/01/01/no-title/index.html')).toBe(true)
  })
})

describe('size and shape', () => {
  it('publishes a 1 MB single line', async () => {
    const { published, pages } = await survives('word '.repeat(200_000))
    expect(published).toBe(true)
    // The body once; its descriptions, listings and feeds' summaries take only its first words.
    expect(pages.get('2024/01/01/big/index.html')!.length).toBeGreaterThan(1_000_000)
    expect(pages.get('2024/01/01/big/index.html')!.length).toBeLessThan(1_100_000)
    expect(pages.get('index.html')!.length).toBeLessThan(100_000)
  })

  it('publishes 10,000 paragraphs', async () => {
    const { published, pages } = await survives(Array.from({ length: 10_000 }, (_, i) => `Paragraph number ${i} says something.`).join('\n\n'))
    expect(published).toBe(true)
    expect(pages.get('2024/01/01/big/index.html')).toContain('Paragraph number 9999 says something.')
  })

  it('refuses 5,000 ">" on one line at that line', async () => {
    const { published, printed } = await survives(`${'>'.repeat(5000)} deep`)
    expect(published).toBe(false)
    expect(printed).toEqual(['content/big.md:6:1: error: The body nests block quotes or lists more than 64 levels deep. Flatten the nesting. [gazette:markdown-too-deep]'])
  })

  it('refuses 5,000 nested list levels', async () => {
    const indented = await survives(Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i)}* item ${i}`).join('\n'))
    expect(indented.published).toBe(false)
    expect(indented.printed).toEqual(['content/big.md:70:1: error: The body nests block quotes or lists more than 64 levels deep. Flatten the nesting. [gazette:markdown-too-deep]'])
    const oneLine = await survives(`${'* '.repeat(5000)}x`)
    expect(oneLine.published).toBe(false)
  })

  it('survives 10,000 "[" brackets', async () => {
    const { published } = await survives('['.repeat(10_000))
    expect(published).toBe(true)
    await survives(`${'['.repeat(5000)}x${']'.repeat(5000)}`)
    await survives('[a]('.repeat(10_000))
    await survives('!['.repeat(10_000))
    await survives(`${'![a'.repeat(10_000)}${'](b)'.repeat(10_000)}`)
    await survives(`${'[a'.repeat(10_000)}${'](b)'.repeat(10_000)}`)
  })

  it('survives 50,000 "*" emphasis markers', async () => {
    expect((await survives('*'.repeat(50_000))).published).toBe(true)
    // Alternating markers make the parser pair delimiters in quadratic time (minutes): refused up front.
    const alternating = await survives(`${'*_'.repeat(25_000)}x${'_*'.repeat(25_000)}`)
    expect(alternating.printed).toEqual([
      'content/big.md:6:1: error: The paragraph here holds 100000 emphasis markers ("*", "_" or "~"), more than Gazette parses in reasonable time. Split it into shorter paragraphs, or escape the markers with "\\". [gazette:markdown-too-deep]'
    ])
    await survives('*a '.repeat(25_000))
    await survives(`${'~~a '.repeat(5000)}x${' a~~'.repeat(5000)}`)
    await survives('_'.repeat(50_000))
    await survives('`'.repeat(50_000))
  })

  it('refuses 10,000 nested <div>s from raw HTML cleanly', async () => {
    const { published, printed } = await survives(`${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}`)
    expect(published).toBe(false)
    expect(printed[0]).toMatch(/^content\/big\.md:6:\d+: error: The body nests (HTML elements more than 256 levels deep here|too deeply to render)\. Flatten its HTML, lists or block quotes\. \[gazette:markdown-too-deep\]$/)
  })

  it.each([300, 1000, 2000, 3000, 5000])('never lets %i nested elements through to the feeds and templates', async (depth) => {
    const results = await survivesEach([`${'<div>'.repeat(depth)}x`, `a ${'<span>'.repeat(depth)}x`, `${'<sup><sub>'.repeat(depth / 2)}x`, `${'<div>\n\n'.repeat(depth)}> x`, `${'~~a '.repeat(depth)}x${' a~~'.repeat(depth)}`])
    expect(results.map((result) => result.published)).toEqual([false, false, false, false, false])
  })

  it('publishes ordinary nesting', async () => {
    const { published } = await survives(`${'<div>'.repeat(50)}x${'</div>'.repeat(50)}\n\n${Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}* level ${i}`).join('\n')}\n\n${'> '.repeat(30)}quote`)
    expect(published).toBe(true)
  })

  it('survives other pathological shapes', async () => {
    await survives(`|a|\n|-|\n${'|x|\n'.repeat(5000)}`)
    await survives('&amp;'.repeat(25_000))
    await survives('<!--'.repeat(10_000))
    await survives(`${'<table>'.repeat(3000)}`)
    await survives(`${'<a href="x">'.repeat(5000)}x`)
    await survives(`${'[^1]'.repeat(5000)}\n\n[^1]: note`)
    await survives(Array.from({ length: 3000 }, (_, i) => `[^${i}]: ${'[^' + (i + 1) + ']'}`).join('\n'))
  })

  it('stops the build cleanly without keepGoing', async () => {
    const { report, pages } = await buildInMemory({ 'content/big.md': article({ title: 'Big', date: '2024-01-01' }, '>'.repeat(5000)), ...good })
    expect(report.ok).toBe(false)
    expect(report.written).toBe(false)
    expect(pages.size).toBe(0)
  })
})
