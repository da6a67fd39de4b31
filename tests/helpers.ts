import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, type BuildOptions, type BuildReport } from '../src/build.js'
import { loadTemplates } from '../src/io/load-templates.js'
import { memoryCache } from '../src/io/cache.js'
import { memoryStore } from '../src/io/store.js'
import { memoryWriter } from '../src/io/writer.js'

/** A fixed instant for builds under test: 2026-01-15T12:00:00Z. */
export const testNow = new Date('2026-01-15T12:00:00Z')

const templates = await loadTemplates(join(import.meta.dirname, 'no-such-root'))

/** Build files held in memory; returns the report, the written pages as text, and the store. */
export async function buildInMemory(
  files: Record<string, string | Uint8Array>,
  options: { config?: unknown; writer?: ReturnType<typeof memoryWriter> } & Partial<Omit<BuildOptions, 'store' | 'writer' | 'templates'>> = {}
): Promise<{ report: BuildReport; pages: Map<string, string>; store: ReturnType<typeof memoryStore>; messages: string[] }> {
  const store = memoryStore(files, options.config)
  const writer = options.writer ?? memoryWriter()
  const report = await build({ store, writer, cache: memoryCache(), templates, now: testNow, search: false, ...options })
  const pages = new Map<string, string>()
  for (const [path, contents] of report.written ? writer.pages : []) pages.set(path, typeof contents === 'string' ? contents : new TextDecoder().decode(contents))
  const messages = report.files.flatMap((file) => file.messages.map(String))
  return { report, pages, store, messages }
}

/** A temporary folder removed after the callback. */
export async function withTempDir<T>(callback: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'gazette-test-'))
  try {
    return await callback(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** A content file with YAML frontmatter. */
export function article(frontmatter: Record<string, unknown> | string, body: string): string {
  const yaml = typeof frontmatter === 'string' ? frontmatter : Object.entries(frontmatter).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join('\n')
  return `---\n${yaml}\n---\n\n${body}\n`
}
