import { parse, type DefaultTreeAdapterTypes } from 'parse5'
import { describe, expect, it } from 'vitest'
import { article, buildInMemory } from '../helpers.js'
import { fragmentProblems, jsonFeedProblems, pageProblems, schemeOf, siteProblems, xmlFeedProblems } from './safe-output.js'
import { vectors } from './vectors.js'

type Element = DefaultTreeAdapterTypes.Element


function elementsOf(html: string): Element[] {
  const found: Element[] = []
  const stack: DefaultTreeAdapterTypes.Node[] = [parse(html)]
  while (stack.length > 0) {
    const node = stack.pop()!
    if ('tagName' in node) found.push(node)
    if ('childNodes' in node) stack.push(...[...node.childNodes].reverse())
  }
  return found
}

function textContent(node: DefaultTreeAdapterTypes.Node): string {
  if ('value' in node && node.nodeName === '#text') return String(node.value)
  return 'childNodes' in node ? node.childNodes.map(textContent).join('') : ''
}

function articleContent(html: string): string {
  const content = elementsOf(html).find((element) => element.attrs.some((a) => a.name === 'class' && a.value.split(' ').includes('e-content')))
  return content ? textContent(content) : ''
}

describe('the checker', () => {
  it('sees schemes the way browsers do', () => {
    expect(schemeOf('java\tscript:x')).toBe('javascript')
    expect(schemeOf(' \u0001JAVASCRIPT:x')).toBe('javascript')
    expect(schemeOf('/a/b')).toBeUndefined()
    expect(schemeOf('#x')).toBeUndefined()
  })

  it('flags what it must flag', () => {
    const bad = '<!doctype html><html><head><meta http-equiv="refresh" content="0"></head><body><a href="&#106;avascript:x">a</a><img src=x onerror=y><iframe></iframe><script>x</script><a href="#nowhere">n</a></body></html>'
    const problems = pageProblems('a.html', bad, { fragments: true })
    expect(problems.join('\n')).toMatch(/http-equiv="refresh"/)
    expect(problems.join('\n')).toMatch(/scheme javascript/)
    expect(problems.join('\n')).toMatch(/onerror/)
    expect(problems.join('\n')).toMatch(/<iframe>/)
    expect(problems.join('\n')).toMatch(/<script>x/)
    expect(problems.join('\n')).toMatch(/#nowhere matches no id/)
    expect(problems.join('\n')).toMatch(/no Content-Security-Policy/)
    expect(fragmentProblems('f', '<svg onload=x>').length).toBeGreaterThanOrEqual(2)
    expect(xmlFeedProblems('feed.xml', '<feed><summary>]]></summary></feed>')).toHaveLength(1)
    expect(jsonFeedProblems('feed.json', '{"items":[{"content_html":"<script>x</script>"}]}')).toHaveLength(1)
  })
})

describe('scripts never run', () => {
  it('strips every script vector from Markdown and raw HTML, and still publishes each article', async () => {
    const files = Object.fromEntries(vectors.map((vector, index) => [`content/v${String(index).padStart(3, '0')}.md`, article({ title: `Vector ${index}`, date: '2024-03-01' }, `Before.\n\n${vector}\n\nAfter ${index}.`)]))
    const { report, pages, messages } = await buildInMemory(files)
    expect(messages).toEqual([])
    expect(report.ok).toBe(true)
    for (const [index] of vectors.entries()) {
      const page = pages.get(`2024/03/01/vector-${index}/index.html`)
      expect(page, `vector ${index}`).toBeDefined()
      expect(articleContent(page!)).toContain(`After ${index}.`)
    }
    expect(siteProblems(pages)).toEqual([])
  })

  it('strips them inline, in lists, quotes, tables, headings and link text too', async () => {
    // "]]>" in feed text has a test of its own below.
    const inline = vectors.filter((vector) => !vector.includes('\n') && !vector.includes(']]>'))
    const body = [
      inline.map((vector) => `Text ${vector} more.`).join('\n\n'),
      inline.map((vector) => `- item ${vector}`).join('\n'),
      inline.map((vector) => `> quote ${vector}`).join('\n>\n'),
      `| a | b |\n|---|---|\n${inline.map((vector) => `| ${vector.replaceAll('|', '\\|')} | x |`).join('\n')}`,
      inline.map((vector) => `## Heading ${vector}`).join('\n\n'),
      inline.map((vector) => `[${vector}](https://example.org/)`).join('\n\n')
    ].join('\n\n')
    const { report, pages } = await buildInMemory({ 'content/all.md': article({ title: 'All', date: '2024-03-01' }, body) })
    expect(report.ok).toBe(true)
    expect(pages.has('2024/03/01/all/index.html')).toBe(true)
    expect(siteProblems(pages)).toEqual([])
  })

  it('keeps safe links and images working', async () => {
    const body = '[web](https://example.org/a?b=1&c=2) [mail](mailto:desk@example.org) [rel](../other/) [frag](#top)\n\n![pic](https://example.org/p.png "P")\n\n<a href="https://example.org/raw">raw</a>'
    const { pages } = await buildInMemory({ 'content/a.md': article({ title: 'Links', date: '2024-03-01' }, body) })
    const page = pages.get('2024/03/01/links/index.html')!
    const hrefs = elementsOf(page).filter((e) => e.tagName === 'a').map((e) => e.attrs.find((a) => a.name === 'href')?.value)
    expect(hrefs).toEqual(expect.arrayContaining(['https://example.org/a?b=1&c=2', 'mailto:desk@example.org', '../other/', 'https://example.org/raw']))
    expect(elementsOf(page).find((e) => e.tagName === 'img')?.attrs).toEqual(expect.arrayContaining([{ name: 'src', value: 'https://example.org/p.png' }]))
  })

  it('escapes hostile frontmatter in <title>, attributes, meta tags, JSON-LD and feeds', async () => {
    const hostile = {
      title: '</script><script>alert(1)</script>\u2028<!--\u2029-->',
      summary: '"><img src=x onerror=alert(1)> \' onmouseover=\'alert(1)',
      tags: ['</script><script>alert(1)</script>', '"><svg onload=alert(1)>', "' onfocus='alert(1)"],
      source: '<script>alert(1)</script>',
      sourceUrl: 'https://example.org/?q="><script>alert(1)</script>'
    }
    const { report, pages } = await buildInMemory({ 'content/a.md': article({ ...hostile, date: '2024-03-01' }, 'Body.') })
    expect(report.ok).toBe(true)
    // rss.xml has its own test below: its <description> is HTML to feed readers.
    expect(siteProblems(new Map([...pages].filter(([path]) => path !== 'rss.xml')))).toEqual([])
    const [path, page] = [...pages].find(([p]) => /^2024\/03\/01\/[^/]+\/index\.html$/.test(p))!
    const elements = elementsOf(page)
    expect(textContent(elements.find((e) => e.tagName === 'title')!)).toBe(`${hostile.title} · Gazette`)
    const meta = (property: string) => elements.find((e) => e.tagName === 'meta' && e.attrs.some((a) => (a.name === 'property' || a.name === 'name') && a.value === property))?.attrs.find((a) => a.name === 'content')?.value
    expect(meta('og:title')).toBe(hostile.title)
    expect(meta('description')).toBe(hostile.summary)
    expect(elements.filter((e) => e.tagName === 'meta' && e.attrs.some((a) => a.value === 'article:tag')).map((e) => e.attrs.find((a) => a.name === 'content')?.value)).toEqual(hostile.tags)
    const jsonLd = JSON.parse(textContent(elements.find((e) => e.tagName === 'script')!))
    expect(jsonLd).toMatchObject({ headline: hostile.title, description: hostile.summary, isBasedOn: hostile.sourceUrl, sourceOrganization: { name: hostile.source } })
    expect(path).toMatch(/^2024\/03\/01\/[a-z0-9-]+\/index\.html$/)
    const feed = JSON.parse(pages.get('feed.json')!)
    expect(feed.items[0]).toMatchObject({ title: hostile.title, summary: hostile.summary, tags: hostile.tags, external_url: hostile.sourceUrl })
  })

  it('escapes a plain-text summary for the RSS <description>, which readers render as HTML', async () => {
    // feeds.ts: `x('description', article.summary ?? article.lede)` puts plain text where RSS
    // readers expect HTML, so a summary "<img src=x onerror=…>" becomes markup in the reader.
    const { pages } = await buildInMemory({ 'content/a.md': article({ title: 'T', summary: '"><img src=x onerror=alert(1)>', date: '2024-03-01' }, 'Body.') })
    expect(xmlFeedProblems('rss.xml', pages.get('rss.xml')!)).toEqual([])
  })

  it('writes feeds that stay well-formed when a value holds "]]>"', async () => {
    // feeds.ts: xast-util-to-xml escapes < and & but not the ">" of "]]>", which XML forbids in text.
    const { pages } = await buildInMemory({ 'content/a.md': article({ title: 'CDATA ]]> end', summary: 'Ends ]]> here', tags: [']]>'], date: '2024-03-01' }, 'Body ]]> text.') })
    expect(xmlFeedProblems('feed.xml', pages.get('feed.xml')!)).toEqual([])
    expect(xmlFeedProblems('rss.xml', pages.get('rss.xml')!)).toEqual([])
  })

  it('refuses a sourceUrl that is not http(s)', async () => {
    for (const url of ['javascript:alert(1)', 'JavaScript://%0aalert(1)', 'data:text/html,x', 'vbscript:x', 'java\tscript:alert(1)']) {
      const { report, messages } = await buildInMemory({ 'content/a.md': article({ title: 'T', date: '2024-03-01', sourceUrl: url }, 'Body.') })
      expect(report.ok, url).toBe(false)
      expect(messages).toEqual([expect.stringMatching(/^content\/a\.md:4:12: Frontmatter "sourceUrl" must be an absolute http\(s\) URL/)])
    }
  })

  it('keeps footnotes and heading anchors linked after sanitizing', async () => {
    const body = [
      'A claim[^1] and [another][^note], see [the details](#details) and [café](#café--co).',
      '## Details',
      '## Café & Co',
      '<a href="#details">raw link</a>',
      '[^1]: First note.',
      '[^note]: Second note with [a link](https://example.org/).'
    ].join('\n\n')
    const { pages } = await buildInMemory({ 'content/a.md': article({ title: 'Notes', date: '2024-03-01' }, body) })
    const page = pages.get('2024/03/01/notes/index.html')!
    expect(pageProblems('2024/03/01/notes/index.html', page, { fragments: true })).toEqual([])
    const elements = elementsOf(page)
    const ids = new Set(elements.flatMap((e) => e.attrs.filter((a) => a.name === 'id').map((a) => a.value)))
    const fragments = elements.filter((e) => e.tagName === 'a').flatMap((e) => e.attrs.filter((a) => a.name === 'href' && a.value.startsWith('#')).map((a) => decodeURIComponent(a.value.slice(1))))
    expect(fragments).toEqual(expect.arrayContaining(['user-content-fn-1', 'user-content-fn-note', 'user-content-fnref-1', 'user-content-details', 'user-content-café--co']))
    expect(fragments.filter((fragment) => fragment.startsWith('user-content-'))).toHaveLength(7)
    for (const fragment of fragments) expect(ids.has(fragment), fragment).toBe(true)
  })

  it('emits a strict Content-Security-Policy on every page', async () => {
    const { pages } = await buildInMemory({ 'content/a.md': article({ title: 'A', date: '2024-03-01', tags: ['x'], source: 'S' }, 'Body.') }, { search: true })
    const html = [...pages.keys()].filter((path) => path.endsWith('.html'))
    expect(html.length).toBeGreaterThan(8)
    for (const path of html) {
      const policy = elementsOf(pages.get(path)!).find((e) => e.tagName === 'meta' && e.attrs.some((a) => a.name === 'http-equiv' && a.value.toLowerCase() === 'content-security-policy'))?.attrs.find((a) => a.name === 'content')?.value
      expect(policy, path).toBeDefined()
      expect(policy).toContain("object-src 'none'")
      expect(policy).toContain("base-uri 'none'")
      if (path === 'search/index.html') expect(policy).toMatch(/script-src 'self'/)
      else expect(policy).toContain("script-src 'none'")
      expect(policy).not.toMatch(/unsafe-inline/)
    }
  })
})
