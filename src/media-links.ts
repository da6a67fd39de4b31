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
 * Point the images of a body (its `<img>` elements, in document order) that it shows from beside
 * its article (`![Waves](img/waves.jpg)`, a Hugo page bundle's `cover.jpg`) at their copies in
 * the site, `<base path>media/…`, and name them for the build to copy. Why: the page is at `2024/01/05/slug/`, where the address as written leads
 * nowhere, and in feeds it became an address that was never there. An address that leaves
 * `content/`, or a file Gazette does not copy (SVG), is a warning, the address left as written.
 */
export function pointAtMedia(images: readonly Element[], file: VFile, articlePath: string, basePath: string): MediaReference[] {
  const references: MediaReference[] = []
  for (const node of images) {
    if (typeof node.properties.src !== 'string') continue
    const written = node.properties.src
    const path = besideArticle(written, articlePath)
    // An address that names no file by its kind ("x", as in `<img src=x onerror=…>`) is no image anyone meant to copy.
    if (path === undefined || !/\.[A-Za-z0-9]+$/.test(path ?? written)) continue
    const place = node.position ? { line: node.position.start.line, column: node.position.start.column } : undefined
    if (path === null || !isMedia(path)) {
      warn(file, 'image-missing', `The image "${written}" ${path === null ? 'is outside content/' : 'is not a JPEG, PNG, GIF, WebP or AVIF file'}, so it is not copied into the site and readers would see a broken image. Put the image in content/ beside the article, or give its full https:// address.`, place ? { place } : {})
      continue
    }
    node.properties.src = basePath + encodeURI(mediaRoute(path))
    references.push({ path, written, place })
  }
  return references
}

/**
 * The root-relative path an image address names beside the article at `articlePath`; undefined
 * when it is not such an address (another site, the site's root, data); null when it leaves `content/`.
 */
function besideArticle(address: string, articlePath: string): string | null | undefined {
  if (address === '' || /^[a-z][a-z0-9+.-]*:|^[/?#\\]/i.test(address)) return undefined
  let decoded: string
  try {
    decoded = decodeURIComponent(address.replace(/[?#].*$/s, ''))
  } catch {
    return undefined
  }
  const parts = articlePath.split('/').slice(0, -1)
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      parts.pop()
      if (parts.length === 0) return null
    } else parts.push(segment)
  }
  return parts[0] === 'content' && parts.length > 1 ? parts.join('/') : null
}

