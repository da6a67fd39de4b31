import { describe, expect, it } from 'vitest'
import { resolveConfig, type ResolvedConfig } from '../src/config.js'
import { formatMessage } from '../src/diagnostics.js'
import { parseArticle } from '../src/parse.js'
import { buildInMemory } from './helpers.js'

const config = (resolveConfig({}) as { config: ResolvedConfig }).config

function parse(text: string) {
  const result = parseArticle({ path: 'content/a.md', kind: 'markdown', bytes: new TextEncoder().encode(text) }, config)
  return { article: result.article, printed: result.file.messages.map(formatMessage) }
}

describe('frontmatter as people write it', () => {
  it('takes an optional key left empty as absent', () => {
    const { article, printed } = parse('---\ntitle:\ndate: 2024-01-01\nsummary: ""\ntags:\nslug:\nsource: " "\n---\nThe harbour reopened on Monday.\n')
    expect(printed).toEqual([])
    expect(article).toMatchObject({ title: 'The harbour reopened on Monday', summary: undefined, tags: [], source: undefined, slug: 'the-harbour-reopened-on-monday' })
  })

  it('still names an empty date as missing', () => {
    const { printed } = parse('---\ntitle: T\ndate:\n---\nBody.\n')
    expect(printed).toEqual(['content/a.md:3:6: error: Frontmatter "date" is required: add a line such as "date: 2024-05-01" or "date: 2024-05-01T09:30:00Z". [gazette:frontmatter-field]'])
  })

  it('reads numbers written as a title, a tag or a name as text', () => {
    const { article, printed } = parse('---\ntitle: 1984\ndate: 2024-01-01\ntags:\n  - Alpha\n  - 2026\nsource: 7\n---\nBody.\n')
    expect(printed).toEqual([])
    expect(article).toMatchObject({ title: '1984', tags: ['Alpha', '2026'], source: '7' })
  })

  it('keeps a number written as a title, a tag or a name exactly as written', () => {
    const cases: Array<[string, string]> = [['3.10', '3.10'], ['007', '007'], ['0x1F', '0x1F'], ['.inf', '.inf'], ['12345678901234567890', '12345678901234567890'], ['1e3', '1e3'], ['True', 'True'], ['2024', '2024']]
    for (const [written, shown] of cases) {
      const { article, printed } = parse(`---\ntitle: ${written}\ndate: 2024-01-01\nsource: ${written}\nauthor: ${written}\n---\nBody.\n`)
      expect(printed, written).toEqual([])
      expect(article, written).toMatchObject({ title: shown, source: shown, byline: shown })
    }
    expect(parse('---\ntitle: T\ndate: 2024-01-01\ntags: [0.10, 1e3, 007, Rail]\n---\nBody.\n').article!.tags).toEqual(['0.10', '1e3', '007', 'Rail'])
    expect(parse('---\ntitle: T\ndate: 2024-01-01\ntags:\n  - 007\n  - 0.10\ncategories: 3.0\n---\nBody.\n').article!.tags).toEqual(['007', '0.10', '3.0'])
    // A seed's counts and a draft stay what YAML reads them as.
    expect(parse('---\ntitle: 1.0\ndate: 2024-01-01\ndraft: true\n---\nBody.\n').article).toMatchObject({ title: '1.0', draft: true })
  })

  it('decodes the character references WordPress writes in titles, summaries, names, sources and tags', async () => {
    const { article, printed } = parse('---\ntitle: "WordPress &#8220;export&#8221; &amp; more"\ndate: 2024-01-01\ndescription: It&#8217;s here.\nauthor: Ann &amp; Bob\nsource: Smith &amp; Sons Gazette\ncategories: [R&amp;D, "&#x201C;Q&#x201D;"]\n---\nBody.\n')
    expect(printed).toEqual([])
    expect(article).toMatchObject({ title: 'WordPress “export” & more', summary: 'It’s here.', byline: 'Ann & Bob', source: 'Smith & Sons Gazette', tags: ['R&D', '“Q”'], slug: 'wordpress-export-more' })
    // Only references ended by ";" are read: "AT&T" and "&copy 2024" stay as written.
    expect(parse('---\ntitle: AT&T &copy 2024\ndate: 2024-01-01\n---\nBody.\n').article!.title).toBe('AT&T &copy 2024')
    const { pages } = await buildInMemory({ 'content/a.md': '---\ntitle: "WordPress &#8220;export&#8221; &amp; more"\ndate: 2024-01-01\n---\nBody.\n' })
    expect(pages.get('2024/01/01/wordpress-export-more/index.html')).toContain('<h1 class="p-name">WordPress “export” &#x26; more</h1>')
  })

  it('splits a string of tags at its commas', () => {
    expect(parse('---\ntitle: T\ndate: 2024-01-01\ntags: Politics, Rail,, New York\n---\nBody.\n').article!.tags).toEqual(['Politics', 'Rail', 'New York'])
    expect(parse('---\ntitle: T\ndate: 2024-01-01\ntags: New York\n---\nBody.\n').article!.tags).toEqual(['New York'])
  })

  it('reads the names other generators use for summary, byline and tags', () => {
    const { article, printed } = parse('---\ntitle: T\ndate: 2024-01-01\ndescription: Ships are back.\nauthors: [Jane Doe, Ola Nordmann]\ncategories: [Harbour]\ntags: [Storms]\nkeywords: Ports, Ships\n---\nBody.\n')
    expect(printed).toEqual([])
    expect(article).toMatchObject({ summary: 'Ships are back.', byline: 'Jane Doe, Ola Nordmann', tags: ['Storms', 'Harbour', 'Ports', 'Ships'] })
    expect(parse('---\ntitle: T\ndate: 2024-01-01\nauthor: Jane Doe\n---\nBody.\n').article!.byline).toBe('Jane Doe')
  })

  it('keeps Gazette\'s own key over a name that means the same, and says so', () => {
    const { article, printed } = parse('---\ndescription: From another generator.\ntitle: T\ndate: 2024-01-01\nsummary: Ships are back.\n---\nBody.\n')
    expect(article!.summary).toBe('Ships are back.')
    expect(printed).toEqual(['content/a.md:2:1: warning: Frontmatter "description" means the same as "summary", which is also given, so it is ignored. Keep one of them. [gazette:frontmatter-unknown-key]'])
  })

  it('names a value of the wrong kind under the key the file wrote, at that key, with what to write', () => {
    expect(parse('---\ntitle: T\ndate: 2024-01-01\nauthor:\n  name: Jane Doe\n---\nBody.\n').printed).toEqual([
      'content/a.md:4:1: error: Frontmatter "author" must be a name or a list of names; write "author: Jane Doe". [gazette:frontmatter-field]'
    ])
    expect(parse('---\ntitle: T\ndate: 2024-01-01\nlastmod: [2024-01-02]\n---\nBody.\n').printed).toEqual([
      'content/a.md:4:10: error: Frontmatter "lastmod" must be a date; write "lastmod: 2024-05-02" or "lastmod: 2024-05-02T10:00:00Z". [gazette:frontmatter-field]'
    ])
    expect(parse('---\ntitle: T\ndate: 2024-01-05\nlastmod: 2024-01-02\n---\nBody.\n').printed).toEqual([
      'content/a.md:4:10: warning: Frontmatter "lastmod" (2024-01-02T00:00:00Z) is before "date" (2024-01-05T00:00:00Z), so it is left out. An update comes after the story was published. [gazette:date-invalid]'
    ])
    expect(parse('---\ntitle: T\ndate: 2024-01-01\ncategories:\n  a: 1\n---\nBody.\n').printed).toEqual([
      'content/a.md:4:1: error: Frontmatter "categories" must be a list of words; write "categories: [Politics, Rail]". [gazette:frontmatter-field]'
    ])
  })

  it('says how long a value may be when it is longer, and which tag is', () => {
    const long = (length: number) => 'a'.repeat(length)
    expect(parse(`---\ntitle: T\ndate: 2024-01-01\nsummary: ${long(2001)}\n---\nBody.\n`).printed).toEqual([
      'content/a.md:4:10: error: Frontmatter "summary" must be at most 2,000 characters: a sentence or two that listings and feeds show. [gazette:frontmatter-field]'
    ])
    expect(parse(`---\ntitle: T\ndate: 2024-01-01\ntags: [Ports, ${long(101)}]\nsource: ${long(201)}\n---\nBody.\n`).printed).toEqual([
      'content/a.md:4:7: error: Frontmatter "tags" item 2 must be at most 100 characters. [gazette:frontmatter-field]',
      'content/a.md:5:9: error: Frontmatter "source" must be at most 200 characters. [gazette:frontmatter-field]'
    ])
    expect(parse(`---\ntitle: T\ndate: 2024-01-01\nsummary: ${long(2000)}\n---\nBody.\n`).printed).toEqual([])
  })

  it('takes control characters and lone surrogates out of the text and the values, and says where', () => {
    const { article, printed } = parse('---\ntitle: "Rates\\uFFFF rise\\uD800"\ndate: 2024-01-01\n---\nThe bank\u0001 raised rates.\uFFFF\n')
    expect(article!.title).toBe('Rates rise')
    expect(JSON.stringify(article!.tree)).not.toMatch(/\\u0001|\uFFFF/)
    expect(printed).toEqual([
      'content/a.md:5:9: warning: The text holds 2 control characters (U+0001 here), which no reader sees and feeds cannot carry; they were removed. Delete them from the file. [gazette:text-control]',
      'content/a.md:2:8: warning: Frontmatter "title" holds control characters, which no reader sees and feeds cannot carry; they were removed. Delete the escapes that make them. [gazette:text-control]'
    ])
  })

  it('does not show a "# heading" again that the page shows as its title', () => {
    const derived = parse('---\ndate: 2024-01-01\n---\n# Harbour reopens\n\nShips returned on Monday.\n').article!
    expect(derived.title).toBe('Harbour reopens')
    expect(derived.tree.children.map((node) => node.type)).toEqual(['paragraph'])
    const stated = parse('---\ntitle: Harbour reopens!\ndate: 2024-01-01\n---\n# Harbour Reopens\n\nShips returned on Monday.\n').article!
    expect(stated.tree.children.map((node) => node.type)).toEqual(['paragraph'])
    const other = parse('---\ntitle: Harbour reopens\ndate: 2024-01-01\n---\n# What happened\n\nShips returned on Monday.\n').article!
    expect(other.tree.children.map((node) => node.type)).toEqual(['heading', 'paragraph'])
  })

  it('dates the years 0 to 99 in those years, not in the 1900s', async () => {
    const { article } = parse('---\ntitle: T\ndate: 0026-03-01\n---\nBody.\n')
    expect(article!.date).toBe('0026-03-01T00:00:00Z')
    const { pages } = await buildInMemory({ 'content/a.md': '---\ntitle: T\ndate: 0099-12-31T10:00:00Z\n---\nBody.\n' })
    expect([...pages.keys()]).toContain('0099/12/31/t/index.html')
  })
})

describe('an empty article', () => {
  it('is named when its body shows nothing, and not when it is a picture or a list', () => {
    expect(parse('---\ntitle: T\ndate: 2024-01-01\n---\n\n  \n<figure><img src="https://example.org/a.png" alt="The harbour"></figure>\n').printed).toEqual([])
    expect(parse('---\ntitle: T\ndate: 2024-01-01\n---\n![The harbour](https://example.org/a.png)\n').printed).toEqual([])
    expect(parse('---\ntitle: T\ndate: 2024-01-01\n---\n- 42\n').printed).toEqual([])
    expect(parse('---\ntitle: T\ndate: 2024-01-01\n---\n# T\n\n> …\n').printed).toEqual(['content/a.md:5:1: warning: content/a.md has no text below its frontmatter, so its page and its feed entry would be empty. Write the article below the closing "---", or set "draft: true" until it is written. [gazette:article-empty]'])
  })
})

describe('frontmatter mistakes, named plainly', () => {
  it('says a mis-indented list once, without the parser\'s settings', () => {
    const { printed } = parse('---\ntitle: T\ndate: 2024-01-01\ntags:\n  - a\n - b\n---\nBody.\n')
    expect(printed).toEqual(['content/a.md:6:1: error: Invalid YAML in frontmatter: A block sequence may not be used as an implicit map key. Fix the YAML between the "---" lines. [gazette:frontmatter-yaml]'])
  })

  it('shows how to quote a headline with a colon in it', () => {
    const { printed } = parse('---\ntitle: Breaking: Minister says "no"\ndate: 2024-01-01\n---\nBody.\n')
    expect(printed).toEqual(['content/a.md:2:8: error: Invalid YAML in frontmatter: Nested mappings are not allowed in compact mappings. A value holding ": " must be quoted: write title: "Breaking: Minister says \\"no\\"". [gazette:frontmatter-yaml]'])
  })

  it('warns when " #" cuts a value short as a comment', () => {
    const { article, printed } = parse('---\ntitle: We\'re #1 in the #polls\ndate: 2024-01-01 # the day it ran\n---\nBody.\n')
    expect(article!.title).toBe('We\'re')
    expect(printed[0]).toBe('content/a.md:2:8: warning: Frontmatter "title" is "We\'re": YAML reads " #" and what follows as a comment. To keep "We\'re #1 in the #polls", put it in quotes. [gazette:frontmatter-field]')
    expect(parse('---\ntitle: "We\'re #1"\ndate: 2024-01-01\n---\nBody.\n').printed).toEqual([])
    // A number is named as written, as it is kept.
    const number = parse('---\ntitle: 0.10 # comment\ndate: 2024-01-01\n---\nBody.\n')
    expect(number.article!.title).toBe('0.10')
    expect(number.printed[0]).toContain('Frontmatter "title" is "0.10": YAML reads')
  })

  it('says that frontmatter must start on the first line', () => {
    expect(parse('\n\n---\ntitle: T\ndate: 2024-01-01\n---\nBody.\n').printed).toEqual(['content/a.md:1:1: error: The frontmatter must start on the first line, with "---": remove the 2 blank lines above it. [gazette:frontmatter-field]'])
  })
})

describe('feeds as readers parse them', () => {
  const config = { baseUrl: 'https://example.org', basePath: '/news/' }
  const files = {
    'content/a.md': '---\ntitle: "R&D spending <rises>"\ndate: 2024-01-01\ntags: [東京, R&D]\n---\nThe budget\uFFFE grew \u0085by a third.\n'
  }

  it('writes no character XML forbids, and references by name', async () => {
    const { pages } = await buildInMemory(files, { config })
    for (const name of ['feed.xml', 'rss.xml', 'sitemap.xml']) {
      const xml = pages.get(name)!
      expect(xml, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/)
      expect(xml, name).not.toMatch(/&#x(?:26|3C|22);/)
    }
    expect(pages.get('feed.xml')).toContain('<title>R&amp;D spending &lt;rises></title>')
    expect(pages.get('feed.json')).not.toMatch(/\\u[dD][89abAB]|\\u0085|\\ufffe/i)
  })

  it('writes absolute URLs percent-encoded, as URIs', async () => {
    const { pages } = await buildInMemory(files, { config })
    const tag = 'https://example.org/news/tags/%E6%9D%B1%E4%BA%AC/'
    expect(pages.get('sitemap.xml')).toContain(`<loc>${tag}</loc>`)
    expect(pages.get('sitemap.xml')).not.toContain('東京/</loc>')
    const json = JSON.parse(pages.get('feed.json')!)
    expect(json.items[0].id).toBe('https://example.org/news/2024/01/01/r-d-spending-rises/')
  })

  it("aligns a table's columns in the feeds by the align attribute, having no stylesheet there", async () => {
    const { pages } = await buildInMemory({ 'content/t.md': '---\ntitle: Table\ndate: 2024-01-02\n---\n| Port | Tonnes |\n| :--- | ---: |\n| North | 340 |\n' }, { config })
    const html = JSON.parse(pages.get('feed.json')!).items[0].content_html
    expect(html).toContain('<th align="right">Tonnes</th>')
    expect(html).toContain('<td align="left">North</td>')
    expect(pages.get('2024/01/02/table/index.html')).toContain('<th class="align-right">Tonnes</th>')
  })

  it("makes a quotation's cite address absolute, as its links and images are", async () => {
    const { pages } = await buildInMemory({ 'content/q.md': '---\ntitle: Quoted\ndate: 2024-01-02\n---\n<blockquote cite="/quotes/1"><p>We will reopen.</p></blockquote>\n\n[More](/more/)\n' }, { config })
    const html = JSON.parse(pages.get('feed.json')!).items[0].content_html
    // Addresses from the site's root are under its base path, "/news/" here.
    expect(html).toContain('cite="https://example.org/news/quotes/1"')
    expect(html).toContain('href="https://example.org/news/more/"')
  })
})

describe('files in the wrong folder', () => {
  it('reads the other Markdown extensions, and names raw text in content/ and Markdown in seeds/', async () => {
    const { report, pages, messages } = await buildInMemory({
      'content/a.mdown': '---\ntitle: Harbour reopens\ndate: 2024-01-01\n---\nShips returned.\n',
      'content/b.mkd': '---\ntitle: Rates rise\ndate: 2024-01-02\n---\nThe bank moved.\n',
      'content/raw.txt': 'The council met on Tuesday.\n',
      'seeds/story.md': '---\ntitle: T\ndate: 2024-01-01\n---\nBody.\n',
      'content/notes.json': '{}',
      'content/posts/astro.mdx': '---\ntitle: From Astro\ndate: 2024-01-03\n---\nimport Chart from "../Chart.astro"\n',
      'content/posts/guide.adoc': '= Guide\n'
    })
    expect(report.ok).toBe(true)
    expect([...pages.keys()]).toEqual(expect.arrayContaining(['2024/01/01/harbour-reopens/index.html', '2024/01/02/rates-rise/index.html']))
    expect(messages).toEqual([
      'content/posts/astro.mdx:1:1: "content/posts/astro.mdx" is not read: Gazette reads Markdown, not MDX. Take out its imports and components and rename it to .md.',
      'content/posts/guide.adoc:1:1: "content/posts/guide.adoc" is not read: Gazette reads Markdown (.md) with YAML frontmatter. Convert it to Markdown, for example with pandoc.',
      'content/raw.txt:1:1: "content/raw.txt" is not read: content/ holds Markdown files with frontmatter. Move raw text and saved pages to seeds/, where they are ingested.',
      'seeds/story.md:1:1: "seeds/story.md" is not read: seeds/ holds raw text (.txt) and saved pages (.html). Move Markdown files with frontmatter to content/, or rename the file to .txt to have it ingested.'
    ])
  })
})

describe('documents dropped among the seeds', () => {
  it('names a page saved whole and a word processor\'s document in seeds/, and passes over a document in content/', async () => {
    const { report, messages } = await buildInMemory({
      'content/a.md': '---\ntitle: Harbour reopens\ndate: 2024-01-01\n---\nShips returned.\n',
      'content/report.pdf': '%PDF-1.7',
      'seeds/page.mhtml': 'MIME-Version: 1.0',
      'seeds/Story.DOCX': 'PK',
      'seeds/notes.pdf': '%PDF-1.7'
    })
    expect(report.ok).toBe(true)
    expect(messages).toEqual([
      'seeds/Story.DOCX:1:1: "seeds/Story.DOCX" is not read: Gazette reads raw text (.txt), saved pages (.html) and Markdown (.md). Save the article\'s text as a .txt file in seeds/, or convert it, for example with pandoc.',
      'seeds/notes.pdf:1:1: "seeds/notes.pdf" is not read: Gazette reads raw text (.txt), saved pages (.html) and Markdown (.md). Save the article\'s text as a .txt file in seeds/, or convert it, for example with pandoc.',
      'seeds/page.mhtml:1:1: "seeds/page.mhtml" is not read: Gazette reads saved pages as HTML. Save the page again as "Web Page, HTML Only" (.html) into seeds/.'
    ])
  })
})

describe('updated', () => {
  const files = {
    'content/a.md': '---\ntitle: Harbour reopens\ndate: 2024-01-01T08:00:00Z\nupdated: 2024-01-03T09:30:00Z\n---\nShips returned. A correction was made.\n',
    'content/b.md': '---\ntitle: Rates rise\ndate: 2024-01-02T08:00:00Z\n---\nThe bank moved.\n'
  }

  it('shows when a story was corrected, and gives feed readers and search engines the date', async () => {
    const { pages, messages } = await buildInMemory(files)
    expect(messages).toEqual([])
    const page = pages.get('2024/01/01/harbour-reopens/index.html')!
    expect(page).toContain('<time class="dt-updated" datetime="2024-01-03T09:30:00Z">')
    expect(page).toContain('<meta property="article:modified_time" content="2024-01-03T09:30:00Z">')
    expect(page).toContain('"dateModified":"2024-01-03T09:30:00Z"')
    expect(pages.get('2024/01/02/rates-rise/index.html')).not.toContain('dt-updated')
    const atom = pages.get('feed.xml')!
    expect(atom).toContain('<updated>2024-01-03T09:30:00Z</updated><link rel="self"')
    expect(atom).toContain('<published>2024-01-01T08:00:00Z</published><updated>2024-01-03T09:30:00Z</updated>')
    expect(JSON.parse(pages.get('feed.json')!).items.find((item: { title: string }) => item.title === 'Harbour reopens').date_modified).toBe('2024-01-03T09:30:00Z')
    expect(pages.get('sitemap.xml')).toContain('/2024/01/01/harbour-reopens/</loc><lastmod>2024-01-03T09:30:00Z</lastmod>')
  })

  it('reads "lastmod", and leaves out an update that is not a date or comes before the story', () => {
    expect(parse('---\ntitle: T\ndate: 2024-01-01\nlastmod: 2024-01-02\n---\nBody.\n').article!.updated).toBe('2024-01-02T00:00:00Z')
    const before = parse('---\ntitle: T\ndate: 2024-01-05\nupdated: 2024-01-02\n---\nBody.\n')
    expect(before.article!.updated).toBeUndefined()
    expect(before.printed).toEqual(['content/a.md:4:10: warning: Frontmatter "updated" (2024-01-02T00:00:00Z) is before "date" (2024-01-05T00:00:00Z), so it is left out. An update comes after the story was published. [gazette:date-invalid]'])
    const invalid = parse('---\ntitle: T\ndate: 2024-01-05\nupdated: yesterday\n---\nBody.\n')
    expect(invalid.article!.updated).toBeUndefined()
    expect(invalid.printed[0]).toMatch(/^content\/a\.md:4:10: warning: Frontmatter "updated" is "yesterday", which is not a real ISO 8601 date, so it is left out\./)
  })
})

describe('a date without a time', () => {
  const files = {
    'content/a.md': '---\ntitle: Harbour reopens\ndate: 2024-01-05\nupdated: 2024-01-07\n---\nShips returned.\n',
    'content/b.md': '---\ntitle: Rates rise\ndate: 2024-01-04T09:30:00Z\n---\nThe bank moved.\n'
  }

  it('is shown as its day alone, in the site\'s language, while its datetime, the feeds and the order keep the instant', async () => {
    const { pages } = await buildInMemory(files, { config: { timezone: 'Asia/Tokyo', language: 'de' } })
    const page = pages.get('2024/01/05/harbour-reopens/index.html')!
    expect(page).toContain('<time class="dt-published" datetime="2024-01-04T15:00:00Z">05.01.2024</time>')
    expect(page).toContain('<time class="dt-updated" datetime="2024-01-06T15:00:00Z">07.01.2024</time>')
    const home = pages.get('index.html')!
    expect(home).toContain('<time class="dt-published" datetime="2024-01-04T15:00:00Z">05.01.2024</time>')
    // A date with a time still shows it.
    expect(home).toMatch(/<time class="dt-published" datetime="2024-01-04T09:30:00Z">04\.01\.2024, 18:30<\/time>/)
    expect(home.indexOf('Harbour reopens')).toBeLessThan(home.indexOf('Rates rise'))
    expect(pages.get('feed.xml')).toContain('<published>2024-01-04T15:00:00Z</published>')
  })

  it('is shown as the day written in English too, not as midnight', async () => {
    const { pages } = await buildInMemory(files)
    expect(pages.get('2024/01/05/harbour-reopens/index.html')).toContain('<time class="dt-published" datetime="2024-01-05T00:00:00Z">Jan 5, 2024</time>')
    expect(pages.get('index.html')).not.toContain('12:00 AM')
  })
})

describe('an article without words', () => {
  it('gives no reading time on its page or in listings', async () => {
    const { pages } = await buildInMemory({ 'content/a.md': '---\ntitle: Only a picture\ndate: 2024-01-01\n---\n![The harbour at dawn](https://example.org/a.png)\n', 'content/b.md': '---\ntitle: Words\ndate: 2024-01-02\n---\nShips returned.\n' })
    expect(pages.get('2024/01/01/only-a-picture/index.html')).not.toContain('min read')
    const home = pages.get('index.html')!
    expect(home.match(/min read/g)).toHaveLength(1)
  })
})
