import { VFile } from 'vfile'
import { warn } from './diagnostics.js'
import type { Stamp } from './io/stamp.js'
import { maxMediaBytes, type SourceStore } from './io/store.js'
import type { MediaReference } from './types.js'
import type { SiteMedia } from './write-site.js'

/**
 * The images the published articles show from beside them, each once, to copy into the site; an
 * image that is not there, or too large to copy, is a warning at the place its article shows it.
 * The stamp, when there is one, keys each copy (see `SiteMedia`).
 */
export function findMedia(articles: ReadonlyArray<{ readonly path: string; readonly media: readonly MediaReference[] }>, store: Pick<SourceStore, 'readMedia' | 'mediaSize'>, stamp: Stamp | undefined): { media: SiteMedia; files: VFile[] } {
  const found = new Set<string>()
  const files: VFile[] = []
  // Why not exists, from what: a file too large to copy is as good as missing, and says so.
  const problems = new Map<string, string | undefined>()
  const problemOf = (path: string): string | undefined => {
    if (!problems.has(path)) {
      const size = store.mediaSize(path)
      problems.set(path, size === undefined ? `is not there (${path}), so readers would see a broken image. Put the file there` : size > maxMediaBytes ? `is ${Math.ceil(size / 1024 / 1024)} MB, more than the ${maxMediaBytes / 1024 / 1024} MB Gazette copies into a site, so readers would see a broken image. Make it smaller` : undefined)
    }
    return problems.get(path)
  }
  for (const article of articles) {
    let file: VFile | undefined
    for (const reference of article.media) {
      const problem = problemOf(reference.path)
      if (problem === undefined) {
        found.add(reference.path)
        continue
      }
      if (!file) files.push((file = new VFile({ path: article.path })))
      warn(file, 'image-missing', `The image "${reference.written}" ${problem}, or give the image's full https:// address.`, reference.place ? { place: reference.place } : {})
    }
  }
  const paths = [...found].sort()
  return { media: { paths, signature: (path) => stamp?.[path], read: (path) => store.readMedia(path) }, files }
}
