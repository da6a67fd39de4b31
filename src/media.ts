import { VFile } from 'vfile'
import { warn } from './diagnostics.js'
import type { Stamp } from './io/stamp.js'
import type { SourceStore } from './io/store.js'
import type { MediaReference } from './types.js'
import type { SiteMedia } from './write-site.js'

/**
 * The images the published articles show from beside them, each once, to copy into the site; an
 * image that is not there is a warning at the place its article shows it. A file the stamp lists
 * is there; without a stamp, the store is asked.
 */
export function findMedia(articles: ReadonlyArray<{ readonly path: string; readonly media: readonly MediaReference[] }>, store: Pick<SourceStore, 'readMedia'>, stamp: Stamp | undefined): { media: SiteMedia; files: VFile[] } {
  const found = new Set<string>()
  const missing = new Set<string>()
  const files: VFile[] = []
  const exists = (path: string) => (stamp ? stamp[path] !== undefined : store.readMedia(path) !== undefined)
  for (const article of articles) {
    let file: VFile | undefined
    for (const reference of article.media) {
      if (found.has(reference.path)) continue
      if (!missing.has(reference.path) && exists(reference.path)) {
        found.add(reference.path)
        continue
      }
      missing.add(reference.path)
      if (!file) files.push((file = new VFile({ path: article.path })))
      warn(file, 'image-missing', `The image "${reference.written}" is not there (${reference.path}), so readers would see a broken image. Put the file there, or give the image's full https:// address.`, reference.place ? { place: reference.place } : {})
    }
  }
  const paths = [...found].sort()
  return { media: { paths, signature: (path) => stamp?.[path], read: (path) => store.readMedia(path) }, files }
}
