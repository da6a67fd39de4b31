import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Nodes } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { describe, expect, it, vi } from 'vitest'
import { article, buildInMemory } from './helpers.js'
import { vectors } from './security/vectors.js'

// Every tree the build serializes is written by hast-util-to-html too, to compare.
const serialized = vi.hoisted(() => [] as Array<{ ours: string; theirs: string }>)
vi.mock('../src/html.js', async (importOriginal) => {
  const { serializeHtml } = await importOriginal<typeof import('../src/html.js')>()
  return {
    serializeHtml(tree: Nodes) {
      const ours = serializeHtml(tree)
      serialized.push({ ours, theirs: toHtml(tree) })
      return ours
    }
  }
})

const fixture = join(import.meta.dirname, 'fixtures', 'site')

function filesOf(folder: string, prefix: string): Record<string, string> {
  return Object.fromEntries(readdirSync(join(fixture, folder)).map((name) => [`${prefix}/${name}`, readFileSync(join(fixture, folder, name), 'utf8')]))
}

describe('serializeHtml in a build', () => {
  it('writes every page and feed body as hast-util-to-html would, hostile input included', async () => {
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
    const htmlPages = [...pages.keys()].filter((path) => path.endsWith('.html'))
    // Each page is one tree; each feed item's body is another.
    expect(serialized.length).toBeGreaterThanOrEqual(htmlPages.length)
    expect(htmlPages.length).toBeGreaterThan(10)
    for (const { ours, theirs } of serialized) expect(ours).toBe(theirs)
    for (const path of htmlPages) expect(serialized.some(({ ours }) => pages.get(path) === `${ours}\n`), path).toBe(true)
  })
})
