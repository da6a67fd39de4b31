import type { Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import * as pagefind from 'pagefind'
import type { Page } from './types.js'

/** A Pagefind index being built from article pages as they are rendered. */
export interface SearchIndex {
  add(page: Page): Promise<void>
  /** The bundle's files under `pagefind/`. */
  finish(): Promise<Page[]>
  /** Write the bundle straight into a folder, which spares holding it in memory. */
  finishInto(folder: string): Promise<void>
}

/**
 * Start a Pagefind index fed from pages held in memory, so the index is written through the same
 * writer, and swapped in with the same commit, as every other page. URLs are indexed from the
 * site root; the search page gives Pagefind the base path.
 */
export async function createSearchIndex(): Promise<SearchIndex> {
  const { index, errors } = await pagefind.createIndex({})
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`)
  const failures: string[] = []
  return {
    async add(page) {
      const result = await index.addHTMLFile({ url: `/${page.path.replace(/index\.html$/, '')}`, content: typeof page.contents === 'string' ? page.contents : new TextDecoder().decode(page.contents) })
      if (result.errors.length > 0) failures.push(`${page.path}: ${result.errors.join('; ')}`)
    },
    async finishInto(folder) {
      try {
        if (failures.length > 0) throw new Error(`Pagefind could not index ${failures.join(', ')}`)
        const { errors: writeErrors } = await index.writeFiles({ outputPath: folder })
        if (writeErrors.length > 0) throw new Error(`Pagefind could not write its index: ${writeErrors.join('; ')}`)
      } finally {
        await index.deleteIndex()
        await pagefind.close()
      }
    },
    async finish() {
      try {
        if (failures.length > 0) throw new Error(`Pagefind could not index ${failures.join(', ')}`)
        const { files, errors: fileErrors } = await index.getFiles()
        if (fileErrors.length > 0) throw new Error(`Pagefind could not write its index: ${fileErrors.join('; ')}`)
        return files.map((file) => ({ path: `pagefind/${file.path}`, contents: file.content }))
      } finally {
        await index.deleteIndex()
        await pagefind.close()
      }
    }
  }
}

/**
 * The document Pagefind indexes for an article: its headline, summary and body, without the
 * page's head, navigation and footer, which it would only parse and throw away.
 */
export function searchDocument(article: { title: string; summary: string | undefined; lede: string }, body: Root, language: string): string {
  return toHtml(
    h(null, [
      { type: 'doctype' },
      h('html', { lang: language }, [h('head', [h('meta', { charset: 'utf-8' }), h('title', article.title)]), h('body', [h('main', [h('h1', article.title), h('p', article.summary ?? article.lede), ...body.children])])])
    ])
  )
}
