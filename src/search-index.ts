import * as pagefind from 'pagefind'
import type { Page } from './types.js'

/**
 * Build the Pagefind search bundle from article pages held in memory, so the index is written
 * through the same writer, and swapped in with the same commit, as every other page. Returns the
 * bundle's files under `pagefind/`.
 */
export async function renderSearchIndex(articlePages: readonly Page[], basePath: string): Promise<Page[]> {
  const { index, errors } = await pagefind.createIndex({})
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`)
  try {
    for (const page of articlePages) {
      const url = basePath + page.path.replace(/index\.html$/, '')
      const result = await index.addHTMLFile({ url, content: typeof page.contents === 'string' ? page.contents : new TextDecoder().decode(page.contents) })
      if (result.errors.length > 0) throw new Error(`Pagefind could not index ${page.path}: ${result.errors.join('; ')}`)
    }
    const { files, errors: fileErrors } = await index.getFiles()
    if (fileErrors.length > 0) throw new Error(`Pagefind could not write its index: ${fileErrors.join('; ')}`)
    return files.map((file) => ({ path: `pagefind/${file.path}`, contents: file.content }))
  } finally {
    await index.deleteIndex()
    await pagefind.close()
  }
}
