import { describe, expect, it } from 'vitest'
import { formatMessages } from '../../src/diagnostics.js'
import { frontmatterKeys } from '../../src/frontmatter.js'
import { article, buildInMemory } from '../helpers.js'

declare global {
  // eslint-disable-next-line no-var
  var __pwned: unknown
}

/** Every message as the CLI prints it: `path:line:column: severity: reason [gazette:rule]`. */
async function build(files: Record<string, string | Uint8Array>) {
  const result = await buildInMemory(files)
  return { ...result, printed: formatMessages(result.report.files) }
}

const articlePage = (pages: Map<string, string>) => [...pages.keys()].filter((path) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(path))

describe('code never runs', () => {
  const payload = 'module.exports = (() => { globalThis.__pwned = true; return { title: "x", date: "2024-01-01" } })()'
  it.each([
    ['---js', 'js'],
    ['---javascript', 'javascript'],
    ['---JS', 'JS'],
    ['--- js', 'js'],
    ['---\tjavascript ', 'javascript'],
    ['---coffee', 'coffee'],
    ['---JavaScript', 'JavaScript'],
    ['---json', 'json'],
    ['---toml', 'toml']
  ])('refuses %j frontmatter at 1:4 without running it', async (fence, label) => {
    globalThis.__pwned = undefined
    for (const newline of ['\n', '\r\n']) {
      const text = `${fence}${newline}${payload}${newline}---${newline}${newline}Body.${newline}`
      const { report, pages, printed } = await build({ 'content/a.md': text, 'content/good.md': article({ title: 'Good', date: '2024-01-02' }, 'Fine.') })
      expect(report.ok).toBe(false)
      expect(printed).toEqual([
        `content/a.md:1:4: error: Frontmatter marked "${label}" is not read: Gazette accepts YAML frontmatter only and never runs code. Remove "${label}" after the opening "---". [gazette:frontmatter-language]`
      ])
      expect(pages.size).toBe(0)
    }
    expect(globalThis.__pwned).toBeUndefined()
  })

  it('refuses code frontmatter after a byte order mark too', async () => {
    const { printed } = await build({ 'content/a.md': `\uFEFF---js\n${payload}\n---\nBody` })
    expect(printed).toEqual([expect.stringMatching(/^content\/a\.md:1:4: error: Frontmatter marked "js" is not read.*\[gazette:frontmatter-language\]$/)])
    expect(globalThis.__pwned).toBeUndefined()
  })

  it('refuses TOML and JSON fences with a clear message', async () => {
    const { printed } = await build({ 'content/a.md': '+++\ntitle = "x"\n+++\nBody', 'content/b.md': ';;;\n{"title": "x"}\n;;;\nBody' })
    expect(printed).toEqual([
      'content/a.md:1:1: error: Frontmatter opened with "+++" is not read: Gazette accepts YAML frontmatter only. Write it as YAML between two "---" lines. [gazette:frontmatter-language]',
      'content/b.md:1:1: error: Frontmatter opened with ";;;" is not read: Gazette accepts YAML frontmatter only. Write it as YAML between two "---" lines. [gazette:frontmatter-language]'
    ])
  })

  it('accepts a fence labelled yaml', async () => {
    const { report, pages } = await build({ 'content/a.md': '---yaml\ntitle: Labelled\ndate: 2024-01-01\n---\nBody' })
    expect(report.ok).toBe(true)
    expect(pages.has('2024/01/01/labelled/index.html')).toBe(true)
  })

  it('refuses YAML tags that construct code or objects', async () => {
    globalThis.__pwned = undefined
    const { report, printed } = await build({
      'content/a.md': '---\ntitle: !!js/function "function () { globalThis.__pwned = true }"\ndate: 2024-01-01\n---\nBody',
      'content/b.md': '---\ntitle: !!js/undefined ""\ndate: 2024-01-01\n---\nBody',
      'content/c.md': '---\ntitle: !custom value\ndate: 2024-01-01\n---\nBody',
      'content/d.md': '---\ntitle: !!python/object:os.system ["id"]\ndate: 2024-01-01\n---\nBody'
    })
    expect(report.ok).toBe(false)
    expect(printed).toEqual([
      'content/a.md:2:8: error: Invalid YAML in frontmatter: Unresolved tag: tag:yaml.org,2002:js/function. Fix the YAML between the "---" lines. [gazette:frontmatter-yaml]',
      'content/b.md:2:8: error: Invalid YAML in frontmatter: Unresolved tag: tag:yaml.org,2002:js/undefined. Fix the YAML between the "---" lines. [gazette:frontmatter-yaml]',
      'content/c.md:2:8: error: Invalid YAML in frontmatter: Unresolved tag: !custom. Fix the YAML between the "---" lines. [gazette:frontmatter-yaml]',
      'content/d.md:2:8: error: Invalid YAML in frontmatter: Unresolved tag: tag:yaml.org,2002:python/object:os.system. Fix the YAML between the "---" lines. [gazette:frontmatter-yaml]'
    ])
    expect(globalThis.__pwned).toBeUndefined()
  })

  it('shows template syntax literally, in the title and the body', async () => {
    const snippets = ['{{ 7*7 }}', '<% 7*7 %>', '${7*7}', '{% 7*7 %}', '#{7*7}', "{{constructor.constructor('globalThis.__pwned=1')()}}", '<%= process.exit(1) %>', '{{{raw}}}']
    globalThis.__pwned = undefined
    const { report, pages } = await build({ 'content/a.md': article({ title: `Template {{ 7*7 }} \${7*7}`, date: '2024-01-01', summary: '<%= 7*7 %>' }, snippets.map((snippet) => `Text ${snippet} here.`).join('\n\n')) })
    expect(report.ok).toBe(true)
    const [path] = articlePage(pages)
    const html = pages.get(path!)!
    const text = html.replace(/<[^>]+>/g, '').replace(/&#x3C;/g, '<').replace(/&#x26;/g, '&').replace(/&#x27;/g, "'").replace(/&#x22;/g, '"')
    for (const snippet of snippets) expect(text).toContain(`Text ${snippet} here.`)
    expect(text).toContain('Template {{ 7*7 }} ${7*7}')
    expect(text).not.toMatch(/\b49\b/)
    expect(JSON.parse(pages.get('feed.json')!).items[0]).toMatchObject({ title: 'Template {{ 7*7 }} ${7*7}', summary: '<%= 7*7 %>' })
    expect(globalThis.__pwned).toBeUndefined()
  })
})

describe('YAML frontmatter', () => {
  it('reports syntax errors at the file, line and column', async () => {
    const { report, printed } = await build({
      'content/colon.md': '---\ntitle: Fine: really\ndate: 2024-01-01\n---\nBody',
      'content/tab.md': '---\ntitle: Fine\n\tdate: 2024-01-01\n---\nBody',
      'content/indent.md': '---\ntitle: Fine\ndate: 2024-01-01\n  tags: x\n---\nBody'
    })
    expect(report.ok).toBe(false)
    expect(printed).toEqual([
      'content/colon.md:2:8: error: Invalid YAML in frontmatter: Nested mappings are not allowed in compact mappings. A value holding ": " must be quoted: write title: "Fine: really". [gazette:frontmatter-yaml]',
      'content/indent.md:3:7: error: Invalid YAML in frontmatter: Nested mappings are not allowed in compact mappings. Fix the YAML between the "---" lines. [gazette:frontmatter-yaml]',
      'content/tab.md:3:1: error: Invalid YAML in frontmatter: Tabs are not allowed as indentation. Fix the YAML between the "---" lines. [gazette:frontmatter-yaml]'
    ])
  })

  it('reports two identical broken files separately, each with its own path', async () => {
    const broken = '---\ntitle: "unterminated\ndate: 2024-01-01\n---\nBody'
    const { report, printed, messages } = await build({ 'content/one.md': broken, 'content/two.md': broken, 'content/sub/one.md': broken })
    expect(report.ok).toBe(false)
    expect(messages).toHaveLength(3)
    expect(printed.map((line) => line.replace(/: error: .*$/, ''))).toEqual(['content/one.md:4:1', 'content/sub/one.md:4:1', 'content/two.md:4:1'])
    for (const line of printed) expect(line).toMatch(/Missing closing "quote\. Fix the YAML between the "---" lines\. \[gazette:frontmatter-yaml\]$/)
  })

  it('refuses duplicate keys, at any depth, pointing at the second copy', async () => {
    const { printed } = await build({
      'content/a.md': '---\ntitle: A\ndate: 2024-01-01\ntitle: B\n---\nBody',
      'content/b.md': '---\ntitle: A\ndate: 2024-01-01\nseed:\n  file: x\n  sha256: y\n  file: z\n---\nBody'
    })
    expect(printed).toEqual([
      'content/a.md:4:1: error: Invalid YAML in frontmatter: the key "title" appears twice (first on line 2). Keep one of them. [gazette:frontmatter-yaml]',
      'content/b.md:7:3: error: Invalid YAML in frontmatter: the key "file" appears twice (first on line 5). Keep one of them. [gazette:frontmatter-yaml]'
    ])
  })

  it('refuses an alias bomb (billion laughs) without expanding it', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 12; i++) {
      const name = String.fromCharCode(97 + i)
      const previous = String.fromCharCode(96 + i)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`)
    }
    const started = performance.now()
    const { report, printed } = await build({ 'content/bomb.md': `---\ntitle: Bomb\ndate: 2024-01-01\n${levels.join('\n')}\n---\nBody`, 'content/ok.md': article({ title: 'OK', date: '2024-01-01' }, 'Fine.') })
    const elapsed = performance.now() - started
    expect(report.ok).toBe(false)
    expect(printed).toEqual([
      'content/bomb.md:2:1: error: Invalid YAML in frontmatter: its aliases ("*name") would expand into too much data. Write the values out instead of repeating aliases. [gazette:frontmatter-yaml]'
    ])
    // Not a timing assertion: the elapsed time is only recorded with the result.
    expect(elapsed).toBeGreaterThan(0)
  })

  it('keeps a few aliases working', async () => {
    const { report, printed } = await build({ 'content/a.md': '---\ntitle: &t Aliased\nsummary: *t\ndate: 2024-01-01\n---\nBody' })
    expect(report.ok).toBe(true)
    expect(printed).toEqual([])
  })

  it('keeps "__proto__" and "constructor" keys inert', async () => {
    const { report, printed, pages } = await build({
      'content/a.md': '---\ntitle: Proto\ndate: 2024-01-01\n__proto__:\n  polluted: true\n  isAdmin: true\nconstructor:\n  prototype:\n    polluted: true\n---\nBody',
      'content/b.md': '---\ntitle: Proto two\ndate: 2024-01-01\n"__proto__": {draft: true, polluted: true}\n---\nBody',
      'content/c.md': '---\ntitle: Proto three\ndate: 2024-01-01\nseed: {file: x, sha256: y, __proto__: {polluted: true}}\n---\nBody'
    })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(Object.prototype).not.toHaveProperty('isAdmin')
    expect(printed.filter((line) => !line.includes('[gazette:frontmatter-unknown-key]'))).toEqual([])
    expect(printed).toContain(`content/a.md:4:1: warning: Unknown frontmatter key "__proto__" is ignored. Known keys: ${[...frontmatterKeys].join(', ')}. [gazette:frontmatter-unknown-key]`)
    expect(report.ok).toBe(true)
    // "draft: true" inside __proto__ did not make the article a draft.
    expect(articlePage(pages)).toEqual(['2024/01/01/proto-three/index.html', '2024/01/01/proto-two/index.html', '2024/01/01/proto/index.html'].sort())
  })

  it.each([
    ['a list', '---\n- title\n- date\n---\nBody'],
    ['a scalar', '---\njust some words\n---\nBody'],
    ['a number', '---\n42\n---\nBody'],
    ['a quoted string', '---\n"title: x"\n---\nBody']
  ])('refuses frontmatter that is %s', async (_, text) => {
    const { printed } = await build({ 'content/a.md': text })
    expect(printed).toEqual(['content/a.md:2:1: error: The frontmatter must be a mapping of keys to values, such as "title: …" and "date: …" on their own lines. [gazette:frontmatter-not-mapping]'])
  })

  it.each([
    ['never closed', '---\ntitle: Open\ndate: 2024-01-01\n\nBody'],
    ['only an opening line', '---'],
    ['an opening line and a newline', '---\n']
  ])('refuses frontmatter that is %s', async (_, text) => {
    const { printed } = await build({ 'content/a.md': text })
    expect(printed).toEqual(['content/a.md:1:1: error: The frontmatter opened on line 1 is never closed. Add a line "---" after the last frontmatter key. [gazette:frontmatter-unclosed]'])
  })

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31'])('refuses the date %s, blaming its day', async (date) => {
    const { printed } = await build({ 'content/a.md': `---\ntitle: Dated\ndate: ${date}\n---\nBody` })
    expect(printed).toEqual([
      `content/a.md:3:7: error: Frontmatter "date" is "${date}", which is not a real ISO 8601 date. Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ with a day that exists in that month. [gazette:date-invalid]`
    ])
  })

  it.each(['2024-1-1', '01/02/2024', 'yesterday'])('refuses the date %s, showing the form to write', async (date) => {
    const { printed } = await build({ 'content/a.md': `---\ntitle: Dated\ndate: ${date}\n---\nBody` })
    expect(printed).toEqual([
      `content/a.md:3:7: error: Frontmatter "date" is "${date}", which is not a real ISO 8601 date. Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, such as "2024-05-01" or "2024-05-01T09:30:00Z". [gazette:date-invalid]`
    ])
  })

  it.each(['2024-01-01T24:00', '2024-01-01T24:00:00Z', '2024-01-01T23:60', '2024-01-01T12:00:60Z', '2024-01-01T10:00+25:00'])('refuses the date %s, blaming its time and not its day', async (date) => {
    const { printed } = await build({ 'content/a.md': `---\ntitle: Dated\ndate: ${date}\n---\nBody` })
    expect(printed).toEqual([
      `content/a.md:3:7: error: Frontmatter "date" is "${date}", whose day is right but whose time "${date.slice(11)}" Gazette cannot read. Write the time as HH:MM or HH:MM:SS, with an offset such as Z, +02:00 or UTC if it has one: "2024-01-01T09:30:00+02:00". [gazette:date-invalid]`
    ])
  })

  it.each([
    ['2024-02-29', '2024/02/29/'],
    ['2024-12-31T23:59:59Z', '2024/12/31/'],
    ['2024-01-01T00:00:00+01:00', '2023/12/31/'],
    ['"2000-02-29"', '2000/02/29/']
  ])('accepts the date %s', async (date, folder) => {
    const { report, pages } = await build({ 'content/a.md': `---\ntitle: Dated\ndate: ${date}\n---\nBody` })
    expect(report.ok).toBe(true)
    expect(pages.has(`${folder}dated/index.html`)).toBe(true)
  })

  it('refuses deeply nested YAML cleanly', async () => {
    const { printed } = await build({ 'content/a.md': `---\ntitle: Deep\ndate: 2024-01-01\nx: ${'['.repeat(10000)}${']'.repeat(10000)}\n---\nBody` })
    expect(printed).toHaveLength(1)
    expect(printed[0]).toMatch(/^content\/a\.md:4:\d+: error: Invalid YAML in frontmatter: it nests too deeply to read\. .*\[gazette:frontmatter-yaml\]$/)
  })

  it('quotes hostile values in messages safely and briefly', async () => {
    const { printed } = await build({ 'content/a.md': `---\ntitle: T\ndate: 2024-01-01\nslug: "${'x/'.repeat(200)}\\u0000\\u001b[31m"\n---\nBody` })
    expect(printed).toHaveLength(2)
    expect(printed[0]).toMatch(/^content\/a\.md:4:7: warning: Frontmatter "slug" holds control characters, .*\[gazette:text-control\]$/)
    expect(printed[1]).toMatch(/^content\/a\.md:4:7: error: Frontmatter "slug" is "(x\/){30}…", which is not one safe path segment\. .*\[gazette:slug-invalid\]$/)
    expect(printed.join('\n')).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/)
  })
})
