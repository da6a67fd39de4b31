import { execFileSync } from 'node:child_process'
import { chmod, mkdir, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fsStore, maxSourceBytes } from '../src/io/fs-store.js'
import type { SourceStore } from '../src/io/store.js'
import { withTempDir } from './helpers.js'

async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), contents)
  }
}

const isRoot = process.getuid?.() === 0

/** What a build reads of a root: its seeds, and each content file listed, read as the build reads them. */
async function readAll(store: SourceStore) {
  const contents = await store.read()
  const read = contents.content.map((path) => store.readContent(path))
  const sources = [...read.flatMap((item) => ('ruleId' in item ? [] : [item])), ...contents.sources].sort((a, b) => (a.path < b.path ? -1 : 1))
  return { ...contents, sources, problems: [...contents.problems, ...read.flatMap((item) => ('ruleId' in item ? [item] : []))] }
}

describe('fsStore.read', () => {
  it('reads content and seeds recursively, sorted, skipping hidden and other files', async () => {
    await withTempDir(async (root) => {
      await writeFiles(root, {
        'content/b.md': 'B',
        'content/a/deep.markdown': 'A',
        'content/.hidden.md': 'hidden',
        'content/.git/x.md': 'hidden',
        'content/notes.txt': 'not content',
        'seeds/raw.txt': 'seed',
        'seeds/page.html': '<p>seed</p>',
        'seeds/image.png': 'binary',
        'other/c.md': 'elsewhere'
      })
      const { sources, problems, config } = await readAll(fsStore(root))
      // Raw text in content/ is not read, and named: it may be an article in the wrong folder.
      expect(problems).toEqual([expect.objectContaining({ path: 'content/notes.txt', ruleId: 'file-misplaced', warning: true })])
      expect(config).toBeUndefined()
      expect(sources.map((source) => [source.path, source.kind])).toEqual([
        ['content/a/deep.markdown', 'markdown'],
        ['content/b.md', 'markdown'],
        ['seeds/page.html', 'html'],
        ['seeds/raw.txt', 'text']
      ])
    })
  })

  it('follows links inside the root, names links that leave it, and reads nothing through them', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'site')
      await writeFiles(dir, { 'outside/secret.md': 'SECRET', 'outside/folder/leak.md': 'LEAK', 'site/content/a.md': 'A', 'site/shared/s.md': 'S' })
      await symlink(join(dir, 'outside/secret.md'), join(root, 'content/secret.md'))
      await symlink(join(dir, 'outside/folder'), join(root, 'content/folder'))
      await symlink('../shared', join(root, 'content/shared'))
      const { sources, problems } = await readAll(fsStore(root))
      expect(sources.map((source) => source.path)).toEqual(['content/a.md', 'content/shared/s.md'])
      expect(problems).toEqual([
        { path: 'content/folder', ruleId: 'file-outside-root', reason: `"content/folder" links outside the root (${join(dir, 'outside/folder')}); it was not read. Move the files into the root or replace the link with a folder.` },
        { path: 'content/secret.md', ruleId: 'file-outside-root', reason: `"content/secret.md" links outside the root (${join(dir, 'outside/secret.md')}); it was not read. Copy the file into the root instead.` }
      ])
    })
  })

  it('names a top folder that links outside the root', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { 'outside/a.md': 'A', 'site/seeds/s.txt': 'S' })
      await symlink(join(dir, 'outside'), join(dir, 'site/content'))
      const { sources, problems } = await readAll(fsStore(join(dir, 'site')))
      expect(sources.map((source) => source.path)).toEqual(['seeds/s.txt'])
      expect(problems).toEqual([{ path: 'content', ruleId: 'file-outside-root', reason: `"content" links outside the root (${join(dir, 'outside')}); it was not read. Move the files into the root or replace the link with a folder.` }])
    })
  })

  it('ends on link loops, and still reads every folder once', async () => {
    await withTempDir(async (root) => {
      await writeFiles(root, { 'content/a.md': 'A', 'content/sub/b.md': 'B', 'seeds/s.txt': 'S' })
      await symlink('..', join(root, 'content/root'))
      await symlink('..', join(root, 'content/sub/up'))
      await symlink('.', join(root, 'content/sub/here'))
      await symlink('../seeds', join(root, 'content/seeds-link'))
      await symlink('../content', join(root, 'seeds/content-link'))
      await symlink('loop.md', join(root, 'content/loop.md'))
      await symlink('nowhere.md', join(root, 'content/broken.md'))
      const { sources, problems } = await readAll(fsStore(root))
      expect(sources.map((source) => source.path)).toEqual(['content/a.md', 'content/sub/b.md', 'seeds/s.txt'])
      expect(problems.filter((problem) => !problem.warning)).toEqual([
        { path: 'content/broken.md', ruleId: 'file-unreadable', reason: '"content/broken.md" is a broken symbolic link; remove it or point it at a file.' },
        { path: 'content/loop.md', ruleId: 'file-unreadable', reason: '"content/loop.md" is a symbolic link that loops back on itself; remove it or point it at a file.' }
      ])
    })
  })

  it('skips pipes, which would block a read forever', async () => {
    await withTempDir(async (root) => {
      await writeFiles(root, { 'content/a.md': 'A' })
      try {
        execFileSync('mkfifo', [join(root, 'content/pipe.md')])
      } catch {
        return // No mkfifo here.
      }
      const { sources, problems } = await readAll(fsStore(root))
      expect(sources.map((source) => source.path)).toEqual(['content/a.md'])
      expect(problems).toEqual([])
    })
  })

  it('refuses files larger than it reads', async () => {
    await withTempDir(async (root) => {
      await writeFiles(root, { 'content/huge.md': '' })
      await truncate(join(root, 'content/huge.md'), maxSourceBytes + 1)
      const { sources, problems } = await readAll(fsStore(root))
      expect(sources).toEqual([])
      expect(problems).toEqual([{ path: 'content/huge.md', ruleId: 'file-unreadable', reason: '"content/huge.md" is 64 MB, more than the 64 MB Gazette reads; it was not read. Split it or remove it.' }])
    })
  })

  it('reads a content file only when asked, and not through a link or pipe put in its place since the listing', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'site')
      await writeFiles(dir, { 'outside/secret.md': 'SECRET', 'site/content/a.md': 'A', 'site/content/b.md': 'B', 'site/content/c.md': 'C', 'site/content/d.md': 'D' })
      const store = fsStore(root)
      const { content, sources } = await store.read()
      expect([content, sources]).toEqual([['content/a.md', 'content/b.md', 'content/c.md', 'content/d.md'], []])
      // Changed after the listing: what is read is what the file holds when the build takes it.
      await writeFile(join(root, 'content/a.md'), 'A, edited')
      await rm(join(root, 'content/b.md'))
      await symlink(join(dir, 'outside/secret.md'), join(root, 'content/b.md'))
      await rm(join(root, 'content/c.md'))
      await rm(join(root, 'content/d.md'))
      let pipe = true
      try {
        execFileSync('mkfifo', [join(root, 'content/d.md')])
      } catch {
        pipe = false // No mkfifo here: the file is only removed.
      }
      const read = content.map((path) => store.readContent(path))
      expect(read[0]).toEqual({ path: 'content/a.md', kind: 'markdown', bytes: Buffer.from('A, edited') })
      expect(read[1]).toEqual({ path: 'content/b.md', ruleId: 'file-unreadable', reason: '"content/b.md" stopped being a plain file while the site was being built; it was not read. Build again.' })
      expect(read[2]).toEqual({ path: 'content/c.md', ruleId: 'file-unreadable', reason: '"content/c.md" was removed while the site was being built; build again.' })
      expect(read[3]).toEqual({ path: 'content/d.md', ruleId: 'file-unreadable', reason: pipe ? '"content/d.md" stopped being a plain file while the site was being built; it was not read. Build again.' : '"content/d.md" was removed while the site was being built; build again.' })
    })
  })

  it.skipIf(isRoot)('names a folder it may not list', async () => {
    await withTempDir(async (root) => {
      await writeFiles(root, { 'content/a.md': 'A', 'content/locked/b.md': 'B' })
      await chmod(join(root, 'content/locked'), 0o000)
      try {
        const { sources, problems } = await readAll(fsStore(root))
        expect(sources.map((source) => source.path)).toEqual(['content/a.md'])
        expect(problems).toEqual([{ path: 'content/locked', ruleId: 'file-unreadable', reason: '"content/locked" could not be listed (EACCES); check its permissions.' }])
      } finally {
        await chmod(join(root, 'content/locked'), 0o755)
      }
    })
  })
})

describe('the config file', () => {
  it('reads JSON with a byte order mark', async () => {
    await withTempDir(async (root) => {
      await writeFiles(root, { 'gazette.config.json': '\uFEFF{"title": "Site"}' })
      expect((await readAll(fsStore(root))).config).toEqual({ title: 'Site' })
    })
  })

  it('names invalid JSON, invalid UTF-8 and a folder in its place', async () => {
    await withTempDir(async (root) => {
      // Roots with a content folder, so that only the config's problems are named.
      await mkdir(join(root, 'content'))
      await writeFiles(root, { 'gazette.config.json': '{\n  "title": "Site",\n}' })
      const broken = await readAll(fsStore(root))
      expect(broken.problems).toHaveLength(1)
      expect(broken.problems[0]).toMatchObject({ path: 'gazette.config.json', ruleId: 'config-syntax' })
      expect(broken.problems[0]!.reason).toMatch(/^gazette\.config\.json is not valid JSON: .+\. Fix the syntax; the file must hold one JSON object\.$/)
      await writeFiles(root, { 'gazette.config.json': new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) })
      expect((await readAll(fsStore(root))).problems).toEqual([{ path: 'gazette.config.json', ruleId: 'config-syntax', reason: 'gazette.config.json is not valid UTF-8. Save it as UTF-8.' }])
    })
    await withTempDir(async (root) => {
      await mkdir(join(root, 'content'))
      await mkdir(join(root, 'gazette.config.json'))
      expect((await readAll(fsStore(root))).problems).toEqual([{ path: 'gazette.config.json', ruleId: 'config-syntax', reason: 'gazette.config.json could not be read (EISDIR). Make it a readable file holding one JSON object.' }])
    })
  })
})

describe('fsStore.writeSource', () => {
  it('writes content files whole, and only content files', async () => {
    await withTempDir(async (root) => {
      const store = fsStore(root)
      await store.writeSource('content/new.md', 'text')
      expect(await readFile(join(root, 'content/new.md'), 'utf8')).toBe('text')
      expect(await readdir(join(root, 'content'))).toEqual(['new.md'])
      for (const path of ['../escaped.md', 'content/../../escaped.md', 'seeds/x.txt', 'gazette.config.json', 'content/a\\..\\b.md', '/tmp/x.md']) {
        await expect(store.writeSource(path, 'x')).rejects.toThrow(/refusing to write/)
      }
      expect((await readdir(join(root, '..'))).filter((name) => name.startsWith('escaped'))).toEqual([])
    })
  })

  it('never writes through a link: not a linked content folder, not a planted temporary file', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'site')
      await mkdir(join(dir, 'outside'))
      await mkdir(root)
      await symlink(join(dir, 'outside'), join(root, 'content'))
      await expect(fsStore(root).writeSource('content/a.md', 'x')).rejects.toThrow(/content\/ links outside the root/)
      expect(await readdir(join(dir, 'outside'))).toEqual([])
    })
    await withTempDir(async (dir) => {
      const root = join(dir, 'site')
      await writeFiles(dir, { 'target.txt': 'original', 'site/content/keep.md': 'k' })
      await symlink(join(dir, 'target.txt'), join(root, `content/a.md.${process.pid}.tmp`))
      await fsStore(root).writeSource('content/a.md', 'new')
      expect(await readFile(join(dir, 'target.txt'), 'utf8')).toBe('original')
      expect(await readFile(join(root, 'content/a.md'), 'utf8')).toBe('new')
    })
  })
})
