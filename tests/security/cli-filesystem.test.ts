/**
 * What the file system sees: the CLI (compiled by the global setup) building real folders. A bad
 * article never leaves a half-written site, rebuilds are byte-identical, nothing is written
 * outside the output, and symbolic links never lead the build out of its root.
 */
import { execFile } from 'node:child_process'
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { article, withTempDir } from '../helpers.js'

const cli = join(import.meta.dirname, '../../bin/gazette.js')
const epoch = String(Date.parse('2026-01-15T12:00:00Z') / 1000)

async function gazette(root: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'build', '--root', root, ...args], { env: { ...process.env, SOURCE_DATE_EPOCH: epoch }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 })
    return { code: 0, stdout, stderr }
  } catch (cause) {
    const failure = cause as { code?: number; stdout?: string; stderr?: string; killed?: boolean }
    if (failure.killed) throw new Error('gazette did not finish in 60 s')
    return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' }
  }
}

/** Every entry under a folder, relative, without following links; folders end with "/", links with "@". */
async function tree(dir: string): Promise<string[]> {
  const found: string[] = []
  async function visit(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name)
      const path = relative(dir, full)
      if (entry.isSymbolicLink()) found.push(`${path}@`)
      else if (entry.isDirectory()) {
        found.push(`${path}/`)
        await visit(full)
      } else found.push(path)
    }
  }
  await visit(dir)
  return found.sort()
}

/** Every file's bytes under a folder. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  for (const path of await tree(dir)) if (!path.endsWith('/') && !path.endsWith('@')) files.set(path, await readFile(join(dir, path)))
  return files
}

function expectSameBytes(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()])
  const differing = [...expected].filter(([path, bytes]) => !actual.get(path)!.equals(bytes)).map(([path]) => path)
  expect(differing).toEqual([])
}

async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), contents)
  }
}

const goodSite = {
  'content/one.md': article({ title: 'First story', date: '2026-01-10', tags: ['Politics'], source: 'Kyodo' }, 'The first paragraph.\n\nThe second paragraph.'),
  'content/two.md': article({ title: 'Second story', date: '2026-01-11', tags: ['Science', 'C++'] }, 'Another story with a [link](https://example.org/).'),
  'seeds/raw.txt': 'A headline from a seed\n\nThe seed has a first paragraph long enough to be a real lede of an article.\n\nAnd a second paragraph.\n'
}

describe('a bad article never leaves a half-written site', () => {
  it('keeps the previous site byte-identical, names the problem, and publishes the rest with --keep-going', async () => {
    await withTempDir(async (root) => {
      await writeFiles(root, goodSite)
      const first = await gazette(root, '--no-search')
      expect(first.stderr).toBe('')
      expect(first.code).toBe(0)
      const before = await snapshot(join(root, 'dist'))
      expect(before.has('2026/01/10/first-story/index.html')).toBe(true)

      await writeFiles(root, { 'content/bad.md': '---\ntitle: Bad: colon\ndate: 2026-01-12\n---\n\nBody.\n' })
      const failed = await gazette(root, '--no-search')
      expect(failed.code).toBe(1)
      expect(failed.stderr).toBe('content/bad.md:2:8: error: Invalid YAML in frontmatter: Nested mappings are not allowed in compact mappings. A value holding ": " must be quoted: write title: "Bad: colon". [gazette:frontmatter-yaml]\n')
      expect(failed.stderr).not.toMatch(/^\s+at /m)
      expect(failed.stdout).toMatch(/nothing written, dist\/ is unchanged/)
      expectSameBytes(await snapshot(join(root, 'dist')), before)
      expect((await readdir(root)).filter((name) => name.startsWith('.dist.'))).toEqual([])

      const kept = await gazette(root, '--no-search', '--keep-going')
      expect(kept.code).toBe(0)
      expect(kept.stderr).toContain('content/bad.md:2:8: error:')
      expect(kept.stderr).not.toMatch(/^\s+at /m)
      const after = await snapshot(join(root, 'dist'))
      expect(after.has('2026/01/10/first-story/index.html')).toBe(true)
      expect(after.has('2026/01/11/second-story/index.html')).toBe(true)
      expect([...after.keys()].some((path) => path.startsWith('2026/01/12/'))).toBe(false)
      expect((await readdir(root)).filter((name) => name.startsWith('.dist.'))).toEqual([])
    })
  })

  it('prints every kind of bad file as path:line:column: error: … [gazette:rule], with no stack trace', async () => {
    await withTempDir(async (root) => {
      await writeFiles(root, {
        ...goodSite,
        'content/js.md': '---js\nmodule.exports = {}\n---\nBody',
        'content/date.md': article({ title: 'Date', date: '2024-02-30' }, 'Body.'),
        'content/deep.md': article({ title: 'Deep', date: '2024-01-01' }, '>'.repeat(5000)),
        'content/nul.md': new Uint8Array([...Buffer.from('---\ntitle: x\n'), 0, 0])
      })
      const result = await gazette(root, '--no-search')
      expect(result.code).toBe(1)
      expect(result.stderr.trim().split('\n')).toEqual([
        'content/date.md:3:7: error: Frontmatter "date" is "2024-02-30", which is not a real ISO 8601 date. Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ with a day that exists in that month. [gazette:date-invalid]',
        'content/deep.md:6:1: error: The body nests block quotes or lists more than 64 levels deep. Flatten the nesting. [gazette:markdown-too-deep]',
        'content/js.md:1:4: error: Frontmatter marked "js" is not read: Gazette accepts YAML frontmatter only and never runs code. Remove "js" after the opening "---". [gazette:frontmatter-language]',
        'content/nul.md:3:1: error: Cannot read content/nul.md as text: NUL byte in UTF-8 text at byte 13. Remove the NUL bytes, or the file if it is not text. [gazette:encoding-nul]'
      ])
      await expect(lstat(join(root, 'dist'))).rejects.toThrow()
    })
  })
})

describe('rebuilds are byte-identical', () => {
  it('gives the same bytes when built again, and when built from a fresh copy', { timeout: 120_000 }, async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'site')
      await writeFiles(root, goodSite)
      expect((await gazette(root)).code).toBe(0)
      const first = await snapshot(join(root, 'dist'))
      expect([...first.keys()].some((path) => path.startsWith('search/index/t/'))).toBe(true)
      expect((await gazette(root)).code).toBe(0)
      expectSameBytes(await snapshot(join(root, 'dist')), first)

      const copy = join(dir, 'copy')
      await writeFiles(copy, goodSite)
      expect((await gazette(copy)).code).toBe(0)
      expectSameBytes(await snapshot(join(copy, 'dist')), first)
      expectSameBytes(await snapshot(join(copy, 'content')), await snapshot(join(root, 'content')))
    })
  })
})

describe('a cache that cannot be written', () => {
  it('is replaced for the build by a temporary one, removed after, with a warning: the site is the one a usable cache gives', { timeout: 120_000 }, async () => {
    await withTempDir(async (dir) => {
      const usable = join(dir, 'usable')
      await writeFiles(usable, goodSite)
      expect((await gazette(usable, '--threads', '2')).code).toBe(0)
      for (const [name, blocked] of [['file', '.gazette-cache'], ['bodies', '.gazette-cache/bodies']] as const) {
        const root = join(dir, name)
        await writeFiles(root, { ...goodSite, [blocked]: 'not a folder\n' })
        const temporary = join(dir, `tmp-${name}`)
        await mkdir(temporary)
        const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'build', '--root', root, '--threads', '2'], { env: { ...process.env, SOURCE_DATE_EPOCH: epoch, TMPDIR: temporary } })
        expect(stderr).toBe(`${blocked}: warning: Gazette could not write its cache there (a file stands where it needs a folder), so this build used a temporary one, and the next will start from nothing again. Delete that file to keep the cache between builds. [gazette:cache-unwritable]\n`)
        expect(stdout).toMatch(/\(0 errors, 1 warning\)/)
        expectSameBytes(await snapshot(join(root, 'dist')), await snapshot(join(usable, 'dist')))
        expect(await readFile(join(root, blocked), 'utf8')).toBe('not a folder\n')
        expect(await readdir(temporary)).toEqual([])
      }
    })
  })
})

describe('an output folder that cannot be written', () => {
  it('stops the build with a message on the folder, keeps what stands there, and leaves nothing beside it', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'root')
      await writeFiles(root, { ...goodSite, 'dist': 'a file of my own\n', 'blocked': 'another\n' })
      for (const out of ['dist', 'blocked/site']) {
        const before = await tree(root)
        const result = await promisify(execFile)(process.execPath, [cli, 'build', '--out', out], { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: epoch } }).then(
          () => ({ code: 0, stderr: '' }),
          (failure: { code: number; stderr: string }) => failure
        )
        expect(result.code).toBe(1)
        expect(result.stderr).toBe(`${out}: error: Gazette could not write the site there (a file stands where it needs a folder), so it left it as it was. Choose an output folder (--out) that Gazette can write to. [gazette:output-unwritable]\n`)
        expect(await readFile(join(root, 'dist'), 'utf8')).toBe('a file of my own\n')
        // The build made its cache and content files; beside the output, nothing.
        expect((await tree(root)).filter((path) => !before.includes(path) && !path.startsWith('.gazette-cache/') && !path.startsWith('content/'))).toEqual([])
      }
    })
  })
})

describe('nothing is written outside the output', () => {
  it('keeps every file of a hostile site inside the root', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'site')
      const hostile: Record<string, string> = {
        'content/a.md': article({ title: '../../escaped', date: '2026-01-01' }, 'A.'),
        'content/b.md': article({ title: 'B', date: '2026-01-01', slug: '../../escaped' }, 'B.'),
        'content/c.md': article({ title: 'C', date: '2026-01-01', slug: '/tmp/escaped' }, 'C.'),
        'content/d.md': article({ title: 'D', date: '2026-01-01', slug: '%2e%2e%2fescaped' }, 'D.'),
        'content/e.md': article({ title: 'E', date: '2026-01-01', slug: '．．／escaped' }, 'E.'),
        'content/f.md': article({ title: 'F', date: '2026-01-01', slug: 'C:\\escaped' }, 'F.'),
        'content/g.md': article({ title: 'con', date: '2026-01-01', tags: ['..', '../..', '/etc', 'nul'], source: '../../escaped' }, 'G.'),
        'content/h.md': article({ title: 'x'.repeat(300), date: '2026-01-01' }, 'H.'),
        'content/i.md': article({ title: '日本語'.repeat(100), date: '2026-01-01' }, 'I.'),
        'seeds/..%2f..%2fescaped.txt': '../../escaped\n\nA seed whose headline is a path, long enough to be ingested as a lede.\n'
      }
      await writeFiles(root, hostile)
      const before = await tree(dir)
      const result = await gazette(root, '--no-search', '--keep-going')
      expect(result.code).toBe(0)
      expect(result.stderr).not.toMatch(/^\s+at /m)
      const created = (await tree(dir)).filter((path) => !before.includes(path))
      const outside = created.filter((path) => !path.startsWith('site/dist/') && !path.startsWith('site/.gazette-cache/') && !/^site\/content\/[a-z0-9-]+\.md$/.test(path) && !['site/dist/', 'site/.gazette-cache/'].includes(path))
      expect(outside).toEqual([])
      for (const path of created.filter((p) => p.startsWith('site/dist/'))) {
        for (const segment of path.split('/')) {
          expect(segment === '..' || segment === '.' || segment.includes('\\') || Buffer.byteLength(segment) > 255, path).toBe(false)
          expect(/^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i.test(segment), path).toBe(false)
        }
      }
      expect(result.stderr).toMatch(/^content\/b\.md:4:7: error: Frontmatter "slug" is "\.\.\/\.\.\/escaped", which is not one safe path segment/m)
    })
  })
})

describe('symbolic links', () => {
  it('does not follow links out of the root, names them, and does not hang on loops', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'site')
      const outside = join(dir, 'outside')
      await writeFiles(outside, { 'secret.md': article({ title: 'Secret', date: '2026-01-01' }, 'SECRET-CONTENT'), 'seeds/leak.txt': 'Leaked headline\n\nSECRET-SEED paragraph long enough to be a lede of an article.\n' })
      await writeFiles(root, goodSite)
      await symlink(join(outside, 'secret.md'), join(root, 'content/secret.md'))
      await symlink(join(outside, 'seeds'), join(root, 'seeds/outside'))
      await symlink('..', join(root, 'content/loop'))
      await mkdir(join(root, 'content/sub'))
      await symlink('..', join(root, 'content/sub/up'))
      await symlink('self.md', join(root, 'content/self.md'))
      await symlink(join(dir, 'missing.md'), join(root, 'content/broken.md'))
      await symlink('one.md', join(root, 'content/alias.md'))
      const result = await gazette(root, '--no-search', '--keep-going')
      expect(result.code).toBe(0)
      const lines = result.stderr.trim().split('\n')
      expect(lines).toEqual(
        expect.arrayContaining([
          `content/secret.md: error: "content/secret.md" links outside the root (${join(outside, 'secret.md')}); it was not read. Copy the file into the root instead. [gazette:file-outside-root]`,
          `seeds/outside: error: "seeds/outside" links outside the root (${join(outside, 'seeds')}); it was not read. Move the files into the root or replace the link with a folder. [gazette:file-outside-root]`,
          'content/self.md: error: "content/self.md" is a symbolic link that loops back on itself; remove it or point it at a file. [gazette:file-unreadable]',
          'content/broken.md: error: "content/broken.md" is a broken symbolic link; remove it or point it at a file. [gazette:file-unreadable]'
        ])
      )
      const site = await snapshot(join(root, 'dist'))
      for (const [path, bytes] of site) {
        expect(bytes.includes('SECRET'), path).toBe(false)
      }
      expect(site.has('2026/01/10/first-story/index.html')).toBe(true)
      // The loop through content/loop (the root) did not stop seeds/ from being read.
      expect([...site.keys()].some((path) => path.endsWith('/a-headline-from-a-seed/index.html'))).toBe(true)
      const written = await tree(join(root, 'content'))
      expect(written.filter((path) => !path.includes('@') && path.endsWith('.md'))).not.toContain('leaked-headline.md')
    })
  })

  it('refuses to ingest into a content folder that links outside the root', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'site')
      const outside = join(dir, 'outside')
      await mkdir(outside, { recursive: true })
      await writeFiles(root, { 'seeds/raw.txt': goodSite['seeds/raw.txt'] })
      await symlink(outside, join(root, 'content'))
      const result = await gazette(root, '--no-search')
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/content\/ links outside the root/)
      expect(await readdir(outside)).toEqual([])
    })
  })
})
