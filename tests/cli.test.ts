import { execFile } from 'node:child_process'
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { withTempDir } from './helpers.js'

const run = promisify(execFile)
const cli = join(import.meta.dirname, '..', 'bin', 'gazette.js')
const seed = join(import.meta.dirname, '..', 'seeds', '000_127977346a318ce7.txt')

async function gazette(args: string[], env: Record<string, string> = {}, program = cli): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [program, ...args], { env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600', ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1)).sort()
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const path of await listFiles(dir)) files.set(path, (await readFile(join(dir, path))).toString('base64'))
  return files
}

async function seedRoot(dir: string): Promise<void> {
  await mkdir(join(dir, 'seeds'), { recursive: true })
  await cp(seed, join(dir, 'seeds', '000_127977346a318ce7.txt'))
}

/** A tagged Markdown article about `name`. */
function story(name: string, tag: string, text: string, date = '2025-12-30'): string {
  return `---\ntitle: The ${name} story\ndate: ${date}\ntags: [${tag}]\n---\n\n${text}\n`
}

/** A root with the seed and three tagged articles, two of them on one topic. */
async function newsRoot(dir: string): Promise<void> {
  await seedRoot(dir)
  await mkdir(join(dir, 'content'))
  for (const [name, tag] of [['harbour', 'Harbour'], ['tram', 'Transport'], ['budget', 'Harbour']]) await writeFile(join(dir, `content/${name}.md`), story(name!, tag!, `The ${name} plan was approved on Monday.`))
}

/** Copy these parts of one root into another, as new files: what a checkout or a restored CI cache gives. */
async function copyParts(from: string, to: string, parts: readonly string[]): Promise<void> {
  for (const part of parts) await cp(join(from, part), join(to, part), { recursive: true })
}

/** A root with one good Markdown article: for tests of what the CLI does around a build, cheaper than a seed to build. */
async function articleRoot(dir: string): Promise<void> {
  await mkdir(join(dir, 'content'), { recursive: true })
  await writeFile(join(dir, 'content/good.md'), '---\ntitle: A good story\ndate: 2025-12-30\n---\n\nThe harbour reopened.\n')
}

describe('gazette build', () => {
  it('builds the seed into a page with its 8 distinct paragraphs once each, in order, without "Source link"', async () => {
    await withTempDir(async (dir) => {
      await seedRoot(dir)
      const result = await gazette(['build', '--root', dir])
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/^gazette: built \d+ pages from 1 article into dist\/ in [\d.]+ s \(0 errors, 0 warnings\)$/m)
      expect(result.stdout).toContain('removed 7 repeated paragraphs from content/japan-and-the-us-have-agreed-to-further-enhance-the-deterrence.md')
      const page = await readFile(join(dir, 'dist/2026/01/01/japan-and-the-us-have-agreed-to-further-enhance-the-deterrence/index.html'), 'utf8')
      const content = page.slice(page.indexOf('<div class="e-content">'), page.indexOf('</div>', page.indexOf('<div class="e-content">')))
      const paragraphs = [...content.matchAll(/<p>(.*?)<\/p>/g)].map((match) => match[1])
      const expected = [...new Set((await readFile(seed, 'utf8')).split('\n').map((line) => line.trim()).filter((line) => line && line !== 'Source link'))]
      expect(expected).toHaveLength(8)
      expect(paragraphs).toEqual(expected)
      expect(page).not.toContain('Source link')
      expect(page).toContain('<h1 class="p-name">Japan and the US have agreed to further enhance the deterrence and response capabilities</h1>')
    })
  })

  it('rebuilds byte for byte, and drops pages of removed articles', async () => {
    await withTempDir(async (dir) => {
      await seedRoot(dir)
      await mkdir(join(dir, 'content'))
      await writeFile(join(dir, 'content/extra.md'), '---\ntitle: Extra story\ndate: 2025-12-30\ntags: [Harbour]\n---\n\nThe harbour reopened.\n')
      expect((await gazette(['build', '--root', dir])).code).toBe(0)
      const first = await snapshot(join(dir, 'dist'))
      expect((await gazette(['build', '--root', dir])).code).toBe(0)
      expect(await snapshot(join(dir, 'dist'))).toEqual(first)
      await rm(join(dir, 'content/extra.md'))
      expect((await gazette(['build', '--root', dir])).code).toBe(0)
      const after = await listFiles(join(dir, 'dist'))
      expect(after.filter((path) => path.includes('extra-story') || path.startsWith('tags/harbour'))).toEqual([])
      expect((await readdir(dir)).filter((name) => name.startsWith('.dist'))).toEqual([])
    })
  })

  it('builds from a cache restored into a fresh checkout (as in CI) the site a clean build makes, processing nothing again', async () => {
    await withTempDir(async (dir) => {
      const [first, restored, clean] = ['first', 'restored', 'clean'].map((name) => join(dir, name))
      await newsRoot(first!)
      expect((await gazette(['build', '--root', first!])).code).toBe(0)
      await writeFile(join(first!, 'content/tram.md'), story('tram', 'Transport', 'The tram line opens in May.', '2025-12-31'))
      expect((await gazette(['build', '--root', first!])).code).toBe(0)
      // A checkout: the same sources as new files (new times and inodes), no dist/; CI restores the cache beside them.
      for (const root of [restored!, clean!]) await copyParts(first!, root, ['seeds', 'content'])
      await copyParts(first!, restored!, ['.gazette-cache'])
      const fromCache = JSON.parse((await gazette(['build', '--root', restored!, '--json'])).stdout)
      const fromScratch = JSON.parse((await gazette(['build', '--root', clean!, '--json'])).stdout)
      expect(fromScratch).toMatchObject({ ok: true, articles: 4, processed: 4 })
      expect(fromCache).toMatchObject({ ok: true, articles: 4, processed: 0, unchanged: false })
      expect(await snapshot(join(restored!, 'dist'))).toEqual(await snapshot(join(clean!, 'dist')))
      expect(JSON.parse((await gazette(['build', '--root', restored!, '--json'])).stdout)).toMatchObject({ unchanged: true, processed: 0 })
    })
  })

  it('commits the next commit\'s changes into a dist/ restored with the cache at the same path (as in CI): the site a clean build makes', async () => {
    await withTempDir(async (dir) => {
      const [site, saved, clean] = ['site', 'saved', 'clean'].map((name) => join(dir, name))
      await newsRoot(site!)
      expect((await gazette(['build', '--root', site!])).code).toBe(0)
      // What CI saves after the build: the cache and the site.
      await copyParts(site!, saved!, ['.gazette-cache', 'dist'])
      // The next commit, checked out afresh at the same path: one article changed, one removed.
      await rm(join(site!, '.gazette-cache'), { recursive: true })
      await rm(join(site!, 'dist'), { recursive: true })
      await writeFile(join(site!, 'content/tram.md'), story('tram', 'Transport', 'The tram line opens in May.'))
      await rm(join(site!, 'content/budget.md'))
      await copyParts(site!, clean!, ['seeds', 'content'])
      await copyParts(saved!, site!, ['.gazette-cache', 'dist'])
      expect(JSON.parse((await gazette(['build', '--root', site!, '--json'])).stdout)).toMatchObject({ ok: true, articles: 3, processed: 1, unchanged: false })
      expect((await gazette(['build', '--root', clean!])).code).toBe(0)
      const built = await snapshot(join(site!, 'dist'))
      expect([...built.keys()].filter((path) => path.includes('budget'))).toEqual([])
      expect(built).toEqual(await snapshot(join(clean!, 'dist')))
    })
  })

  it("processes every article again when Gazette's code changed, even under the same version number", async () => {
    await withTempDir(async (dir) => {
      // A copy of Gazette as it runs (its bundle, templates and package.json), whose bundle the test may change.
      const gazetteRoot = join(dir, 'gazette')
      await copyParts(join(import.meta.dirname, '..'), gazetteRoot, ['bin', 'lib', 'templates', 'package.json'])
      const program = join(gazetteRoot, 'bin', 'gazette.js')
      const site = join(dir, 'site')
      await articleRoot(site)
      expect(JSON.parse((await gazette(['build', '--root', site, '--json'], {}, program)).stdout)).toMatchObject({ ok: true, processed: 1 })
      const first = await snapshot(join(site, 'dist'))
      expect(JSON.parse((await gazette(['build', '--root', site, '--json'], {}, program)).stdout)).toMatchObject({ unchanged: true })
      // What scripts/bundle.js writes when the bundle's code changed.
      await writeFile(join(gazetteRoot, 'lib', 'code-id'), '0123456789abcdef\n')
      expect(JSON.parse((await gazette(['build', '--root', site, '--json'], {}, program)).stdout)).toMatchObject({ ok: true, unchanged: false, processed: 1 })
      expect(await snapshot(join(site, 'dist'))).toEqual(first)
      expect((await gazette(['--version'], {}, program)).stdout).toBe(`${JSON.parse(await readFile(join(gazetteRoot, 'package.json'), 'utf8')).version}\n`)
    })
  })

  it('exits 1 on a content error, prints file:line:column and rule without a stack, and leaves dist/ untouched', async () => {
    await withTempDir(async (dir) => {
      await articleRoot(dir)
      expect((await gazette(['build', '--root', dir])).code).toBe(0)
      const before = await snapshot(join(dir, 'dist'))
      await writeFile(join(dir, 'content/bad.md'), '---\ntitle: Bad\ndate: 2024-02-30\n---\n\nBody.\n')
      const result = await gazette(['build', '--root', dir])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('content/bad.md:3:7: error: Frontmatter "date" is "2024-02-30", which is not a real ISO 8601 date.')
      expect(result.stderr).toContain('[gazette:date-invalid]')
      expect(result.stderr).not.toMatch(/\n\s+at /)
      expect(result.stdout).toContain('nothing written, dist/ is unchanged')
      expect(await snapshot(join(dir, 'dist'))).toEqual(before)
    })
  })

  it('warns when the root holds neither seeds/ nor content/, as a mistyped --root does', async () => {
    await withTempDir(async (dir) => {
      const result = await gazette(['build', '--root', dir])
      expect(result.code).toBe(0)
      expect(result.stderr).toContain(`content/: warning: The root ${dir} holds neither seeds/ nor content/, so the site has no articles.`)
      expect(result.stderr).toContain('[gazette:root-empty]')
    })
  })

  it('writes to an --out folder given from where it is run, and says where', async () => {
    await withTempDir(async (dir) => {
      await articleRoot(join(dir, 'site'))
      const { stdout, stderr } = await run(process.execPath, [cli, 'build', '--root', 'site', '--out', 'public'], { cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } })
      expect(stderr).toBe('')
      expect(stdout).toMatch(/^gazette: built \d+ pages from 1 article into public\/ in /)
      expect(await listFiles(join(dir, 'public'))).toContain('index.html')
    })
  })

  it("names a root's own template that cannot be loaded, or that fails, with no stack trace", async () => {
    await withTempDir(async (dir) => {
      await articleRoot(dir)
      await mkdir(join(dir, 'templates'))
      await writeFile(join(dir, 'templates/article.js'), 'export default function article(ctx, props) {\n  return ctx.h(\n')
      const broken = await gazette(['build', '--root', dir])
      expect(broken.code).toBe(1)
      expect(broken.stderr).toMatch(/templates\/article\.js: error: The template could not be loaded \(Unexpected end of input\)\. Fix it, or remove it to use Gazette's own\. \[gazette:template-invalid\]/)
      expect(broken.stderr).not.toMatch(/\n\s+at /)
      const json = await gazette(['build', '--root', dir, '--json'])
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, written: false, errors: 1, messages: [{ severity: 'error', rule: 'template-invalid' }] })
      await writeFile(join(dir, 'templates/article.js'), 'export default function article() { throw new Error("boom in template") }\n')
      const throwing = await gazette(['build', '--root', dir])
      expect(throwing.code).toBe(1)
      expect(throwing.stderr).toContain('the article template (article.js) failed while making 2025/12/30/a-good-story/index.html: boom in template')
      expect(throwing.stderr).not.toMatch(/\n\s+at /)
    })
  })

  it('publishes the rest with --keep-going and lists the bad file', async () => {
    await withTempDir(async (dir) => {
      await articleRoot(dir)
      await writeFile(join(dir, 'content/bad.md'), '---js\n{ title: "x" }\n---\n')
      const result = await gazette(['build', '--root', dir, '--keep-going'])
      expect(result.code).toBe(0)
      expect(result.stderr).toContain('content/bad.md:1:4: error: Frontmatter marked "js" is not read')
      expect(result.stdout).toContain('\n  left out content/bad.md, which has errors\n')
      const json = await gazette(['build', '--root', dir, '--keep-going', '--json'])
      expect(JSON.parse(json.stdout).failed).toEqual(['content/bad.md'])
      expect(await listFiles(join(dir, 'dist'))).toEqual(expect.arrayContaining(['index.html', '2025/12/30/a-good-story/index.html']))
    })
  })

  it('reports a bad config value naming the key, with exit code 1', async () => {
    await withTempDir(async (dir) => {
      await seedRoot(dir)
      await writeFile(join(dir, 'gazette.config.json'), JSON.stringify({ basePath: 'news', timezone: 'Mars/Olympus' }))
      const result = await gazette(['build', '--root', dir])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('gazette.config.json: error: "basePath" must start and end with "/"')
      expect(result.stderr).toContain('gazette.config.json: error: "timezone" must be an IANA time zone')
    })
  })

  it('prints a JSON summary with --json', async () => {
    await withTempDir(async (dir) => {
      await seedRoot(dir)
      const result = await gazette(['build', '--root', dir, '--json', '--no-search'])
      const summary = JSON.parse(result.stdout)
      expect(summary).toMatchObject({ ok: true, written: true, articles: 1, errors: 0, repeatsRemoved: [{ count: 7 }] })
    })
  })
})

describe('gazette usage', () => {
  it.each([
    [['--help'], 0, /Usage: gazette <command>/],
    [['--version'], 0, /^\d+\.\d+\.\d+\n$/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [[], 2, /missing command/],
    [['build', '--nope'], 2, /Unknown option '--nope'/],
    [['build', '--root', '/no/such/folder'], 2, /the root folder \/no\/such\/folder does not exist/],
    [['build', '--threads', '0'], 2, /--threads must be a number from 1 to 64/]
  ])('gazette %j exits %i', async (args, code, pattern) => {
    const result = await gazette(args)
    expect(result.code).toBe(code)
    expect(result.stdout + result.stderr).toMatch(pattern)
  })
})
