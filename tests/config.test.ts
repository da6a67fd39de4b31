import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../src/config.js'

describe('resolveConfig', () => {
  it('fills every default', () => {
    const result = resolveConfig(undefined)
    expect(result).toMatchObject({ config: { title: 'Gazette', language: 'en', basePath: '/', timezone: 'UTC', pageSize: 20, baseUrl: 'http://localhost:4173' } })
  })

  it('drops a trailing slash from baseUrl', () => {
    expect(resolveConfig({ baseUrl: 'https://example.org/' })).toMatchObject({ config: { baseUrl: 'https://example.org' } })
  })

  it('writes baseUrl as its origin, and takes an empty publisher as none', () => {
    expect(resolveConfig({ baseUrl: 'https://EXAMPLE.org:443/', publisher: '  ' })).toMatchObject({ config: { baseUrl: 'https://example.org', publisher: undefined } })
  })

  it.each([
    [{ baseUrl: 'https://example.org/news' }, 'baseUrl', 'put a sub-path such as "/news/" in "basePath"'],
    [{ baseUrl: 'https://example.org?x=1' }, 'baseUrl', 'must be the site\'s origin alone'],
    [{ baseUrl: 'https://example.org/#top' }, 'baseUrl', 'must be the site\'s origin alone'],
    [{ baseUrl: 'https://user:secret@example.org' }, 'baseUrl', 'must be the site\'s origin alone'],
    [{ basePath: 'news' }, 'basePath', 'must start and end with "/"'],
    [{ basePath: '/../' }, 'basePath', 'must not contain'],
    [{ baseUrl: 'javascript:alert(1)' }, 'baseUrl', 'must be an absolute http(s) URL'],
    [{ timezone: 'Mars/Olympus' }, 'timezone', 'must be an IANA time zone'],
    [{ language: 'english please' }, 'language', 'must be a language tag'],
    [{ pageSize: 0 }, 'pageSize', ''],
    [{ titel: 'x' }, 'titel', 'unknown key "titel"'],
    [{ ingest: { boilerplate: 'Source link' } }, 'ingest.boilerplate', '']
  ])('rejects %j naming the key', (input, key, message) => {
    const result = resolveConfig(input)
    expect('issues' in result).toBe(true)
    const issues = (result as { issues: Array<{ key: string; message: string }> }).issues
    expect(issues.some((issue) => issue.key === key && issue.message.includes(message))).toBe(true)
  })
})
