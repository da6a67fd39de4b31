import { execFile } from 'node:child_process'
import { cp } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { startPreview } from '../src/dev-server.js'
import { withTempDir } from './helpers.js'

const run = promisify(execFile)

describe('gazette preview', () => {
  it('serves on every network address with --host, and on this machine alone without it', async () => {
    await withTempDir(async (root) => {
      const port = () => 20_000 + Math.floor(Math.random() * 20_000)
      const local = await startPreview({ root, out: join(root, 'dist'), port: port(), quiet: true })
      const everywhere = await startPreview({ root, out: join(root, 'dist'), port: port(), quiet: true, host: true })
      try {
        // The address each listens on: this machine's alone, or every one (the unspecified address).
        const listening = (server: typeof local) => (server.httpServer.address() as { address: string }).address
        expect(['127.0.0.1', '::1']).toContain(listening(local))
        expect(['::', '0.0.0.0']).toContain(listening(everywhere))
      } finally {
        await local.close()
        await everywhere.close()
      }
    })
  })

  it('serves the built site under its base path the way a static host does', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'site')
      await cp(join(import.meta.dirname, 'fixtures', 'site'), root, { recursive: true })
      await run(process.execPath, [join(import.meta.dirname, '..', 'bin', 'gazette.js'), 'build', '--root', root, '--no-search'], { env: { ...process.env, SOURCE_DATE_EPOCH: '1768478400' } })
      const server = await startPreview({ root, out: join(root, 'dist'), port: 20_000 + Math.floor(Math.random() * 20_000), quiet: true })
      try {
        const origin = server.resolvedUrls!.local[0]!.replace(/\/news\/$/, '')
        const get = (path: string) => fetch(origin + path, { redirect: 'manual' })
        const home = await get('/news/')
        expect(home.status).toBe(200)
        expect(await home.text()).toContain('<title>Test Gazette</title>')
        expect((await get('/news/tags/')).status).toBe(200)
        expect((await get('/news/feed.xml')).headers.get('content-type')).toMatch(/xml/)
        const folder = await get('/news/tags')
        expect(folder.status).toBe(301)
        expect(folder.headers.get('location')).toBe('/news/tags/')
        const missing = await get('/news/no-such-page/')
        expect(missing.status).toBe(404)
        expect(await missing.text()).toContain('Page not found')
      } finally {
        await server.close()
      }
    })
  }, 60_000)
})
