import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, type BuildOptions, type BuildReport } from '../src/build.js'
import { fsCache } from '../src/io/cache.js'
import { fsStore } from '../src/io/fs-store.js'
import { templateSource } from '../src/io/load-templates.js'
import { fsWriter } from '../src/io/writer.js'
import { version } from '../src/version.js'
import { article, buildInMemory, testNow, withTempDir } from './helpers.js'

// The first bytes of a PNG and of a JPEG: enough to tell one copy from another.
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 4, 5, 6])

describe('images beside the articles', () => {
  const files = {
    'content/features.md': article({ title: 'Storm photos', date: '2024-01-05T10:00:00Z' }, 'The storm hit the coast.\n\n![Waves on the quay](./img/waves.png)\n\n![The pier at dawn](img/pier%20at%20dawn.jpg)\n'),
    'content/img/waves.png': png,
    'content/img/pier at dawn.jpg': jpeg,
    // A Hugo page bundle: the article and its image in one folder.
    'content/posts/bundle/index.md': article({ title: 'Harbour reopens', date: '2024-01-06T10:00:00Z' }, '![Cranes](cover.jpg)\n\nShips returned to the harbour on Monday.\n'),
    'content/posts/bundle/cover.jpg': jpeg
  }

  it('copies each into the site and points the page and the feeds at the copy', async () => {
    const { report, pages, messages } = await buildInMemory(files, { config: { baseUrl: 'https://example.org', basePath: '/news/' } })
    expect(report.ok).toBe(true)
    expect(messages).toEqual([])
    expect(pages.get('media/img/waves.png')).toBe(new TextDecoder().decode(png))
    expect(pages.get('media/img/pier at dawn.jpg')).toBe(new TextDecoder().decode(jpeg))
    expect(pages.get('media/posts/bundle/cover.jpg')).toBe(new TextDecoder().decode(jpeg))
    const page = pages.get('2024/01/05/storm-photos/index.html')!
    expect(page).toContain('<img src="/news/media/img/waves.png" alt="Waves on the quay">')
    expect(page).toContain('<img src="/news/media/img/pier%20at%20dawn.jpg" alt="The pier at dawn">')
    expect(pages.get('2024/01/06/harbour-reopens/index.html')).toContain('<img src="/news/media/posts/bundle/cover.jpg" alt="Cranes">')
    const feed = JSON.parse(pages.get('feed.json')!) as { items: Array<{ content_html: string }> }
    expect(feed.items.map((item) => item.content_html).join('\n')).toContain('src="https://example.org/news/media/img/waves.png"')
    // The images are not pages: the sitemap does not list them.
    expect(pages.get('sitemap.xml')).not.toContain('media/')
  })

  it('warns where an article shows an image that is not there, or that is not copied, and leaves it as written', async () => {
    const { report, pages, messages } = await buildInMemory({
      'content/a.md': '---\ntitle: Gone\ndate: 2024-01-05\n---\n\nText first.\n\n![Missing](img/missing.jpg)\n\n![Outside](../../secret.png)\n\n![Drawing](chart.svg)\n',
      'content/chart.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>'
    })
    expect(report.ok).toBe(true)
    expect(messages).toEqual([
      'content/a.md:10:1: The image "../../secret.png" is outside content/, so it is not copied into the site and readers would see a broken image. Put the image in content/ beside the article, or give its full https:// address.',
      'content/a.md:12:1: The image "chart.svg" is not a JPEG, PNG, GIF, WebP or AVIF file, so it is not copied into the site and readers would see a broken image. Put the image in content/ beside the article, or give its full https:// address.',
      'content/a.md:8:1: The image "img/missing.jpg" is not there (content/img/missing.jpg), so readers would see a broken image. Put the file there, or give the image\'s full https:// address.'
    ])
    expect([...pages.keys()].filter((path) => path.startsWith('media/'))).toEqual([])
    expect(pages.get('2024/01/05/gone/index.html')).toContain('<img src="chart.svg" alt="Drawing">')
  })

  it('encodes a file name with # or ?, reads a bare %, comes back into content/, and copies an image a link leads to', async () => {
    const { report, pages, messages } = await buildInMemory({
      'content/one.md': '---\ntitle: Odd names\ndate: 2024-01-05\n---\n\n![H](img/hash%231.png) ![Q](img/q%3Fx.png) <img src="img/100%.png" alt="P"> ![B](../content/img/back.png)\n\n[![Thumb](img/thumb.png)](img/full.png) and [the photo](img/full.png).\n',
      'content/img/hash#1.png': png,
      'content/img/q?x.png': png,
      'content/img/100%.png': png,
      'content/img/back.png': png,
      'content/img/thumb.png': png,
      'content/img/full.png': jpeg
    })
    expect(messages).toEqual([])
    expect([...pages.keys()].filter((path) => path.startsWith('media/')).sort()).toEqual(['media/img/100%.png', 'media/img/back.png', 'media/img/full.png', 'media/img/hash#1.png', 'media/img/q?x.png', 'media/img/thumb.png'])
    const page = pages.get('2024/01/05/odd-names/index.html')!
    for (const src of ['/media/img/hash%231.png', '/media/img/q%3Fx.png', '/media/img/100%25.png', '/media/img/back.png', '/media/img/thumb.png']) expect(page).toContain(`src="${src}"`)
    expect(page.match(/href="\/media\/img\/full\.png"/g)).toHaveLength(2)
    // The images are no pages of the site.
    expect(report.pages).toBe([...pages.keys()].filter((path) => !path.startsWith('media/') && !path.startsWith('search/index/')).length)
  })

  it('warns of an image too large to copy, and copies it not', async () => {
    const big = new Uint8Array(64 * 1024 * 1024 + 1)
    const { pages, messages } = await buildInMemory({ 'content/a.md': article({ title: 'Big', date: '2024-01-05' }, 'Text.\n\n![Big](big.jpg)'), 'content/big.jpg': big })
    expect(messages).toEqual(['content/a.md:8:1: The image "big.jpg" is 65 MB, more than the 64 MB Gazette copies into a site, so readers would see a broken image. Make it smaller, or give the image\'s full https:// address.'])
    expect(pages.has('media/big.jpg')).toBe(false)
  })

  it('leaves images from other sites, the site root and data alone', async () => {
    const { pages, messages } = await buildInMemory({ 'content/a.md': article({ title: 'Links', date: '2024-01-05' }, '![a](https://example.com/a.jpg) ![b](/static/b.png) ![c](//cdn.example.com/c.gif)\n') })
    expect(messages).toEqual([])
    const page = pages.get('2024/01/05/links/index.html')!
    for (const src of ['https://example.com/a.jpg', '/static/b.png', '//cdn.example.com/c.gif']) expect(page).toContain(`src="${src}"`)
  })

  it('copies an image replaced under the same name, and carries an unchanged one over', async () => {
    await withTempDir(async (root) => {
      const buildRoot = (options: Partial<BuildOptions> = {}): Promise<BuildReport> =>
        build({ store: fsStore(root, { clock: join(root, '.gazette-cache', 'clock') }), writer: fsWriter(join(root, 'dist')), cache: fsCache(join(root, '.gazette-cache'), version), templates: templateSource(root), now: testNow, search: false, threads: 1, ...options })
      await mkdir(join(root, 'content', 'img'), { recursive: true })
      await writeFile(join(root, 'content', 'a.md'), files['content/features.md'])
      await writeFile(join(root, 'content', 'img', 'waves.png'), png)
      await writeFile(join(root, 'content', 'img', 'pier at dawn.jpg'), jpeg)
      expect((await buildRoot()).ok).toBe(true)
      expect(new Uint8Array(await readFile(join(root, 'dist', 'media', 'img', 'waves.png')))).toEqual(png)
      // The same name, new bytes, and no article touched.
      await writeFile(join(root, 'content', 'img', 'waves.png'), jpeg)
      const again = await buildRoot()
      expect(again.ok).toBe(true)
      expect(again.unchanged).toBe(false)
      expect(new Uint8Array(await readFile(join(root, 'dist', 'media', 'img', 'waves.png')))).toEqual(jpeg)
      expect(new Uint8Array(await readFile(join(root, 'dist', 'media', 'img', 'pier at dawn.jpg')))).toEqual(jpeg)
    })
  })
})

describe("an image a Hugo figure shortcode shows", () => {
  it('is copied into the site, the figure pointed at the copy', async () => {
    const { report, pages, messages } = await buildInMemory({
      'content/post/index.md': article({ title: 'Cranes return', date: '2024-01-05T10:00:00Z' }, 'The cranes came back on Monday.\n\n{{< figure src="crane.jpg" alt="A crane" caption="At dawn" >}}\n'),
      'content/post/crane.jpg': jpeg
    })
    expect(report.ok).toBe(true)
    expect(messages).toEqual([])
    expect(pages.get('media/post/crane.jpg')).toBe(new TextDecoder().decode(jpeg))
    expect(pages.get('2024/01/05/cranes-return/index.html')).toContain('<figure><img src="/media/post/crane.jpg" alt="A crane"><figcaption>At dawn</figcaption></figure>')
  })
})

describe('addresses from the site root in a body', () => {
  const body = [
    'See [the bridge story](/2024/01/04/bridge-closes/), [the topic](/tags/harbour/) and [a query](/search/?q=port#top).',
    '',
    '![Map](/files/map.png)',
    '',
    '<blockquote cite="/2024/01/03/quote/">Q</blockquote>',
    '',
    '[In the site](/news/tags/), [the base](/news), [another section](/newsroom/), [another host](//cdn.example/a.png), [a page beside](../other/), [elsewhere](https://example.com/x).',
    ''
  ].join('\n')
  const files = { 'content/a.md': article({ title: 'Harbour', date: '2024-01-05T10:00:00Z' }, body) }

  it('puts them under the base path in the page and the feeds, and leaves the rest as written', async () => {
    const { report, pages } = await buildInMemory(files, { config: { baseUrl: 'https://example.org', basePath: '/news/' } })
    expect(report.ok).toBe(true)
    const page = pages.get('2024/01/05/harbour/index.html')!
    for (const written of ['href="/news/2024/01/04/bridge-closes/"', 'href="/news/tags/harbour/"', 'href="/news/search/?q=port#top"', 'src="/news/files/map.png"', 'cite="/news/2024/01/03/quote/"']) expect(page).toContain(written)
    for (const kept of ['href="/news/tags/"', 'href="/news"', 'href="/news/newsroom/"', 'href="//cdn.example/a.png"', 'href="../other/"', 'href="https://example.com/x"']) expect(page).toContain(kept)
    expect(page).not.toContain('/news/news/')
    const feed = JSON.parse(pages.get('feed.json')!) as { items: Array<{ content_html: string }> }
    expect(feed.items[0]!.content_html).toContain('href="https://example.org/news/2024/01/04/bridge-closes/"')
    expect(feed.items[0]!.content_html).toContain('src="https://example.org/news/files/map.png"')
  })

  it('leaves them as written at the root of a host', async () => {
    const { pages } = await buildInMemory(files, { config: { baseUrl: 'https://example.org' } })
    const page = pages.get('2024/01/05/harbour/index.html')!
    expect(page).toContain('href="/2024/01/04/bridge-closes/"')
    expect(page).toContain('src="/files/map.png"')
    expect(page).toContain('cite="/2024/01/03/quote/"')
  })
})
