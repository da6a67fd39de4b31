import type { Element, Root as HastRoot, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import type { Root as MdastRoot } from 'mdast'
import { describe, expect, it } from 'vitest'
import { resolveConfig, type ResolvedConfig } from '../src/config.js'
import { formatMessage } from '../src/diagnostics.js'
import { parseArticle } from '../src/parse.js'
import { excerptLength } from '../src/text/excerpt.js'
import { maxElementDepth, renderArticle, userIdPrefix } from '../src/render.js'
import type { DedupedArticle } from '../src/types.js'
import { fragmentProblems } from './security/safe-output.js'

const config = (resolveConfig({}) as { config: ResolvedConfig }).config

function render(body: string) {
  const parsed = parseArticle({ path: 'content/a.md', kind: 'markdown', bytes: new TextEncoder().encode(`---\ntitle: T\ndate: 2024-01-01\n---\n\n${body}\n`) }, config)
  if (!parsed.article) throw new Error(parsed.file.messages.map(String).join('\n'))
  const article: DedupedArticle = { ...parsed.article, removed: 0 }
  const rendered = renderArticle(article)
  return { rendered, html: rendered ? toHtml(rendered.body) : '', printed: parsed.file.messages.map(formatMessage) }
}

function elements(root: HastRoot): Element[] {
  const found: Element[] = []
  const stack: Array<HastRoot | RootContent> = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'element') found.push(node)
    if ('children' in node) stack.push(...node.children)
  }
  return found
}

describe('renderArticle', () => {
  it('renders a tight list without paragraphs, and a list loose in any item with them in every item', () => {
    expect(render('- one\n- two\n- three').html).toBe('<ul>\n<li>one</li>\n<li>two</li>\n<li>three</li>\n</ul>')
    expect(render('- one\n\n- two').html).toBe('<ul>\n<li>\n<p>one</p>\n</li>\n<li>\n<p>two</p>\n</li>\n</ul>')
    // One item of two paragraphs makes the whole list loose; a list inside an item keeps its own.
    expect(render('1. one\n2. two\n\n   more two\n3. three\n   - inner\n   - list').html).toBe(
      '<ol>\n<li>\n<p>one</p>\n</li>\n<li>\n<p>two</p>\n<p>more two</p>\n</li>\n<li>\n<p>three</p>\n<ul>\n<li>inner</li>\n<li>list</li>\n</ul>\n</li>\n</ol>'
    )
  })

  it("renders Hugo's figure, youtube and vimeo shortcodes as what they stand for, and leaves the rest as written", () => {
    const { html, printed } = render(
      [
        'The cranes came back on Monday.',
        '{{< figure src="img/crane.jpg" alt="A crane at dawn" caption="The first crane, at dawn" >}}',
        "{{% figure src='img/crane.jpg' title=\"Again\" link=\"https://example.org/full\" %}}",
        '{{< youtube w7Ft2ymGmfc >}}',
        '{{< vimeo id="146022717" title="The harbour from above" >}}',
        '{{< youtube id="bad id" >}}',
        '{{< tweet user="x" id="1" >}}',
        'Text with {{< figure src="inline.jpg" >}} inside.'
      ].join('\n\n')
    )
    expect(printed).toEqual([])
    expect(html).toContain('<figure><img src="/media/img/crane.jpg" alt="A crane at dawn"><figcaption>The first crane, at dawn</figcaption></figure>')
    expect(html).toContain('<figure><a href="https://example.org/full"><img src="/media/img/crane.jpg" alt=""></a><figcaption>Again</figcaption></figure>')
    expect(html).toContain('<p><a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc">Video: https://www.youtube.com/watch?v=w7Ft2ymGmfc</a></p>')
    expect(html).toContain('<p><a href="https://vimeo.com/146022717">The harbour from above</a></p>')
    for (const kept of ['{{&#x3C; youtube id="bad id" >}}', '{{&#x3C; tweet user="x" id="1" >}}', 'Text with {{&#x3C; figure src="inline.jpg" >}} inside.']) expect(html).toContain(kept)
  })

  it('renders a list of 5,000 items', () => {
    const { html } = render(Array.from({ length: 5_000 }, (_, index) => `- item ${index}`).join('\n'))
    expect(html.match(/<li>/g)).toHaveLength(5_000)
    expect(html).not.toContain('<p>')
    expect(html).toContain('<li>item 4999</li>')
  })

  it('drops scripts, handlers, unsafe URLs and dangerous elements from raw HTML', () => {
    const { html, printed } = render('<script>alert(1)</script>\n\n<p onclick="x">Hi <a href="javascript:alert(1)">a</a> <a href="https://example.org/">b</a></p>\n\n<iframe src="https://example.org"></iframe><form><input></form>\n\n<svg onload="x"><circle/></svg>')
    expect(printed).toEqual([])
    expect(fragmentProblems('body', html)).toEqual([])
    expect(html).toContain('<a href="https://example.org/">b</a>')
    expect(html).toContain('Hi a <a')
    expect(html).not.toMatch(/<script|onclick|iframe|<form|<input|<svg/)
  })

  it('prefixes ids from the text, and points fragment links at them', () => {
    const { rendered } = render('[to details](#details) and a note[^n].\n\n## Details\n\n<p id="main">clobber</p>\n\n[^n]: The note.')
    const all = elements(rendered!.body)
    const ids = all.flatMap((element) => (typeof element.properties.id === 'string' ? [element.properties.id] : []))
    expect(ids.every((id) => id.startsWith(userIdPrefix))).toBe(true)
    expect(ids).toEqual(expect.arrayContaining([`${userIdPrefix}details`, `${userIdPrefix}main`, `${userIdPrefix}fn-n`, `${userIdPrefix}fnref-n`]))
    const hrefs = all.filter((element) => element.tagName === 'a').map((element) => String(element.properties.href))
    expect(hrefs).toEqual(expect.arrayContaining([`#${userIdPrefix}details`, `#${userIdPrefix}fn-n`, `#${userIdPrefix}fnref-n`]))
    for (const href of hrefs.filter((h) => h.startsWith('#'))) expect(ids).toContain(decodeURIComponent(href.slice(1)))
  })

  it('keeps a fragment link that cannot be decoded as it is', () => {
    const { html } = render('[odd](#%E0%A4%A) text')
    expect(html).toContain('href="#%E0%A4%25A"')
  })

  it('refuses raw HTML nested deeper than the limit, at the element that crosses it', () => {
    const { rendered, printed } = render(`Intro.\n\n${'<div>'.repeat(maxElementDepth + 20)}x`)
    expect(rendered).toBeUndefined()
    expect(printed).toEqual([`content/a.md:8:${5 * (maxElementDepth + 1) + 1}: error: The body nests HTML elements more than ${maxElementDepth} levels deep here. Flatten its HTML, lists or block quotes. [gazette:markdown-too-deep]`])
  })

  it('refuses nesting that overflows the stack, at the body start', () => {
    const { rendered, printed } = render(`${'<div>'.repeat(20_000)}x`)
    expect(rendered).toBeUndefined()
    expect(printed).toHaveLength(1)
    expect(printed[0]).toMatch(/^content\/a\.md:6:\d+: error: The body nests (HTML elements more than 256 levels deep here|too deeply to render)\. Flatten its HTML, lists or block quotes\. \[gazette:markdown-too-deep\]$/)
  })

  it('renders nesting under the limit', () => {
    const { rendered, printed } = render(`${'<div>'.repeat(100)}deep${'</div>'.repeat(100)}`)
    expect(printed).toEqual([])
    expect(rendered).toBeDefined()
  })

  it('counts words and takes the lede from the first paragraph', () => {
    const { rendered } = render('# Heading\n\nThe  first\nparagraph.\n\nSecond one.')
    expect(rendered?.lede).toBe('The first paragraph.')
    expect(rendered?.words).toBe(6)
  })

  it('takes at most a few hundred characters of a long first paragraph as the lede, cut at a word', () => {
    const paragraph = 'The council met again on Monday to discuss the harbour. '.repeat(2000)
    const { rendered } = render(`${paragraph}\n\nSecond one.`)
    expect(rendered!.lede.length).toBeLessThanOrEqual(excerptLength + 1)
    expect(rendered!.lede.endsWith('…')).toBe(true)
    expect(paragraph.startsWith(rendered!.lede.slice(0, -1))).toBe(true)
    expect(rendered!.words).toBe(20_002)
  })

  it('renders a tree without positions', () => {
    const tree: MdastRoot = { type: 'root', children: [{ type: 'html', value: '<b onclick="x">bold</b>' }] }
    const parsed = parseArticle({ path: 'content/a.md', kind: 'markdown', bytes: new TextEncoder().encode('---\ntitle: T\ndate: 2024-01-01\n---\n') }, config)
    const rendered = renderArticle({ ...parsed.article!, tree, removed: 0 })
    expect(toHtml(rendered!.body)).toBe('<b>bold</b>')
  })
})

describe('what the sanitizer leaves, made right for readers', () => {
  it('shows a task list\'s checkboxes as ☑ and ☐, not as two identical bullets', () => {
    const { html } = render('- [x] Funding secured\n- [ ] Contractor chosen')
    expect(html).toContain('☑ Funding secured')
    expect(html).toContain('☐ Contractor chosen')
    expect(html).not.toContain('<input')
  })

  it('marks an image without alt text as decoration, and a link whose address was refused as plain text', () => {
    const { html } = render('See <img src="https://example.org/a.png"> and [this](javascript:alert(1)) or <a onclick="x()">that</a>.')
    expect(html).toContain('<img src="https://example.org/a.png" alt="">')
    expect(html).toContain('and this or that.')
    expect(html).not.toMatch(/<a[ >]/)
  })

  it('links a removed video, audio or frame to its http(s) source, without its fallback text', () => {
    expect(render('<video controls src="https://example.com/v.mp4">Your browser does not support video.</video>').html).toBe('<p><a href="https://example.com/v.mp4">Video: https://example.com/v.mp4</a></p>')
    expect(render('<video controls><source src="https://example.com/v.webm" type="video/webm">No video.</video>').html).toBe('<p><a href="https://example.com/v.webm">Video: https://example.com/v.webm</a></p>')
    expect(render('Listen: <audio controls src="https://example.com/a.mp3"></audio>').html).toBe('<p>Listen: <a href="https://example.com/a.mp3">Audio: https://example.com/a.mp3</a></p>')
    expect(render('<iframe src="https://www.youtube.com/embed/abc" title="Storm footage" allowfullscreen></iframe>').html).toBe('<p><a href="https://www.youtube.com/embed/abc">Storm footage</a></p>')
    expect(render('<iframe src="https://example.org/map"></iframe>').html).toBe('<p><a href="https://example.org/map">Embedded page: https://example.org/map</a></p>')
  })

  it('removes a video or frame with no http(s) source, and the paragraph it leaves empty', () => {
    const { html } = render('Before.\n\n<video src="javascript:alert(1)">Fallback.</video>\n\n<iframe src="data:text/html,x"></iframe>\n\n<p> </p>\n\n<p><br></p>\n\nAfter.')
    expect(html.replace(/\n+/g, '\n')).toBe('<p>Before.</p>\n<p>After.</p>')
  })

  it('keeps a figure with its caption', () => {
    expect(render('<figure><img src="https://example.com/a.jpg" alt="The flooded quay"><figcaption>The quay on Monday.</figcaption></figure>').html).toBe('<figure><img src="https://example.com/a.jpg" alt="The flooded quay"><figcaption>The quay on Monday.</figcaption></figure>')
  })

  it('makes a photo alone in its paragraph, with a title, a figure with the title its caption', () => {
    expect(render('![The flooded quay](https://example.com/a.jpg "The quay on Monday.")').html).toBe('<figure><img src="https://example.com/a.jpg" alt="The flooded quay"><figcaption>The quay on Monday.</figcaption></figure>')
    expect(render('[![The quay](https://example.com/a.jpg "The quay & the <harbour>.")](https://example.com/full)').html).toBe('<figure><a href="https://example.com/full"><img src="https://example.com/a.jpg" alt="The quay"></a><figcaption>The quay &#x26; the &#x3C;harbour>.</figcaption></figure>')
  })

  it.each(['![The quay](https://example.com/a.jpg)', 'See ![The quay](https://example.com/a.jpg "The quay") here.', '![The quay](https://example.com/a.jpg "  ")'])('keeps a photo with no title, or in a sentence, in its paragraph: %j', (markdown) => {
    expect(render(markdown).html).toMatch(/^<p>/)
  })

  it('lets a keyboard reach a code block or a table, so that a wide one can be scrolled', () => {
    expect(render('```\nconst x = 1\n```').html).toContain('<pre tabindex="0">')
    expect(render('| a | b |\n| --- | --- |\n| 1 | 2 |').html).toContain('<table tabindex="0">')
  })

  it('leaves raw HTML out of the lede that listings show', () => {
    const { rendered } = render('Text with <script>alert(1)</script> and <img src=x onerror=alert(2)> in it.')
    expect(rendered!.lede).toBe('Text with and in it.')
  })
})

describe('the lede', () => {
  it('is the first paragraph\'s text as shown, without footnote marks', () => {
    expect(render('The council met on *Tuesday*.[^1]\n\n[^1]: Minutes of the meeting.').rendered!.lede).toBe('The council met on Tuesday.')
  })

  it('is the first paragraph with text, after a photo, a heading or a list', () => {
    expect(render('![Storm](https://example.com/a.jpg)\n\nThe storm reached the coast at noon.').rendered!.lede).toBe('The storm reached the coast at noon.')
    expect(render('<p><img src="https://example.com/a.jpg" alt="Storm"></p>\n<p></p>\n<div><p>The storm reached the coast.</p></div>').rendered!.lede).toBe('The storm reached the coast.')
    expect(render('## What we know\n\n- Roads closed\n- Schools shut\n\nThe storm reached the coast.').rendered!.lede).toBe('The storm reached the coast.')
    expect(render('> A quotation.\n\n```\ncode\n```\n\nThe storm reached the coast.').rendered!.lede).toBe('The storm reached the coast.')
  })

  it('is the first item of a list in a body of lists, and nothing in a body without text', () => {
    expect(render('- Roads closed<br>on the coast\n- Schools shut').rendered!.lede).toBe('Roads closed on the coast')
    expect(render('1. Roads closed\n\n2. Schools shut').rendered!.lede).toBe('Roads closed')
    expect(render('![Storm](https://example.com/a.jpg)').rendered!.lede).toBe('')
  })

  it('has a space where a line was broken, raw or in Markdown', () => {
    expect(render('Line one<br>line two').rendered!.lede).toBe('Line one line two')
    expect(render('<p>Line one<br/>line two</p>').rendered!.lede).toBe('Line one line two')
    expect(render('Line one\\\nline two').rendered!.lede).toBe('Line one line two')
  })
})

describe('the words of a body', () => {
  it('are counted as readers see them, in raw HTML, tables and lines split by a break, and footnotes without their marks', () => {
    expect(render('<p>The council voted on the zebrafish ordinance.</p>\n<p>It passed.</p>').rendered!.words).toBe(9)
    expect(render('| Ward | Turnout |\n| --- | --- |\n| Harbourside | 41% |').rendered!.words).toBe(4)
    expect(render('Line one<br>line two.').rendered!.words).toBe(4)
    expect(render('The council met.[^1]\n\n[^1]: Minutes of the meeting.').rendered!.words).toBe(7)
    // An image's alt text is searched, but is no words to read.
    expect(render('![The flooded quay](https://example.com/a.jpg)\n\nThe storm came.').rendered!.words).toBe(3)
  })

  it('are given block by block, the prose apart from code, tables and footnotes', () => {
    const { rendered } = render('## Vote\n\n- yes\n- no\n\n```\nx = 1\n```\n\n| a |\n| - |\n| 1 |\n\nDone.[^1]\n\n[^1]: A note.')
    expect(rendered!.text.map((block) => [block.text.replace(/\s+/g, ' ').trim(), block.prose])).toEqual([
      ['Vote', true],
      ['yes no', true],
      ['x = 1', false],
      ['a 1', false],
      ['Done.', true],
      ['A note.', false]
    ])
  })
})

describe('links within the page, as other tools write them', () => {
  it('take a heading\'s {#id} out of its text and make it the heading\'s id, prefixed, where its fragment links point', () => {
    const { html } = render('[see the timeline](#timeline)\n\n## Timeline of events {#timeline}\n\n### Aftermath {#after-math}\n\n[back](#after-math)')
    expect(html).toContain(`<h2 id="${userIdPrefix}timeline">Timeline of events</h2>`)
    expect(html).toContain(`<h3 id="${userIdPrefix}after-math">Aftermath</h3>`)
    expect(html).toContain(`<a href="#${userIdPrefix}timeline">see the timeline</a>`)
    expect(html).toContain(`<a href="#${userIdPrefix}after-math">back</a>`)
    expect(html).not.toContain('{#')
  })

  it('leave braces in a heading that are no id as they are', () => {
    expect(render('## Sets like {a, b} {#}').html).toContain('<h2 id="user-content-sets-like-a-b-">Sets like {a, b} {#}</h2>')
  })

  it('keep an old page\'s <a name> or <a id> a target, prefixed as every id', () => {
    const { html } = render('[part two](#part2) and [part three](#part3)\n\n<a name="part2"></a>\n\nPart two.\n\n<p><a id="part3"></a>Part three.</p>')
    expect(html).toContain(`<p><a id="${userIdPrefix}part2"></a></p>`)
    expect(html).toContain(`<p><a id="${userIdPrefix}part3"></a>Part three.</p>`)
    expect(html).toContain(`<a href="#${userIdPrefix}part2">part two</a>`)
    expect(html).toContain(`<a href="#${userIdPrefix}part3">part three</a>`)
  })
})

describe('ids and alignment as HTML wants them', () => {
  it("gives no two elements one id: the footnotes keep theirs, and of the others the first keeps it", () => {
    const { rendered, html } = render('<a id="fnref-1">raw</a> text.[^1]\n\n## Part\n\n<a name="part"></a>\n\n[^1]: The note.')
    const ids = elements(rendered!.body).flatMap((element) => (typeof element.properties.id === 'string' ? [element.properties.id] : []))
    expect(new Set(ids).size).toBe(ids.length)
    // The note's back link reaches the mark, not the raw anchor before it.
    expect(html).toContain(`<a id="${userIdPrefix}fnref-1-1">raw</a>`)
    expect(html).toContain(`id="${userIdPrefix}fnref-1" data-footnote-ref`)
    expect(html).toContain(`<h2 id="${userIdPrefix}part">Part</h2>`)
    expect(html).toContain(`<a id="${userIdPrefix}part-1"></a>`)
  })

  it("gives no two elements one id: a heading yields to a footnote's or raw HTML's id, and a footnote mark reaches its note", () => {
    const { rendered, html } = render('Text with a note.[^1]\n\n<p id="intro">Raw intro.</p>\n\n## Intro\n\n## Footnote label\n\n## fn 1\n\n[^1]: The note.')
    const ids = elements(rendered!.body).flatMap((element) => (typeof element.properties.id === 'string' ? [element.properties.id] : []))
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expect.arrayContaining([`${userIdPrefix}intro`, `${userIdPrefix}intro-1`, `${userIdPrefix}fn-1`, `${userIdPrefix}fn-1-1`, `${userIdPrefix}footnote-label`, `${userIdPrefix}footnote-label-1`]))
    // The mark's link and its description still name the note and the notes' own label.
    expect(html).toContain(`href="#${userIdPrefix}fn-1"`)
    expect(html).toMatch(new RegExp(`<li id="${userIdPrefix}fn-1">`))
    expect(html).toMatch(new RegExp(`<h2 class="sr-only" id="${userIdPrefix}footnote-label">`))
    expect(html).toContain(`<h2 id="${userIdPrefix}fn-1-1">fn 1</h2>`)
    expect(fragmentProblems('body', html)).toEqual([])
  })

  it("writes a table column's alignment as a class, not the obsolete align attribute", () => {
    const { html } = render('| Port | Tonnes |\n| :--- | ---: |\n| North | 340 |')
    expect(html).not.toContain('align=')
    expect(html).toContain('<th class="align-right">Tonnes</th>')
    expect(html).toContain('<td class="align-left">North</td>')
  })
})

describe('images from other sites', () => {
  it('asks for an http image over https, which the pages let load, and leaves https and relative ones', () => {
    const { html } = render('![a](http://example.com/a.jpg) ![b](https://example.com/b.jpg) ![c](/static/c.jpg)')
    expect(html).toBe('<p><img src="https://example.com/a.jpg" alt="a"> <img src="https://example.com/b.jpg" alt="b"> <img src="/static/c.jpg" alt="c"></p>')
  })
})

describe('a video inside a link', () => {
  it('stands in as text, not as a link inside the link', () => {
    const { html } = render('<a href="https://x.example/page"><video src="https://e.example/v.mp4"></video></a> and [Watch <iframe src="https://e.example/f" title="Frame T"></iframe> now](https://y.example)')
    expect(html).not.toMatch(/<a [^>]*>[^<]*<a /)
    expect(html).toContain('<a href="https://x.example/page">Video: https://e.example/v.mp4</a>')
    expect(html).toContain('<a href="https://y.example">Watch Frame T now</a>')
  })
})

describe("WordPress's caption shortcode", () => {
  it('is the figure it stands for, its text the caption, and not the summary', () => {
    const { rendered, html } = render('[caption id="attachment_12" align="aligncenter" width="300"]<img src="https://example.com/a.jpg" alt="Harbour"> The harbour at dawn[/caption]\n\nShips returned on Monday.')
    expect(html).toBe('<figure><img src="https://example.com/a.jpg" alt="Harbour"><figcaption>The harbour at dawn</figcaption></figure>\n<p>Ships returned on Monday.</p>')
    expect(rendered!.lede).toBe('Ships returned on Monday.')
  })
})

describe('a heading of nothing', () => {
  it('is left out: a press release\'s end mark "###" is no heading, nor is one of white space or an empty HTML heading', () => {
    const { html } = render('The company announced its results on Monday.\n\n###\n\n##   \n\n<h4></h4>\n\n## Outlook\n\nSales rose.')
    expect(html).not.toMatch(/<h[1-6][^>]*>\s*<\/h[1-6]>/)
    expect(html).not.toMatch(new RegExp(`id="${userIdPrefix}(?:-\\d+)?"`))
    expect(html).toContain(`<h2 id="${userIdPrefix}outlook">Outlook</h2>`)
  })

  it('is kept when its id is a target of links ("### {#part-2}"), or it holds a picture', () => {
    expect(render('See [part two](#part-2).\n\n### {#part-2}\n\nText.').html).toMatch(/<h3 id="user-content-part-2"><\/h3>/)
    expect(render('## ![Chart](https://example.com/c.png)\n\nText.').html).toMatch(/<h2[^>]*><img/)
  })
})

describe('attributes written in the Markdown of another generator', () => {
  it('give a heading its id and are not shown: Hugo\'s and Pandoc\'s after its text, kramdown\'s on the line after it', () => {
    const { html } = render('Intro.\n\n## Timeline {#timeline .wide}\n\nText.\n\n## Reactions\n{: #reactions .note}\n\nMore.\n\n## Styled {.red}\n\nEnd.')
    expect(html).toContain(`<h2 id="${userIdPrefix}timeline">Timeline</h2>`)
    expect(html).toContain(`<h2 id="${userIdPrefix}reactions">Reactions</h2>`)
    expect(html).toContain(`<h2 id="${userIdPrefix}styled">Styled</h2>`)
    expect(html).not.toMatch(/[{}]/)
  })

  it('are not shown at the end of a paragraph or a list, or alone, and kramdown\'s table of contents is no list of "TOC"', () => {
    const { html, rendered } = render('* TOC\n{:toc}\n\nThe council met on Tuesday.\n{: .lead}\n\n{: .notice}\n\n- Roads closed\n- Schools shut\n{: .list}')
    expect(html).not.toMatch(/[{}]|TOC/)
    expect(html).toContain('<p>The council met on Tuesday.</p>')
    expect(html).toContain('<li>Schools shut</li>')
    expect(rendered!.lede).toBe('The council met on Tuesday.')
  })

  it('leave prose with braces as it is', () => {
    const { html } = render('Sets such as {a, b} and the note {: not a list} stay, as does {#this}.\n\n## Money {$5}')
    expect(html).toContain('{a, b} and the note {: not a list} stay, as does {#this}.')
    expect(html).toContain('Money {$5}</h2>')
  })
})
