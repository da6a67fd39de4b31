import { spawn } from 'node:child_process'
import { lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkPagePath, fsWriter, memoryWriter } from '../src/io/writer.js'
import { withTempDir } from './helpers.js'

async function files(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {}
  async function visit(folder: string, prefix: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) await visit(join(folder, entry.name), `${prefix}${entry.name}/`)
      else found[`${prefix}${entry.name}`] = entry.isSymbolicLink() ? '@link' : await readFile(join(folder, entry.name), 'utf8')
    }
  }
  await visit(dir, '')
  return found
}

const unsafePaths = ['', '/etc/passwd', '../x', 'a/../../x', 'a/./b', 'a//b', 'a\\b', 'C:/x', 'c:x', 'a/\u0000b', 'a/', '..', '.']

describe('checkPagePath', () => {
  it.each(unsafePaths)('refuses %j', (path) => {
    expect(() => checkPagePath(path)).toThrow(/an output path must stay inside the output folder/)
  })

  it.each(['index.html', '2024/01/01/slug/index.html', 'tags/c-2/index.html', 'search/index/t/6e61.json', '日本/index.html', '.well-known/x', 'a/.../b', 'a/..b/c.'])('accepts %j', (path) => {
    expect(checkPagePath(path)).toBe(path)
  })

  const refused = (path: string) => {
    try {
      checkPagePath(path)
      return false
    } catch {
      return true
    }
  }

  it('refuses exactly the paths with a backslash, a control character, a drive letter, or an empty, "." or ".." segment', () => {
    const unsafe = (path: string) => path === '' || path.includes('\\') || /[\u0000-\u001f]/.test(path) || /^[A-Za-z]:/.test(path) || path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')
    const pieces = fc.constantFrom('a', 'b', '.', '..', '...', '/', '//', '\\', ':', 'C:', '\u0000', '\u001f', ' ', '日', '.x')
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join('')), (path) => {
        expect(refused(path)).toBe(unsafe(path))
      }),
      { numRuns: 2000 }
    )
  })
})

describe('memoryWriter', () => {
  it('stages pages until commit, and refuses unsafe paths', async () => {
    const writer = memoryWriter()
    await writer.write({ path: 'b.html', contents: 'B' })
    await writer.write({ path: 'a.html', contents: 'A' })
    expect(writer.pages.size).toBe(0)
    await writer.commit()
    expect([...writer.pages.keys()]).toEqual(['a.html', 'b.html'])
    await expect(writer.write({ path: '../x', contents: 'x' })).rejects.toThrow(/inside the output folder/)
    await writer.write({ path: 'c.html', contents: 'C' })
    await writer.abort()
    await writer.commit()
    expect([...writer.pages.keys()]).toEqual([])
  })

  it('keeps what `hold` makes of each page, and carries that very value over', async () => {
    const writer = memoryWriter({ hold: (contents) => new TextEncoder().encode(typeof contents === 'string' ? contents : new TextDecoder().decode(contents)) })
    await writer.write({ path: 'a.html', contents: 'Ä' })
    await writer.commit()
    const held = writer.pages.get('a.html')
    expect(held).toEqual(new Uint8Array([0xc3, 0x84]))
    expect(await writer.keep('a.html')).toBe(true)
    await writer.commit()
    expect(writer.pages.get('a.html')).toBe(held)
    expect(await writer.previous('a.html')).toEqual(new Uint8Array([0xc3, 0x84]))
  })
})

describe('fsWriter', () => {
  it('swaps the new site in on commit and leaves no staging folder', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      const first = fsWriter(out)
      await first.write({ path: 'index.html', contents: 'one' })
      await first.write({ path: 'a/b/c.html', contents: 'deep' })
      await first.commit()
      expect(await files(out)).toEqual({ 'index.html': 'one', 'a/b/c.html': 'deep' })
      const second = fsWriter(out)
      await second.write({ path: 'index.html', contents: 'two' })
      await second.write({ path: 'a/b/c.html', contents: 'deep' })
      await second.commit()
      expect(await files(out)).toEqual({ 'index.html': 'two', 'a/b/c.html': 'deep' })
      expect(await readdir(dir)).toEqual(['dist'])
    })
  })

  it('hard-links files whose bytes did not change', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      const first = fsWriter(out)
      await first.write({ path: 'same.html', contents: 'same' })
      await first.commit()
      const before = await stat(join(out, 'same.html'))
      const second = fsWriter(out)
      await second.write({ path: 'same.html', contents: 'same' })
      await second.commit()
      expect((await stat(join(out, 'same.html'))).ino).toBe(before.ino)
    })
  })

  it('leaves the previous site whole, and removes its staging folder, when a build aborts', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      const first = fsWriter(out)
      await first.write({ path: 'index.html', contents: 'old' })
      await first.commit()
      const failed = fsWriter(out)
      await failed.write({ path: 'index.html', contents: 'half' })
      await failed.write({ path: 'new.html', contents: 'half' })
      expect((await readdir(dir)).some((name) => name.startsWith('.dist.staging-'))).toBe(true)
      await failed.abort()
      expect(await files(out)).toEqual({ 'index.html': 'old' })
      expect(await readdir(dir)).toEqual(['dist'])
    })
  })

  it('removes its staging folder by itself when a write fails, and never writes outside', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'site', 'dist')
      const first = fsWriter(out)
      await first.write({ path: 'index.html', contents: 'old' })
      await first.commit()
      const failing = fsWriter(out)
      await failing.write({ path: 'index.html', contents: 'half' })
      await expect(failing.write({ path: '../../escaped.html', contents: 'x' })).rejects.toThrow(/refusing to write "..\/..\/escaped.html"/)
      expect(await readdir(join(dir, 'site'))).toEqual(['dist'])
      expect(await readdir(dir)).toEqual(['site'])
      expect(await files(out)).toEqual({ 'index.html': 'old' })
      await failing.abort()
    })
  })

  it('does not carry over a symbolic link planted in the previous site', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      await mkdir(out)
      await writeFile(join(dir, 'secret.txt'), 'secret')
      await symlink(join(dir, 'secret.txt'), join(out, 'page.html'))
      const writer = fsWriter(out)
      expect(await writer.keep('page.html')).toBe(false)
      expect(await writer.previous('page.html')).toBeUndefined()
      await writer.write({ path: 'page.html', contents: 'secret' })
      await writer.commit()
      expect((await lstat(join(out, 'page.html'))).isSymbolicLink()).toBe(false)
      expect(await readFile(join(dir, 'secret.txt'), 'utf8')).toBe('secret')
    })
  })

  it('carries over regular files with keep', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      const first = fsWriter(out)
      await first.write({ path: 'a/kept.html', contents: 'kept' })
      await first.commit()
      const second = fsWriter(out)
      expect(await second.keep('a/kept.html')).toBe(true)
      expect(await second.keep('missing.html')).toBe(false)
      expect(new TextDecoder().decode(await second.previous('a/kept.html'))).toBe('kept')
      await expect(second.keep('../outside')).rejects.toThrow(/inside the output folder/)
      await second.commit().catch(() => undefined)
      expect(await readdir(dir)).toEqual(['dist'])
    })
  })

  it('never writes through a kept file into the live site', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      const first = fsWriter(out)
      await first.write({ path: 'feed.xml', contents: 'old feed' })
      await first.commit()
      const second = fsWriter(out)
      expect(await second.keep('feed.xml')).toBe(true)
      await second.write({ path: 'feed.xml', contents: 'new feed' })
      // Until commit, the live site still has its own bytes.
      expect(await readFile(join(out, 'feed.xml'), 'utf8')).toBe('old feed')
      await second.abort()
      expect(await readFile(join(out, 'feed.xml'), 'utf8')).toBe('old feed')
    })
  })

  it('carries a whole folder over with keepFolder', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      const first = fsWriter(out)
      await first.write({ path: 'search/index/t/6e61.json', contents: 'chunk' })
      await first.write({ path: 'search/index-old/t/6e61.json', contents: 'old chunk' })
      await first.write({ path: 'gone.html', contents: 'gone' })
      await first.write({ path: 'index.html', contents: 'home' })
      await first.commit()
      const second = fsWriter(out)
      expect(await second.keepFolder('search/index/')).toBe(true)
      expect(await second.keepFolder('missing/')).toBe(false)
      await second.write({ path: 'index.html', contents: 'home' })
      await second.commit()
      // Files beside the folder carried whole are stale, a folder whose name merely starts alike included.
      expect(await files(out)).toEqual({ 'index.html': 'home', 'search/index/t/6e61.json': 'chunk' })
    })
  })

  it('cleans up after a build that was killed', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      const first = fsWriter(out)
      await first.write({ path: 'index.html', contents: 'old' })
      await first.commit()
      // A process that has exited: its pid is free, so its folders are stale.
      const child = spawn(process.execPath, ['-e', ''])
      const pid = child.pid!
      await new Promise((resolve) => child.on('exit', resolve))
      await mkdir(join(dir, `.dist.staging-${pid}`, 'x'), { recursive: true })
      const next = fsWriter(out)
      await next.write({ path: 'index.html', contents: 'new' })
      await next.commit()
      expect(await readdir(dir)).toEqual(['dist'])
      expect(await files(out)).toEqual({ 'index.html': 'new' })
    })
  })

  it('commits into the previous site: changed files renamed in, stale files and their empty folders removed', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      const first = fsWriter(out)
      for (const [path, contents] of Object.entries({ 'index.html': 'home', 'a/one/index.html': 'one', 'a/two/index.html': 'two', 'kept.html': 'kept', 'x': 'file in the way', 'index/old.json': 'old index' })) await first.write({ path, contents })
      await first.commit()
      const unchanged = await stat(join(out, 'a/one/index.html'))
      const kept = await stat(join(out, 'kept.html'))

      const second = fsWriter(out)
      await second.write({ path: 'index.html', contents: 'home, edited' })
      await second.write({ path: 'a/one/index.html', contents: 'one' })
      expect(await second.keep('kept.html')).toBe(true)
      await second.write({ path: 'x/index.html', contents: 'a folder where a file was' })
      await second.write({ path: 'index/new.json', contents: 'new index' })
      // Nothing reaches the live site before commit.
      expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('home')
      await second.commit()

      expect(await files(out)).toEqual({ 'index.html': 'home, edited', 'a/one/index.html': 'one', 'kept.html': 'kept', 'x/index.html': 'a folder where a file was', 'index/new.json': 'new index' })
      expect(await readdir(join(out, 'a'))).toEqual(['one'])
      expect((await stat(join(out, 'a/one/index.html'))).ino).toBe(unchanged.ino)
      expect((await stat(join(out, 'kept.html'))).ino).toBe(kept.ino)
      expect(await readdir(dir)).toEqual(['dist'])
    })
  })

  it('finishes a commit that was killed half-way before building again', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      const first = fsWriter(out)
      await first.write({ path: 'index.html', contents: 'old home' })
      await first.write({ path: 'gone/index.html', contents: 'removed page' })
      await first.write({ path: 'same.html', contents: 'same' })
      await first.commit()
      // What a dead build left: its journal, and a staging folder with one of its two files still in it.
      const child = spawn(process.execPath, ['-e', ''])
      const pid = child.pid!
      await new Promise((resolve) => child.on('exit', resolve))
      await mkdir(join(dir, `.dist.staging-${pid}`, 'b'), { recursive: true })
      await writeFile(join(dir, `.dist.staging-${pid}`, 'b', 'index.html'), 'new page')
      await writeFile(join(out, 'index.html'), 'new home')
      await writeFile(join(dir, `.dist.commit-${pid}.json`), JSON.stringify({ stale: ['gone/index.html'], changed: ['b/index.html', 'index.html'] }))

      const next = fsWriter(out)
      expect(new TextDecoder().decode(await next.previous('b/index.html'))).toBe('new page')
      await next.abort()
      expect(await files(out)).toEqual({ 'index.html': 'new home', 'b/index.html': 'new page', 'same.html': 'same' })
      expect(await readdir(dir)).toEqual(['dist'])
    })
  })

  it('puts back a previous site left between the two renames of a killed build', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'dist')
      const child = spawn(process.execPath, ['-e', ''])
      const pid = child.pid!
      await new Promise((resolve) => child.on('exit', resolve))
      await mkdir(join(dir, `.dist.old-${pid}`))
      await writeFile(join(dir, `.dist.old-${pid}`, 'index.html'), 'previous')
      const writer = fsWriter(out)
      await writer.write({ path: 'index.html', contents: 'next' })
      expect(new TextDecoder().decode(await writer.previous('index.html'))).toBe('previous')
      await writer.abort()
      expect(await files(out)).toEqual({ 'index.html': 'previous' })
    })
  })
})
