/**
 * Property tests over the whole pipeline: whatever the content files hold, the build returns a
 * report (it never throws), every message is well-formed, and nothing in the output can run.
 * Runs are bounded (60 per property, short inputs) so the suite stays fast.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatMessages } from '../../src/diagnostics.js'
import { buildInMemory } from '../helpers.js'
import { siteProblems } from './safe-output.js'

/** 30 runs per property by default; set FUZZ_RUNS for a longer hunt. */
const numRuns = Number(process.env.FUZZ_RUNS ?? 30)

const markdownFragments = ['*', '**', '_', '__', '~~', '[', ']', '](', ')', '![', '<', '>', '> ', '- ', '1. ', '# ', '`', '```', '|', '|---|', '\\', '&', '&#106;', '&amp;', ':', 'javascript:', 'JaVaScRiPt:', 'java\tscript:', 'data:text/html,', 'vbscript:', '<script>', '</script>', 'alert(1)', '<img src=x onerror=', '<svg onload=alert(1)>', '<a href="', '">', '<iframe src=', '<style>', '<!--', '-->', '<![CDATA[', ']]>', '---', '...', '\n', '\n\n', ' ', '    ', '\t', 'text', 'word', '[^1]', '[^1]: note', '[1]: ', '{{ x }}', '<% x %>', '${x}', '<math>', '<form>', '<base href=', '<meta http-equiv=refresh content="0;url=javascript:alert(1)">', '\u0000', '\uFEFF', '\u202E', '\u2028', 'é', 'e\u0301', '日本', '🎉']
const htmlFragments = ['<div>', '</div>', '<p>', '<a href="javascript:alert(1)">', '<a href="#x">', '</a>', '<img src=x onerror=alert(1)>', '<svg>', '</svg>', '<math>', '<mtext>', '<table>', '<td>', '<select>', '<template>', '<noscript>', '<textarea>', '</textarea>', '<title>', '<xmp>', '<iframe srcdoc="<script>alert(1)</script>">', '<object data=x>', '<embed src=x>', '<form action=javascript:alert(1)>', '<button formaction=javascript:alert(1)>', '<style>', '</style>', '<script>alert(1)</script>', '<base href=//evil>', '" onmouseover="alert(1)', "' onfocus='alert(1)", '<!--', '-->', '--!>', '<![CDATA[', ']]>', '&lt;', '&#x3C;', '&', 'x', ' ', '\n', '\n\n']

const markdownish = fc.array(fc.constantFrom(...markdownFragments), { maxLength: 40 }).map((parts) => parts.join(''))
const htmlish = fc.array(fc.constantFrom(...htmlFragments), { maxLength: 40 }).map((parts) => parts.join(''))
const unicode = fc.string({ unit: 'binary', maxLength: 80 })
const body = fc.oneof(markdownish, htmlish, unicode, fc.tuple(markdownish, htmlish, unicode).map((parts) => parts.join('\n\n')))

/** A YAML-ish value: sometimes valid YAML, sometimes broken, sometimes hostile. */
const yamlValue = fc.oneof(
  fc.string({ maxLength: 30 }).map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', '"', "'", '[', '{', '&a x', '*a', '!!js/function "f"', '!custom x', '|', '>', '- x', 'a: b', '"</script><script>alert(1)</script>"', '"\\"><img src=x onerror=alert(1)>"', '"]]>"', '"javascript:alert(1)"', '"https://example.org/?q=\\"><script>"', '2024-02-30', '2024-02-29', 'null', 'true', '1e999', '[a, b]', '{__proto__: {polluted: true}}')
)
const key = fc.constantFrom('title', 'date', 'summary', 'tags', 'slug', 'draft', 'source', 'sourceUrl', 'seed', '__proto__', 'constructor', 'x', '<<')
const frontmatter = fc.oneof(
  fc.array(fc.tuple(key, yamlValue), { maxLength: 8 }).map((pairs) => ['date: 2024-03-01', ...pairs.map(([k, v]) => `${k}: ${v}`)].join('\n')),
  fc.array(fc.tuple(key, yamlValue), { maxLength: 8 }).map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join('\n')),
  markdownish
)
const opening = fc.constantFrom('---', '---', '---', '---js', '--- yaml', '+++', '', '\uFEFF---')
const closing = fc.constantFrom('---', '---', '...', '', '--- ')
const file = fc.tuple(opening, frontmatter, closing, body).map(([open, fm, close, text]) => `${open}\n${fm}\n${close}\n${text}`)

/** Run a build and check what every build must hold, whatever it was given. */
async function check(files: Record<string, string | Uint8Array>): Promise<void> {
  const { report, pages } = await buildInMemory(files, { keepGoing: true })
  expect(typeof report.ok).toBe('boolean')
  for (const line of formatMessages(report.files)) {
    expect(line).toMatch(/^(content|seeds)\/[^\n]+?(:\d+:\d+)?: (error|warning): [^\n]+ \[gazette:[a-z-]+\](\n {2}.*)*$/)
  }
  expect(siteProblems(pages)).toEqual([])
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
}

describe('fuzzing the whole pipeline', () => {
  it('never throws and never publishes executable markup for random Markdown-ish bodies', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        await check({ 'content/a.md': `---\ntitle: Fuzz\ndate: 2024-03-01\n---\n\n${text}\n` })
      }),
      { numRuns }
    )
  })

  it('never throws for random frontmatter, fences and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(file, file, async (a, b) => {
        await check({ 'content/a.md': a, 'content/b.md': b, 'content/good.md': '---\ntitle: Good\ndate: 2024-03-02\n---\n\nFine.\n' })
      }),
      { numRuns }
    )
  })

  it('never throws for random bytes as content and seeds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), async (content, seed) => {
        await check({ 'content/bytes.md': content, 'seeds/bytes.txt': seed })
      }),
      { numRuns }
    )
  })

  it('escapes random frontmatter strings in every output', async () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((value) => value.trim().length > 0)
    await fc.assert(
      fc.asyncProperty(text, text, fc.array(text, { maxLength: 3 }), text, async (title, summary, tags, source) => {
        const yaml = [`title: ${JSON.stringify(title)}`, `summary: ${JSON.stringify(summary)}`, `tags: ${JSON.stringify(tags)}`, `source: ${JSON.stringify(source)}`, 'date: 2024-03-01'].join('\n')
        await check({ 'content/a.md': `---\n${yaml}\n---\n\n${summary}\n` })
      }),
      { numRuns }
    )
  })
})
