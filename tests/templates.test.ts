import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { withTempDir } from './helpers.js'

const run = promisify(execFile)
const cli = join(import.meta.dirname, '..', 'bin', 'gazette.js')

describe('templates', () => {
  it('uses a template from the root where it has one, Gazette\'s elsewhere, and escapes what it is given', async () => {
    await withTempDir(async (root) => {
      await mkdir(join(root, 'content'))
      await mkdir(join(root, 'templates'))
      await writeFile(join(root, 'content/a.md'), '---\ntitle: "Tom & Jerry <script>alert(1)</script>"\ndate: 2025-05-01\n---\n\nBody.\n')
      // A root's own story card: plain hast, built with the h() the context hands it.
      await writeFile(
        join(root, 'templates/story.js'),
        "export default function story(ctx, { article }) {\n  return ctx.h('article.custom-story', [ctx.h('h3', ctx.h('a', { href: ctx.url(article.route) }, article.title))])\n}\n"
      )
      await run(process.execPath, [cli, 'build', '--root', root, '--no-search'])
      const home = await readFile(join(root, 'dist/index.html'), 'utf8')
      expect(home).toContain('<article class="custom-story"><h3><a href="/2025/05/01/tom-jerry-script-alert-1-script/">Tom &#x26; Jerry &#x3C;script>alert(1)&#x3C;/script></a></h3></article>')
      expect(home).not.toContain('<script>alert(1)')
      // Every other template is still Gazette's.
      expect(home).toContain('<a class="skip-link" href="#main">Skip to content</a>')
      const page = await readFile(join(root, 'dist/2025/05/01/tom-jerry-script-alert-1-script/index.html'), 'utf8')
      expect(page).toContain('<h1 class="p-name">Tom &#x26; Jerry &#x3C;script>alert(1)&#x3C;/script></h1>')
    })
  })
})
