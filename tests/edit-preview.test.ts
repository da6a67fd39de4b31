import { describe, expect, it } from 'vitest'
import { build } from '../src/build.js'
import { previewEditedArticle } from '../src/edit-preview.js'
import { memoryCache } from '../src/io/cache.js'
import { loadTemplates } from '../src/io/load-templates.js'
import { memoryStore } from '../src/io/store.js'
import { memoryWriter } from '../src/io/writer.js'
import { article, testNow } from './helpers.js'

const templates = await loadTemplates('/no-such-root')

// Two stories that share names and terms, so each lists the other as related.
const files = {
  'content/harbour.md': article({ title: 'Harbour reopens after storm', date: '2025-05-01T08:00:00Z', tags: ['Aarhus', 'Shipping'], source: 'Kyodo' }, 'The harbour in Aarhus reopened on Monday after the storm damaged two cranes at the container terminal, officials of the Aarhus port authority said.\n\nShipping lines said the Aarhus terminal would handle containers again by Friday, once engineers from Maersk had checked the quay walls and the cranes that still stand.'),
  'content/cranes.md': article({ title: 'New cranes ordered for Aarhus harbour', date: '2025-05-02T08:00:00Z', tags: ['Aarhus'] }, 'The Aarhus port authority ordered two cranes to replace those the storm damaged at the container terminal last week, its director said on Tuesday.\n\nShipping lines and Maersk welcomed the order, which should let the Aarhus terminal handle containers at full speed again before the winter.')
}

async function site(contents: Record<string, string>) {
  const store = memoryStore(contents)
  const writer = memoryWriter()
  const cache = memoryCache()
  const report = await build({ store, writer, cache, templates, now: testNow, search: false })
  return { store, writer, cache, report }
}

describe('previewEditedArticle', () => {
  it('renders an edited article the way the next build does', async () => {
    const { store, writer, cache, report } = await site(files)
    const edited = files['content/harbour.md'].replace('on Monday', 'on Monday morning, a day early,')
    store.files.set('content/harbour.md', edited)
    const preview = previewEditedArticle((await store.readOne('content/harbour.md'))!, report.site!)
    expect(preview?.path).toBe('2025/05/01/harbour-reopens-after-storm/index.html')
    expect(String(preview?.contents)).toContain('a day early')
    // Its related story is still listed, as the last build found it.
    expect(String(preview?.contents)).toContain('href="/2025/05/02/new-cranes-ordered-for-aarhus-harbour/"')

    const next = await build({ store, writer, cache, templates, now: testNow, search: false })
    expect(next.ok).toBe(true)
    expect(preview?.contents).toBe(writer.pages.get(preview!.path))
  })

  it.each([
    ['a new date', (text: string) => text.replace('2025-05-01T08:00:00Z', '2025-05-03T08:00:00Z')],
    ['a new slug', (text: string) => text.replace('title:', 'slug: "harbour"\ntitle:')],
    ['new tags', (text: string) => text.replace('"Shipping"', '"Ports"')],
    ['a new source', (text: string) => text.replace('"Kyodo"', '"Reuters"')],
    ['draft: true', (text: string) => text.replace('title:', 'draft: true\ntitle:')],
    ['an error', (text: string) => text.replace('2025-05-01T08:00:00Z', '2025-02-30')]
  ])('leaves an edit with %s to the whole build', async (_change, edit) => {
    const { store, report } = await site(files)
    store.files.set('content/harbour.md', edit(files['content/harbour.md']))
    expect(previewEditedArticle((await store.readOne('content/harbour.md'))!, report.site!)).toBeUndefined()
  })

  it('has nothing to show for an article the last build did not publish', async () => {
    const { store, report } = await site({ ...files, 'content/draft.md': article({ title: 'Draft', date: '2025-05-01T08:00:00Z', draft: true }, 'Not yet.') })
    expect(previewEditedArticle((await store.readOne('content/draft.md'))!, report.site!)).toBeUndefined()
  })
})
