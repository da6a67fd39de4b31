import type { Element } from 'hast'
import type { VFile } from 'vfile'
import { warn } from './diagnostics.js'
import { isMedia } from './io/store.js'
import type { MediaReference } from './types.js'

/** Where an image beside the articles is in the site: `content/img/a.jpg` at `media/img/a.jpg`. */
export function mediaRoute(path: string): string {
  return `media/${path.slice('content/'.length)}`
}

/**
 * Point the images a body shows from beside its article (its `<img>` elements, in document order,
 * and the links that lead to such an image: `![Waves](img/waves.jpg)`, a Hugo page bundle's
 * `cover.jpg`) at their copies in the site, `<base path>media/…`, and name them for the build to
 * copy. Why: the page is at `2024/01/05/slug/`, where the address as written leads nowhere, and
 * in feeds it became an address that was never there. An image whose address leaves `content/`,
 * or a file Gazette does not copy (SVG), is a warning, the address left as written.
 */
export function pointAtMedia(images: readonly Element[], links: readonly Element[], file: VFile, articlePath: string, basePath: string): MediaReference[] {
  const references: MediaReference[] = []
  // In document order, as the reader meets them: the walk that found them went from the end.
  const at = (node: Element) => (node.position ? node.position.start.line * 1e6 + node.position.start.column : 0)
  for (const node of [...images, ...links].sort((a, b) => at(a) - at(b))) {
    // A link to an image beside the article (a thumbnail's full size, "Download the photo") is one too.
    if (node.tagName === 'a') {
      if (typeof node.properties.href !== 'string') continue
      const path = besideArticle(node.properties.href, articlePath)
      if (typeof path !== 'string' || !isMedia(path)) continue
      references.push({ path, written: node.properties.href, place: placeOf(node) })
      node.properties.href = siteAddress(path, basePath)
      continue
    }
    if (typeof node.properties.src !== 'string') continue
    const written = node.properties.src
    const path = besideArticle(written, articlePath)
    // An address that names no file by its kind ("x", as in `<img src=x onerror=…>`) is no image anyone meant to copy.
    if (path === undefined || !/\.[A-Za-z0-9]+$/.test(path ?? written)) continue
    const place = placeOf(node)
    if (path === null || !isMedia(path)) {
      warn(file, 'image-missing', `The image "${written}" ${path === null ? 'is outside content/' : 'is not a JPEG, PNG, GIF, WebP or AVIF file'}, so it is not copied into the site and readers would see a broken image. Put the image in content/ beside the article, or give its full https:// address.`, place ? { place } : {})
      continue
    }
    node.properties.src = siteAddress(path, basePath)
    references.push({ path, written, place })
  }
  return references
}

/**
 * Put the base path before the addresses a body gives from the site's root (`/2024/01/04/bridge/`,
 * `/tags/harbour/`, `/files/map.png`): its links, images and quotations' sources. Why: the author
 * means this site's root, and under a sub-path (`/news/`) the address as written led out of the
 * site, in the page and, made absolute, in the feeds. One already under the base path
 * (`/news/tags/`), one to another host (`//cdn.example/a.png`) and every other address are left
 * as written.
 */
export function rootAtBasePath(elements: Iterable<Element>, basePath: string): void {
  if (basePath === '/') return
  const base = basePath.slice(0, -1)
  for (const node of elements) {
    for (const key of ['href', 'src', 'cite'] as const) {
      const address = node.properties[key]
      if (typeof address !== 'string' || !/^\/(?![/\\])/.test(address)) continue
      // Already in the site: "/news", "/news/…", "/news?…", "/news#…" ("/newsroom/" is not).
      if (address.startsWith(base) && /^(?:$|[/?#])/.test(address.slice(base.length))) continue
      node.properties[key] = base + address
    }
  }
}

/** The address of an image's copy in the site, each segment encoded: a "#" or "?" in a file name cut it short otherwise. */
function siteAddress(path: string, basePath: string): string {
  return basePath + mediaRoute(path).split('/').map(encodeURIComponent).join('/')
}

function placeOf(node: Element): MediaReference['place'] {
  return node.position ? { line: node.position.start.line, column: node.position.start.column } : undefined
}

/**
 * The root-relative path an image address names beside the article at `articlePath`; undefined
 * when it is not such an address (another site, the site's root, data); null when it leaves `content/`.
 */
function besideArticle(address: string, articlePath: string): string | null | undefined {
  if (address === '' || /^[a-z][a-z0-9+.-]*:|^[/?#\\]/i.test(address)) return undefined
  const bare = address.replace(/[?#].*$/s, '')
  let decoded: string
  try {
    decoded = decodeURIComponent(bare)
  } catch {
    // A "%" that starts no escape ("100%.png", as raw HTML may write it) is the file's own.
    decoded = bare
  }
  const parts = articlePath.split('/').slice(0, -1)
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment !== '..') parts.push(segment)
    // Above the root is nowhere; out of content/ and back in ("../content/img/a.png") is fine.
    else if (parts.pop() === undefined) return null
  }
  return parts[0] === 'content' && parts.length > 1 ? parts.join('/') : null
}
