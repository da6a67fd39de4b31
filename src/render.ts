import type { Element, ElementContent, Root as HastRoot, RootContent, Text } from 'hast'
import { toString } from 'hast-util-to-string'
import type { List, Parents as MdastParents } from 'mdast'
import { defaultHandlers, type Handler } from 'mdast-util-to-hast'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import rehypeSlug from 'rehype-slug'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { bodyText, ledeText } from './body-text.js'
import { error } from './diagnostics.js'
import { englishLabels, formatLabel, type LabelName } from './labels.js'
import { pointAtMedia, rootAtBasePath } from './media-links.js'
import { excerpt } from './text/excerpt.js'
import { readAttributeLine, splitHeadingId } from './text/heading-id.js'
import type { DedupedArticle, RenderedArticle } from './types.js'

/** Prefix of every id that comes from article text, so none can clash with the page's own ids. */
export const userIdPrefix = 'user-content-'

/**
 * Deepest element nesting rendered. Raw HTML can nest far deeper than Markdown; refusing it here
 * keeps the sanitizer, the templates, the feeds and the serializer (all recursive) well inside
 * the stack, whatever the input.
 */
export const maxElementDepth = 256

/**
 * The allow-list: GitHub's, without `data:` images and with only http(s), mailto and relative
 * links, and with `figure` and `figcaption`, which give a photo its caption. Everything else
 * (scripts, event handlers, forms, frames, video, audio, SVG and MathML) is dropped.
 */
const schema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: userIdPrefix,
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['http', 'https'], cite: ['http', 'https'] },
  tagNames: [...(defaultSchema.tagNames ?? []).filter((name) => !['input'].includes(name)), 'figure', 'figcaption']
}

/** Markdown to HTML, its footnotes' heading and back links worded by the site's labels: one processor for each way of wording them. */
const toHastFor = (() => {
  const made = new WeakMap<Label, ReturnType<typeof processor>>()
  const processor = (label: Label) =>
    unified()
      .use(remarkRehype, {
        allowDangerousHtml: true,
        clobberPrefix: '',
        footnoteLabel: label('footnotes', {}),
        footnoteBackLabel: (reference: number, rereference: number) => label('backToReference', { ref: `${reference + 1}${rereference > 1 ? `-${rereference}` : ''}` }),
        handlers: { listItem }
      })
      .freeze()
  return (label: Label) => {
    let found = made.get(label)
    if (!found) made.set(label, (found = processor(label)))
    return found
  }
})()
const withRaw = unified().use(rehypeRaw).freeze()

/** Whether each list is loose (its items' paragraphs kept as paragraphs), found once per list. */
const looseLists = new WeakMap<MdastParents, boolean>()

/**
 * A list item as mdast-util-to-hast makes it, told once whether its list is loose. Why: its own
 * handler looks through every item of the list for each item, and a list of 100,000 items took
 * six minutes to render; the stand-in list it is given holds the answer and no items.
 */
const listItem: Handler = (state, node, parent) => {
  if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent)
  let loose = looseLists.get(parent)
  if (loose === undefined) looseLists.set(parent, (loose = Boolean(parent.spread) || parent.children.some((item) => item.spread ?? item.children.length > 1)))
  const standIn: List = { type: 'list', spread: loose, children: [] }
  return defaultHandlers.listItem(state, node, standIn)
}
const clean = unified().use(rehypeSanitize, schema).use(rehypeSlug, { prefix: userIdPrefix }).freeze()

/** How a body is rendered for a site. */
export interface RenderOptions {
  /** The base path the site is served under: images beside the article are copied there (see `pointAtMedia`). Default "/". */
  readonly basePath?: string
  /** A label in the site's language, for footnotes and the links that stand in for a video, audio or frame. Default: English. Keep one per site: a processor is made for each. */
  readonly label?: Label
}

/** A label in the site's language, by name, its slots filled (see `formatLabel`). */
type Label = (name: LabelName, values: Readonly<Record<string, string>>) => string

const englishLabel = (name: LabelName, values: Readonly<Record<string, string>>) => formatLabel(englishLabels[name], 'en', values)

/**
 * Render an article's Markdown tree to a sanitized HTML tree. Raw HTML in Markdown is parsed and
 * then filtered like everything else; links to `#fragment` are pointed at the prefixed ids that
 * sanitizing gives headings and footnotes, images beside the article at their copies in the site
 * under `basePath` (see `pointAtMedia`), and addresses from the site's root under it too (see
 * `rootAtBasePath`).
 */
export function renderArticle(article: DedupedArticle, { basePath = '/', label = englishLabel }: RenderOptions = {}): RenderedArticle | undefined {
  const bodyStart = article.tree.children[0]?.position?.start ?? { line: 1, column: 1 }
  let body: HastRoot
  let images: Element[]
  let links: Element[]
  let cited: Element[]
  try {
    let tree = toHastFor(label).runSync(article.tree) as HastRoot
    const holds = whatTreeHolds(article.tree)
    if (holds.raw) tree = withRaw.runSync(tree) as HastRoot
    const deep = deepestElement(tree, maxElementDepth)
    if (deep) {
      const start = deep.position?.start
      error(article.file, 'markdown-too-deep', `The body nests HTML elements more than ${maxElementDepth} levels deep here. Flatten its HTML, lists or block quotes.`, { place: start ? { line: start.line, column: start.column } : bodyStart })
      return undefined
    }
    ;({ tree: body, images, links, cited } = forReaders(clean.runSync(holds.raw || holds.tasks || holds.attributes || holds.shortcodes || holds.titledPhotos ? withStandIns(tree, label) : tree) as HastRoot))
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause
    error(article.file, 'markdown-too-deep', 'The body nests too deeply to render. Flatten its HTML, lists or block quotes.', { place: bodyStart })
    return undefined
  }
  // The lede is the first paragraph as readers see it: raw HTML in it ("<script>…</script>",
  // "<img src=x onerror=…>") was listed as text in every listing otherwise.
  const lede = excerpt(ledeText(body))
  // Search, the reading time and story detection all read the body as rendered: the Markdown
  // tree holds raw HTML as markup ("<p>…</p>" had no words, "<br>" was one) and tables apart.
  const { blocks: text, words } = bodyText(body)
  const media = pointAtMedia(images, links, article.file, article.path, basePath)
  rootAtBasePath([...links, ...images, ...cited], basePath)
  return { ...article, body, lede, words, text, media }
}

/** The first element nested deeper than `limit`, found without recursion. */
function deepestElement(tree: HastRoot, limit: number): Element | undefined {
  const stack: Array<{ node: HastRoot | RootContent | ElementContent; depth: number }> = [{ node: tree, depth: 0 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!
    if (node.type === 'element' && depth > limit) return node
    if ('children' in node) for (const child of node.children) stack.push({ node: child, depth: node.type === 'element' ? depth + 1 : depth })
    if (node.type === 'element' && node.tagName === 'template' && node.content) stack.push({ node: node.content, depth: depth + 1 })
  }
  return undefined
}

/**
 * Whether a Markdown tree holds raw HTML, a task list's items, attributes (a heading's written
 * after its text, `{#timeline}`, or kramdown's on a line of their own, `{: .note}`), Hugo's
 * shortcodes (`{{< figure … >}}`) and photos with a title. Most hold none, and skip the passes for them.
 */
function whatTreeHolds(tree: DedupedArticle['tree']): { raw: boolean; tasks: boolean; attributes: boolean; shortcodes: boolean; titledPhotos: boolean } {
  let raw = false
  let tasks = false
  let attributes = false
  let shortcodes = false
  let titledPhotos = false
  const stack: Array<{ type: string; checked?: unknown; value?: unknown; title?: unknown; children?: unknown[] }> = [tree]
  while (stack.length > 0 && !(raw && tasks && attributes)) {
    const node = stack.pop()!
    if (node.type === 'html') raw = true
    if (node.type === 'listItem' && typeof node.checked === 'boolean') tasks = true
    if (node.type === 'heading' && !attributes) {
      const last = node.children?.at(-1) as { type: string; value?: unknown } | undefined
      if (last?.type === 'text' && typeof last.value === 'string' && splitHeadingId(last.value)) attributes = true
    }
    if (node.type === 'text' && typeof node.value === 'string' && node.value.includes('{:')) attributes = true
    if (node.type === 'text' && typeof node.value === 'string' && node.value.startsWith('{{')) shortcodes = true
    if (node.type === 'image' && typeof node.title === 'string' && node.title.trim() !== '') titledPhotos = true
    if (node.children) for (const child of node.children) stack.push(child as { type: string; children?: unknown[] })
  }
  return { raw, tasks, attributes, shortcodes, titledPhotos }
}

/**
 * What the sanitizer would remove, that readers need something of, replaced by what it keeps: a
 * task list's checkboxes by the marks ☑ and ☐ (form fields are not allowed through, and without
 * them "done" and "not done" items looked the same), and a video, an audio or a frame by a link
 * to its http(s) source (they are not allowed through either, and left a fallback sentence such
 * as "Your browser does not support video", an empty paragraph or nothing at all). A heading's
 * attributes (`{#id .class}`, as Hugo writes them) are taken out of its text and their id made
 * its id, which sanitizing prefixes as it does every id; kramdown's on a line of their own
 * (`{: #id}`) give theirs to the heading before them and are taken out, as is its `{:toc}` list.
 */
function withStandIns(tree: HastRoot, label: Label): HastRoot {
  // Each node with whether it is inside a link, where a link standing in for a video would be a link in a link.
  const stack: Array<[HastRoot | ElementContent, boolean]> = [[tree, false]]
  while (stack.length > 0) {
    const [node, inLink] = stack.pop()!
    if (!('children' in node)) continue
    node.children = node.children.flatMap((child, index, siblings): ElementContent[] => {
      if (child.type !== 'element') return [child as ElementContent]
      if (headingTags.has(child.tagName)) return [withHeadingId(child, attributeLineAfter(siblings, index))]
      if ((child.tagName === 'ul' || child.tagName === 'ol') && isTocMarker(child)) return []
      if (child.tagName === 'p' || child.tagName === 'li') {
        // kramdown's attribute list on a line of its own: for the block it ends, or the heading before it.
        const kept = withoutAttributeLine(child)
        if (kept !== child && kept.children.every((node) => node.type === 'text' && node.value.trim() === '')) return []
        if (kept !== child) return [kept]
      }
      if (child.tagName === 'p' && isCaptionShortcode(child)) return [captionFigure(child)]
      if (child.tagName === 'p') {
        const figure = titledPhotoFigure(child)
        if (figure) return [figure]
      }
      if (child.tagName === 'p') {
        const shortcode = hugoShortcode(child, label)
        if (shortcode) return [shortcode]
      }
      if (child.tagName === 'input' && child.properties.type === 'checkbox') return [{ type: 'text', value: child.properties.checked ? '☑' : '☐' }]
      if (child.tagName === 'video' || child.tagName === 'audio' || child.tagName === 'iframe') {
        const link = linkToMedia(child, label)
        if (link && inLink) return [link.children[0] as ElementContent]
        // A video or frame on a line of its own stands at the top, where a link alone would run into the blocks around it.
        return link && node.type === 'root' ? [{ type: 'element', tagName: 'p', properties: {}, children: [link] }] : link ? [link] : []
      }
      return [child]
    }) as typeof node.children
    const linking = inLink || (node.type === 'element' && node.tagName === 'a')
    for (const child of node.children) stack.push([child as ElementContent, linking || (child.type === 'element' && child.tagName === 'a')])
  }
  return tree
}

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/**
 * A paragraph of one photo with a title, `![The bridge](bridge.jpg "The bridge on Monday.")`, as a
 * figure with the title its caption; undefined for any other paragraph. Why: a saved page's lead
 * photo comes with the caption its page gave it, and a title shows only when the pointer rests
 * on the photo, never on a phone.
 */
function titledPhotoFigure(paragraph: Element): Element | undefined {
  const content = paragraph.children.filter((node) => node.type !== 'text' || node.value.trim() !== '')
  const only = content.length === 1 ? content[0] : undefined
  if (only?.type !== 'element') return undefined
  const link = only.tagName === 'a' && only.children.length === 1 ? only : undefined
  const image = link ? link.children[0] : only
  if (image?.type !== 'element' || image.tagName !== 'img' || typeof image.properties.title !== 'string' || image.properties.title.trim() === '') return undefined
  const caption = image.properties.title.trim()
  const { title: _title, ...properties } = image.properties
  const untitled: Element = { ...image, properties }
  return {
    type: 'element',
    tagName: 'figure',
    properties: {},
    children: [link ? { ...link, children: [untitled] } : untitled, { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: caption }] }]
  }
}

/** WordPress's caption shortcode around a photo: `[caption id="…"]<img …> The harbour at dawn[/caption]`. */
function isCaptionShortcode(paragraph: Element): boolean {
  const first = paragraph.children[0]
  const last = paragraph.children.at(-1)
  return first?.type === 'text' && /^\s*\[caption\b[^\]]*\]/.test(first.value) && last?.type === 'text' && /\[\/caption\]\s*$/.test(last.value) && paragraph.children.some((node) => node.type === 'element')
}

/**
 * A caption shortcode as the figure it stands for, its text the caption. Why: a WordPress export
 * keeps them in every post with a photo, and readers saw `[caption id="attachment_12" …]` above
 * it, in the summary too.
 */
function captionFigure(paragraph: Element): Element {
  const children = paragraph.children.map((node, index) => {
    if (node.type !== 'text') return node
    let value = node.value
    if (index === 0) value = value.replace(/^\s*\[caption\b[^\]]*\]/, '')
    if (index === paragraph.children.length - 1) value = value.replace(/\[\/caption\]\s*$/, '')
    return { ...node, value }
  })
  const media = children.filter((node) => node.type === 'element' && (node.tagName === 'img' || node.tagName === 'a'))
  const caption = children.filter((node) => !media.includes(node))
  const words = caption.filter((node) => node.type !== 'text' || node.value.trim() !== '')
  if (words[0]?.type === 'text') words[0] = { ...words[0], value: words[0].value.trimStart() }
  const lastWord = words.at(-1)
  if (lastWord?.type === 'text') words[words.length - 1] = { ...lastWord, value: lastWord.value.trimEnd() }
  return { type: 'element', tagName: 'figure', properties: {}, children: [...media, ...(words.length > 0 ? [{ type: 'element', tagName: 'figcaption', properties: {}, children: words } as Element] : [])] }
}

/** A paragraph that is one of Hugo's shortcodes Gazette reads, in either form: `{{< figure src="a.jpg" >}}`, `{{% youtube w7Ft2ymGmfc %}}`. */
const hugoShortcodeText = /^\s*\{\{(?:<\s*(figure|youtube|vimeo)\b([^]*?)>|%\s*(figure|youtube|vimeo)\b([^]*?)%)\}\}\s*$/u
/** A shortcode's parameters, named (`src="a.jpg"`, `alt='Cranes'`) or by place (`w7Ft2ymGmfc`). */
const shortcodeParameter = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))|"([^"]*)"|(\S+)/gu

/**
 * One of Hugo's shortcodes in a paragraph of its own, as what it stands for: `figure` as a figure
 * of its image (`src`, `alt`, and a link around it for `link`) with `title` and `caption` as its
 * caption, and `youtube` or `vimeo` as a link to the video, as a video with an https source is
 * shown. Why: content moved from Hugo keeps them, and readers saw `{{< figure src="…" >}}` as
 * text. Undefined for any other paragraph, and for the shortcodes Gazette does not read, which
 * stay as written.
 */
function hugoShortcode(paragraph: Element, label: Label): Element | undefined {
  // Its text, with any address in it that GFM made a link of ("link=\"https://…\"") read as text again.
  if (!paragraph.children.every((node) => node.type === 'text' || (node.type === 'element' && node.tagName === 'a'))) return undefined
  const first = paragraph.children[0]
  if (first?.type !== 'text' || !first.value.trimStart().startsWith('{{')) return undefined
  const found = hugoShortcodeText.exec(toString(paragraph))
  if (!found) return undefined
  const name = found[1] ?? found[3]!
  const named = new Map<string, string>()
  const byPlace: string[] = []
  for (const [, key, double, single, bare, quoted, alone] of (found[2] ?? found[4]!).matchAll(shortcodeParameter)) {
    if (key !== undefined) named.set(key.toLowerCase(), double ?? single ?? bare ?? '')
    else byPlace.push(quoted ?? alone ?? '')
  }
  const position = paragraph.position
  if (name === 'figure') {
    const src = named.get('src') ?? byPlace[0]
    if (!src) return undefined
    const image: Element = { type: 'element', tagName: 'img', properties: { src, alt: named.get('alt') ?? '' }, children: [], ...(position ? { position } : {}) }
    const link = named.get('link')
    const caption = [named.get('title'), named.get('caption')].filter((text): text is string => Boolean(text?.trim())).join(' ')
    return {
      type: 'element',
      tagName: 'figure',
      properties: {},
      children: [link ? { type: 'element', tagName: 'a', properties: { href: link }, children: [image] } : image, ...(caption ? [{ type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: caption }] } as Element] : [])]
    }
  }
  const id = named.get('id') ?? byPlace[0]
  if (!id || !/^[\w-]+$/u.test(id)) return undefined
  const address = name === 'youtube' ? `https://www.youtube.com/watch?v=${id}` : `https://vimeo.com/${id}`
  return { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'element', tagName: 'a', properties: { href: address }, children: [{ type: 'text', value: named.get('title') || label('videoLink', { address }) }] }] }
}

/**
 * A heading whose text ends with attributes (`{#id}`, `{#id .class}`) without them, with their id
 * (unless it has one), or else the id of the attribute line after it (`{: #id}`); any other as it is.
 */
function withHeadingId(heading: Element, lineAfter: { id?: string } | undefined): Element {
  const last = heading.children.at(-1)
  const split = last?.type === 'text' ? splitHeadingId(last.value) : undefined
  const id = split?.id ?? lineAfter?.id
  if (!split && id === undefined) return heading
  const children = !split ? heading.children : [...heading.children.slice(0, -1), ...(split.text === '' ? [] : [{ ...last!, value: split.text }])]
  return { ...heading, properties: { ...(id !== undefined ? { id } : {}), ...heading.properties }, children }
}

/** The attribute line (`{: #id}`) that is the paragraph right after `siblings[index]`, if it is one. */
function attributeLineAfter(siblings: ReadonlyArray<RootContent | ElementContent>, index: number): { id?: string } | undefined {
  let next = index + 1
  while (siblings[next]?.type === 'text' && (siblings[next] as Text).value.trim() === '') next++
  const paragraph = siblings[next]
  if (paragraph?.type !== 'element' || paragraph.tagName !== 'p' || paragraph.children.length !== 1 || paragraph.children[0]!.type !== 'text') return undefined
  return readAttributeLine(paragraph.children[0]!.value)
}

/**
 * A paragraph or list item without the kramdown attribute list that is its last line (`{: .note}`,
 * or the whole of it); the same element when it has none. Why: Jekyll's posts carry them, and
 * readers saw `{: .note}` as text.
 */
function withoutAttributeLine(block: Element): Element {
  const last = block.children.at(-1)
  if (last?.type !== 'text') return block
  const lineStart = lastLineStart(last.value)
  if (!readAttributeLine(last.value.slice(lineStart))) return block
  const value = last.value.slice(0, lineStart).trimEnd()
  return { ...block, children: [...block.children.slice(0, -1), ...(value === '' ? [] : [{ ...last, value }])] }
}

/** kramdown's table of contents, a list of one item that ends with `{:toc}`: Gazette makes none, and it read "TOC". */
function isTocMarker(list: Element): boolean {
  const items = list.children.filter((node) => node.type === 'element')
  if (items.length !== 1) return false
  const text = toString(items[0]!)
  return readAttributeLine(text.slice(lastLineStart(text)))?.toc === true
}

/** Where the last line of a text that is not white space starts. */
function lastLineStart(text: string): number {
  return text.lastIndexOf('\n', text.trimEnd().length - 1) + 1
}

/** What a reader is given of a video, audio or frame: a link to its http(s) source, its fallback text dropped; else nothing. */
function linkToMedia(media: Element, label: Label): Element | undefined {
  const sources = [media.properties.src, ...media.children.map((child) => (child.type === 'element' && child.tagName === 'source' ? child.properties.src : undefined))]
  const source = sources.find((src): src is string => typeof src === 'string' && /^\s*https?:\/\//i.test(src))?.trim()
  if (source === undefined) return undefined
  const title = typeof media.properties.title === 'string' ? media.properties.title.trim() : ''
  const text = media.tagName === 'iframe' ? title || label('embeddedPage', { address: source }) : label(media.tagName === 'video' ? 'videoLink' : 'audioLink', { address: source })
  return { type: 'element', tagName: 'a', properties: { href: source }, children: [{ type: 'text', value: text }] }
}

/**
 * What the sanitizer leaves that readers would stumble on, mended in one pass: an image without
 * alt text is marked as decoration (screen readers read its file name otherwise), an image over
 * http is asked for over https (the pages' policy would block it), a link whose
 * address was refused is its text (it looked like a link and went nowhere), a code block or a
 * table is focusable, so that a keyboard can scroll it, a paragraph left with nothing to show
 * (a spacer, or one whose video had no source that could be linked) is removed, a link target
 * named the old way (`<a name="x">`) gets that name as its id, and `href="#x"` points at
 * `#user-content-x` where only the prefixed id (from sanitizing) exists.
 */
function forReaders(tree: HastRoot): { tree: HastRoot; images: Element[]; links: Element[]; cited: Element[] } {
  const ids = new Set<string>()
  let sharedId = false
  const anchors: Element[] = []
  const images: Element[] = []
  const links: Element[] = []
  const cited: Element[] = []
  const stack: Array<HastRoot | ElementContent> = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type !== 'element' && node.type !== 'root') continue
    if (node.type === 'element') {
      if (node.tagName === 'a' && node.properties.name !== undefined) {
        // An old page's link target, <a name="part2">: as an id (a link's name is obsolete) it is one
        // that fragment links are pointed at, and not taken for a link whose address was refused.
        node.properties.id ??= node.properties.name
        delete node.properties.name
      }
      if (typeof node.properties.id === 'string') {
        sharedId ||= ids.has(node.properties.id)
        ids.add(node.properties.id)
      }
      if (node.tagName === 'a' && typeof node.properties.href === 'string') (node.properties.href.startsWith('#') ? anchors : links).push(node)
      if (node.tagName === 'img') {
        if (node.properties.alt === undefined) node.properties.alt = ''
        // The pages let images load over https only (their Content-Security-Policy): an http
        // address is asked for over https, as browsers upgrade one on a secure page.
        if (typeof node.properties.src === 'string' && /^http:\/\//i.test(node.properties.src)) node.properties.src = `https://${node.properties.src.slice(7)}`
        images.push(node)
      }
      if (typeof node.properties.cite === 'string') cited.push(node)
      if (node.tagName === 'pre' || node.tagName === 'table') node.properties.tabIndex = 0
      if ((node.tagName === 'td' || node.tagName === 'th') && node.properties.align !== undefined) alignmentAsClass(node)
    }
    const children = node.children as Array<RootContent | ElementContent>
    if (children.some(isRefusedLink)) node.children = children.flatMap((child): Array<RootContent | ElementContent> => (isRefusedLink(child) ? child.children : [child])) as typeof node.children
    if (node.children.some(isEmptyBlock)) node.children = (node.children as Array<RootContent | ElementContent>).filter((child) => !isEmptyBlock(child)) as typeof node.children
    for (const child of node.children) stack.push(child as ElementContent)
  }
  // Seldom: an id given twice (a heading's made from its text, and one raw HTML or a footnote has).
  if (sharedId) uniqueIds(tree, ids)
  for (const anchor of anchors) {
    let target: string
    try {
      target = decodeURIComponent(String(anchor.properties.href).slice(1))
    } catch {
      continue
    }
    if (!ids.has(target) && ids.has(userIdPrefix + target)) anchor.properties.href = `#${userIdPrefix}${target}`
  }
  return { tree, images, links, cited }
}

/**
 * Give each element of the body an id no other has. Why: a heading's id is made from its text,
 * blind to the ids raw HTML and footnotes bring, and a heading "fn 1" took the id of the first
 * footnote, so its mark jumped to the heading. The footnotes' marks, notes and label keep theirs;
 * of the rest, the first in document order keeps it and a later one gets a number added
 * (`user-content-intro-1`).
 */
function uniqueIds(tree: HastRoot, ids: Set<string>): void {
  const owned = new Set<string>()
  const others: Element[] = []
  const visit = (node: HastRoot | ElementContent, inNotes: boolean): void => {
    if (node.type !== 'element' && node.type !== 'root') return
    if (node.type === 'element' && typeof node.properties.id === 'string') {
      if (inNotes || node.properties.dataFootnoteRef !== undefined) owned.add(node.properties.id)
      else others.push(node)
    }
    const notes = inNotes || (node.type === 'element' && node.tagName === 'section' && node.properties.dataFootnotes !== undefined)
    for (const child of node.children) visit(child as ElementContent, notes)
  }
  visit(tree, false)
  const given = new Set<string>()
  for (const element of others) {
    const id = element.properties.id as string
    if (!owned.has(id) && !given.has(id)) {
      given.add(id)
      continue
    }
    let number = 1
    while (ids.has(`${id}-${number}`) || given.has(`${id}-${number}`)) number++
    element.properties.id = `${id}-${number}`
    given.add(`${id}-${number}`)
    ids.add(`${id}-${number}`)
  }
}

/**
 * A table cell's alignment as a class (`align-right`), which the stylesheet sets: the `align`
 * attribute Markdown tables are written with is obsolete in HTML, and an inline style would be
 * refused by the pages' Content-Security-Policy.
 */
function alignmentAsClass(cell: Element): void {
  const align = String(cell.properties.align)
  delete cell.properties.align
  if (align === 'left' || align === 'center' || align === 'right') cell.properties.className = [...(Array.isArray(cell.properties.className) ? cell.properties.className : []), `align-${align}`]
}

/** A link the sanitizer took the address of, that is no target of links either (`<a id>`, `<a name>`). */
function isRefusedLink(node: RootContent | ElementContent): node is Element {
  return node.type === 'element' && node.tagName === 'a' && node.properties.href === undefined && node.properties.id === undefined && node.properties.name === undefined
}

/**
 * A paragraph that shows nothing: no text but white space, no image, and no target of a link;
 * or a heading of nothing, whose id only its empty text made (`user-content-`, `user-content--1`). Why headings: a
 * press release's end mark, "###", is an empty heading in Markdown, and was an empty `<h3>` on the
 * page, which a screen reader's list of headings reads as a heading without a name.
 */
const emptyHeadingId = new RegExp(`^${userIdPrefix}(?:-\\d+)?$`)

function isEmptyBlock(node: RootContent | ElementContent): boolean {
  if (node.type !== 'element') return false
  if (node.tagName === 'p') return showsNothing(node)
  return headingTags.has(node.tagName) && (node.properties.id === undefined || emptyHeadingId.test(String(node.properties.id))) && node.children.every(showsNothing)
}

function showsNothing(node: ElementContent): boolean {
  if (node.type === 'text') return !/\S/.test(node.value)
  if (node.type !== 'element') return true
  return node.tagName !== 'img' && node.properties.id === undefined && node.properties.name === undefined && node.children.every(showsNothing)
}
