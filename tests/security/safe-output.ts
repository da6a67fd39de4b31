/**
 * The checker every security test uses: parse each output page with a real HTML parser (parse5,
 * the parser rehype-raw itself uses, so it sees markup the way browsers do) and list everything
 * that could run code. Feeds are checked too: their HTML content is parsed as a fragment.
 */
import { XMLValidator } from 'fast-xml-parser'
import { parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5'

type Node = DefaultTreeAdapterTypes.Node
type Element = DefaultTreeAdapterTypes.Element

/** Attributes that hold a URL a browser may follow or load. */
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'cite', 'background', 'data', 'codebase', 'longdesc', 'manifest', 'ping', 'lowsrc', 'dynsrc', 'icon', 'srcset', 'imagesrcset'])
/** Elements that must never appear in page bodies or feed content. */
const forbiddenElements = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'base', 'style', 'svg', 'math', 'input', 'button', 'textarea', 'select', 'portal', 'noembed', 'xmp', 'plaintext', 'template', 'link'])

/**
 * The scheme a browser would see: it drops leading and trailing C0 controls and spaces, and every
 * tab and newline inside; parse5 has already decoded character references.
 */
export function schemeOf(url: string): string | undefined {
  const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '')
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned)
  return match?.[1]?.toLowerCase()
}

function isSafeUrl(url: string): boolean {
  const scheme = schemeOf(url)
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto'
}

function* elements(node: Node): Generator<Element> {
  const stack: Node[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()!
    if ('tagName' in current) yield current
    if ('childNodes' in current) for (let i = current.childNodes.length - 1; i >= 0; i--) stack.push(current.childNodes[i]!)
    if ('content' in current && current.content) stack.push(current.content as Node)
  }
}

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value
}

function textOf(element: Element): string {
  return element.childNodes.map((child) => ('value' in child ? String(child.value) : '')).join('')
}

/** Problems shared by pages and feed fragments: handlers, URLs, forbidden elements. */
function elementProblems(element: Element, where: string, inBody: boolean): string[] {
  const problems: string[] = []
  for (const { name, value } of element.attrs) {
    const lower = name.toLowerCase()
    if (lower.startsWith('on')) problems.push(`${where}: <${element.tagName} ${name}> event handler`)
    if (lower === 'srcdoc') problems.push(`${where}: <${element.tagName} srcdoc>`)
    if (lower === 'style') problems.push(`${where}: <${element.tagName} style="${value}">`)
    if (lower === 'http-equiv' && value.toLowerCase() !== 'content-security-policy') problems.push(`${where}: <meta http-equiv="${value}">`)
    if (urlAttributes.has(lower)) {
      const urls = lower.endsWith('srcset') ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [value]
      for (const url of urls) if (!isSafeUrl(url)) problems.push(`${where}: <${element.tagName} ${name}="${value}"> (scheme ${schemeOf(url)})`)
    }
  }
  const tag = element.tagName.toLowerCase()
  if (tag === 'base') problems.push(`${where}: <base>`)
  if (inBody && forbiddenElements.has(tag)) problems.push(`${where}: <${tag}> in content`)
  if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`${where}: <${tag}> in namespace ${element.namespaceURI}`)
  return problems
}

/**
 * Everything executable or unsafe in one HTML page of the site. With `fragments`, also every
 * `#fragment` link that matches no id on the page (footnotes and heading anchors must resolve).
 */
export function pageProblems(path: string, html: string, options: { fragments?: boolean } = {}): string[] {
  const problems: string[] = []
  const document = parse(html)
  const ids = new Set<string>()
  const fragments: string[] = []
  let policy: string | undefined
  let inBody = false
  for (const element of elements(document)) {
    if (element.tagName === 'body') inBody = true
    const id = attr(element, 'id')
    if (id !== undefined) ids.add(id)
    const href = attr(element, 'href')
    if (element.tagName === 'a' && href?.startsWith('#') && href !== '#') fragments.push(href)
    if (element.tagName === 'meta' && attr(element, 'http-equiv')?.toLowerCase() === 'content-security-policy') policy = attr(element, 'content')
    if (element.tagName === 'script') {
      const type = attr(element, 'type')
      const src = attr(element, 'src')
      if (type === 'application/ld+json' && src === undefined) {
        try {
          JSON.parse(textOf(element))
        } catch {
          problems.push(`${path}: JSON-LD does not parse: ${textOf(element).slice(0, 80)}`)
        }
      } else if (!(path === 'search/index.html' && type === 'module' && src !== undefined && /^\/assets\/search\.[0-9a-f]+\.js$/.test(src) && textOf(element) === '')) {
        problems.push(`${path}: <script${type ? ` type="${type}"` : ''}${src ? ` src="${src}"` : ''}>${textOf(element).slice(0, 60)}`)
      }
      continue
    }
    // The search page's own form, and only it, may have a form, a search box and a button, and
    // its list of results a button for more.
    const searchForm = path === 'search/index.html' && ((element.tagName === 'form' && attr(element, 'class') === 'search-form') || (element.tagName === 'input' && attr(element, 'id') === 'search-input') || (element.tagName === 'button' && attr(element, 'type') === 'submit') || (element.tagName === 'button' && attr(element, 'id') === 'search-more' && attr(element, 'type') === 'button'))
    problems.push(...elementProblems(element, path, inBody && !searchForm))
    if (!inBody && element.tagName === 'style') problems.push(`${path}: <style> in head`)
    if (element.tagName === 'link' && !inBody && !isSafeUrl(attr(element, 'href') ?? '')) problems.push(`${path}: unsafe <link>`)
  }
  for (const fragment of options.fragments ? fragments : []) {
    if (!ids.has(decodeURIComponent(fragment.slice(1)))) problems.push(`${path}: link to ${fragment} matches no id on the page`)
  }
  if (policy === undefined) problems.push(`${path}: no Content-Security-Policy meta`)
  else {
    const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values.join(' ')]))
    if (directives.get('object-src') !== "'none'") problems.push(`${path}: CSP object-src is ${directives.get('object-src')}`)
    if (directives.get('base-uri') !== "'none'") problems.push(`${path}: CSP base-uri is ${directives.get('base-uri')}`)
    if (path !== 'search/index.html' && directives.get('script-src') !== "'none'") problems.push(`${path}: CSP script-src is ${directives.get('script-src')}`)
    // The search page runs its own script and nothing else: no inline script, eval or other origins
    // (and none at all in a site built without its index).
    if (path === 'search/index.html' && !["'self'", "'none'"].includes(directives.get('script-src') ?? '')) problems.push(`${path}: CSP script-src is ${directives.get('script-src')}`)
  }
  return problems
}

/** Everything executable in an HTML fragment taken from a feed: no scripts at all. */
export function fragmentProblems(where: string, html: string): string[] {
  const problems: string[] = []
  for (const element of elements(parseFragment(html))) {
    if (element.tagName === 'script') problems.push(`${where}: <script>`)
    else problems.push(...elementProblems(element, where, true))
  }
  return problems
}

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, ref: string) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)))
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[ref.toLowerCase()]!
  })
}

/** Problems in the Atom and RSS feeds: well-formed XML, and HTML content that cannot run. */
export function xmlFeedProblems(path: string, xml: string): string[] {
  const problems: string[] = []
  const valid = XMLValidator.validate(xml)
  if (valid !== true) problems.push(`${path}: not well-formed XML: ${valid.err.msg} at ${valid.err.line}:${valid.err.col}`)
  // `]]>` may not appear in XML character data (XML 1.0 §2.4); the feeds use no CDATA sections.
  if (xml.includes(']]>')) problems.push(`${path}: holds "]]>" in character data`)
  // HTML-bearing elements: Atom content/summary typed "html", RSS description and content:encoded
  // (feed readers render RSS descriptions as HTML). Untyped Atom text is plain text.
  for (const match of xml.matchAll(/<(content|summary|title|description|content:encoded)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
    const [, name = '', attributes = '', text = ''] = match
    const html = name === 'description' || name === 'content:encoded' || /\btype="(?:html|xhtml)"/.test(attributes)
    if (html) problems.push(...fragmentProblems(`${path} <${name}>`, decodeXmlText(text)))
  }
  for (const match of xml.matchAll(/<link\b[^>]*?\bhref="([^"]*)"/g)) if (!isSafeUrl(decodeXmlText(match[1]!))) problems.push(`${path}: <link href="${match[1]}">`)
  for (const match of xml.matchAll(/<(link|guid|id)\b[^>]*>([^<]*)<\/\1>/g)) if (!isSafeUrl(decodeXmlText(match[2]!))) problems.push(`${path}: <${match[1]}>${match[2]}`)
  return problems
}

/** Problems in the JSON feed: valid JSON, HTML content that cannot run, http(s) URLs only. */
export function jsonFeedProblems(path: string, text: string): string[] {
  let feed: { items?: Array<{ content_html?: string; url?: string; external_url?: string }> }
  try {
    feed = JSON.parse(text)
  } catch (cause) {
    return [`${path}: not JSON: ${(cause as Error).message}`]
  }
  const problems: string[] = []
  for (const [index, item] of (feed.items ?? []).entries()) {
    if (item.content_html !== undefined) problems.push(...fragmentProblems(`${path} items[${index}].content_html`, item.content_html))
    for (const url of [item.url, item.external_url]) if (url !== undefined && !/^https?:\/\//.test(url)) problems.push(`${path} items[${index}]: url ${url}`)
  }
  return problems
}

/** Every problem in a built site; an empty list means nothing in it can run code. */
export function siteProblems(pages: ReadonlyMap<string, string>): string[] {
  const problems: string[] = []
  for (const [path, contents] of pages) {
    if (path.endsWith('.html')) problems.push(...pageProblems(path, contents))
    else if (path === 'feed.xml' || path === 'rss.xml') problems.push(...xmlFeedProblems(path, contents))
    else if (path === 'feed.json') problems.push(...jsonFeedProblems(path, contents))
    else if (path.endsWith('.xml')) {
      const valid = XMLValidator.validate(contents)
      if (valid !== true) problems.push(`${path}: not well-formed XML: ${valid.err.msg}`)
    }
  }
  return problems
}
