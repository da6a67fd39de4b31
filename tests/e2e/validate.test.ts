import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { HtmlValidate } from 'html-validate'
import { parseHTML } from 'linkedom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basePath, fixtureSite, listFiles, siteUrl, type BuiltSite } from './site-server.js'

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // `<!doctype html>` is the serializer's spelling; the doctype is case-insensitive in HTML.
    'doctype-style': 'off',
    // Titles are the articles' own headlines; over 70 characters is search-engine advice, not an error.
    'long-title': 'off'
  }
})

let site: BuiltSite
let files: string[]
let htmlFiles: string[]
const documents = new Map<string, Document>()

beforeAll(async () => {
  site = await fixtureSite()
  files = await listFiles(site.out)
  htmlFiles = files.filter((file) => file.endsWith('.html'))
  for (const file of htmlFiles) documents.set(file, parseHTML(await readFile(join(site.out, file), 'utf8')).document as unknown as Document)
})

afterAll(async () => {
  await site?.cleanup()
})

/** The built file a site path names, the way a static host finds it: folders answer with index.html. */
async function fileFor(path: string): Promise<string | undefined> {
  const relative = decodeURIComponent(path.slice(basePath.length))
  for (const candidate of relative === '' || relative.endsWith('/') ? [`${relative}index.html`] : [relative, `${relative}/index.html`]) {
    try {
      if ((await stat(join(site.out, candidate))).isFile()) return candidate
    } catch {
      // Try the next form.
    }
  }
  return undefined
}

/** Every URL an HTML page refers to, with where it was found. */
function referencesOf(document: Document): Array<{ where: string; url: string }> {
  const found: Array<{ where: string; url: string }> = []
  for (const element of document.querySelectorAll('[href], [src], [srcset], [data-index], [action], meta[property="og:url"], meta[property="og:image"]')) {
    const tag = element.tagName.toLowerCase()
    for (const attribute of ['href', 'src', 'data-index', 'action', 'content']) {
      const value = element.getAttribute(attribute)
      if (value !== null && (attribute !== 'content' || tag === 'meta')) found.push({ where: `<${tag} ${attribute}>`, url: attribute === 'data-index' ? `${value}meta.json` : value })
    }
    for (const candidate of (element.getAttribute('srcset') ?? '').split(',').map((part) => part.trim().split(/\s+/)[0]!).filter(Boolean)) found.push({ where: `<${tag} srcset>`, url: candidate })
  }
  return found
}

describe('every built HTML page', () => {
  it('the build made the pages the tests expect', () => {
    expect(site.summary.ok).toBe(true)
    expect(htmlFiles.length).toBeGreaterThanOrEqual(30)
    expect(htmlFiles).toEqual(expect.arrayContaining(['index.html', '404.html', 'search/index.html', 'tags/index.html', 'sources/index.html', 'page/2/index.html']))
  })

  it('passes html-validate (recommended rules)', async () => {
    const problems: string[] = []
    for (const file of htmlFiles) {
      const report = await validator.validateString(await readFile(join(site.out, file), 'utf8'), file)
      for (const result of report.results) for (const message of result.messages) problems.push(`${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`)
    }
    expect(problems).toEqual([])
  })

  it('links only to pages, assets and fragments that exist', async () => {
    const broken: string[] = []
    let checked = 0
    for (const [file, document] of documents) {
      const pageUrl = new URL(file.replace(/index\.html$/, ''), siteUrl)
      for (const { where, url } of referencesOf(document)) {
        if (/^(?:mailto|tel):/.test(url)) continue
        const target = new URL(url, pageUrl)
        const internal = url.startsWith('#') || url.startsWith(basePath) || url.startsWith(siteUrl) || !/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(url)
        if (!internal) {
          if (url.startsWith('/') && !url.startsWith('//')) broken.push(`${file} ${where} ${url}: a root-relative URL outside ${basePath}`)
          continue
        }
        checked++
        if (target.origin !== new URL(siteUrl).origin || !target.pathname.startsWith(basePath)) {
          broken.push(`${file} ${where} ${url}: resolves outside the site (${target.href})`)
          continue
        }
        const resolved = await fileFor(target.pathname)
        if (!resolved) {
          broken.push(`${file} ${where} ${url}: no file for ${target.pathname}`)
          continue
        }
        if (target.hash) {
          const id = decodeURIComponent(target.hash.slice(1))
          const targetDocument = documents.get(resolved)
          if (!targetDocument || (!targetDocument.getElementById(id) && ![...targetDocument.querySelectorAll('a[name]')].some((anchor) => anchor.getAttribute('name') === id))) broken.push(`${file} ${where} ${url}: no element with id "${id}" in ${resolved}`)
        }
      }
    }
    expect(broken).toEqual([])
    expect(checked).toBeGreaterThan(htmlFiles.length * 10)
  })

  it('every stylesheet, script and icon a page loads exists, and CSS url()s resolve', async () => {
    const missing: string[] = []
    const assets = new Set<string>()
    for (const document of documents.values()) {
      for (const element of document.querySelectorAll('link[rel~="stylesheet"], link[rel~="icon"], script[src], img[src]')) assets.add(element.getAttribute('href') ?? element.getAttribute('src')!)
    }
    expect(assets.size).toBeGreaterThanOrEqual(3)
    for (const asset of assets) {
      if (!asset.startsWith(basePath)) {
        missing.push(`${asset}: not under ${basePath}`)
        continue
      }
      const resolved = await fileFor(asset)
      if (!resolved) missing.push(`${asset}: missing`)
      else if (resolved.endsWith('.css')) {
        const css = await readFile(join(site.out, resolved), 'utf8')
        for (const [, reference] of css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
          if (reference!.startsWith('data:')) continue
          const target = new URL(reference!, new URL(asset, siteUrl))
          if (!(await fileFor(target.pathname))) missing.push(`${asset}: url(${reference}) missing`)
        }
      }
    }
    expect(missing).toEqual([])
  })
})
