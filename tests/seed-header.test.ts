import { describe, expect, it } from 'vitest'
import { readSeedHeader } from '../src/text/seed-header.js'
import { readWrittenDate } from '../src/text/written-date.js'

describe('readSeedHeader', () => {
  it('reads lines of "Key: value" ended by a blank line, by the names tools give them', () => {
    const text = 'Title: Harbour works resume\nPublished: 5 January 2026\nAuthor: Jane Doe\nSource URL: https://example.com/a\nSite_Name: Aarhus Daily\nKeywords: harbour, council; works\nWord count: 523\n\nThe council said on Tuesday.\n'
    const { header, problem } = readSeedHeader(text)
    expect(problem).toBeUndefined()
    expect(header!.fields).toEqual({
      title: 'Harbour works resume',
      date: '5 January 2026',
      byline: 'Jane Doe',
      sourceUrl: 'https://example.com/a',
      source: 'Aarhus Daily',
      tags: ['harbour', 'council', 'works']
    })
    expect(header!.lines).toBe(7)
    expect(header!.places.date).toEqual({ line: 2, column: 12 })
    expect(header!.ignored).toEqual([{ key: 'Word count', place: { line: 7, column: 1 } }])
  })

  it('reads YAML frontmatter, with lists and the places of its keys', () => {
    const text = '---\nheadline: "Rates rise: what it means"\ndatePublished: 2026-01-05T10:00:00+01:00\nauthors: [Jane Doe, Ola Nordmann]\ncategories:\n  - Economy\n  - Rates\nlayout: post\n---\nThe bank raised rates.\n'
    const { header } = readSeedHeader(text)
    expect(header!.fields).toEqual({ title: 'Rates rise: what it means', date: '2026-01-05T10:00:00+01:00', byline: 'Jane Doe, Ola Nordmann', tags: ['Economy', 'Rates'] })
    expect(header!.lines).toBe(9)
    expect(header!.places.date).toEqual({ line: 3, column: 1 })
    expect(header!.ignored).toEqual([{ key: 'layout', place: { line: 8, column: 1 } }])
  })

  it('reports frontmatter that is not valid YAML, where it is wrong', () => {
    const { header, problem } = readSeedHeader('---\ntitle: Rates rise\ndate: [2026-01-05\n---\nThe bank raised rates.\n')
    expect(header).toBeUndefined()
    expect(problem!.message).toMatch(/^Invalid YAML in the seed's frontmatter: .+\. Fix the YAML between the "---" lines\.$/)
    expect(problem!.place.line).toBeGreaterThanOrEqual(3)
  })

  it('takes only the known keys from the top when no blank line follows them', () => {
    const { header } = readSeedHeader('Title: Harbour works resume\nDate: 2026-01-05\nNote: the council met on Tuesday.\nThe works will resume.\n')
    expect(header!.fields).toEqual({ title: 'Harbour works resume', date: '2026-01-05' })
    expect(header!.lines).toBe(2)
    expect(header!.ignored).toEqual([])
  })

  it('leaves text alone that only looks like a header', () => {
    for (const text of [
      'Update: the council met on Tuesday and agreed the plan.\n\nMore text.\n',
      'Washington: The president said on Monday that talks would go on.\n',
      'The council met on Tuesday.\nTitle: not at the top\n',
      '---\n\nA rule drawn above the text.\n\n---\n\nMore text.\n',
      '---\nnote: nothing Gazette knows\n---\nText.\n',
      '---\n- a list\n- not a mapping\n---\nText.\n',
      ''
    ]) {
      expect(readSeedHeader(text), text).toEqual({})
    }
  })

  it('reads a header after a BOM, with CRLF or CR line ends', () => {
    for (const text of ['\uFEFFTitle: Rates rise\r\nDate: 2026-01-05\r\n\r\nThe bank raised rates.\r\n', 'Title: Rates rise\rDate: 2026-01-05\r\rThe bank raised rates.\r']) {
      const { header } = readSeedHeader(text)
      expect(header!.fields).toEqual({ title: 'Rates rise', date: '2026-01-05' })
      expect(header!.lines).toBe(2)
    }
  })
})

describe('readWrittenDate', () => {
  it('reads the ways news dates are written, keeping the zone when one is named', () => {
    const cases: Array<[string, string]> = [
      ['2026-01-05', '2026-01-05'],
      ['2026-01-05T10:00:00+01:00', '2026-01-05T10:00:00+01:00'],
      ['5 January 2026', '2026-01-05'],
      ['January 5, 2026', '2026-01-05'],
      ['Jan. 5, 2026', '2026-01-05'],
      ['January 5th, 2026', '2026-01-05'],
      ['Monday, January 5, 2026 - 10:04', '2026-01-05T10:04:00'],
      ['Jan 5, 2026 10:04 a.m. ET', '2026-01-05T10:04:00-05:00'],
      ['Mon, 05 Jan 2026 10:00:00 GMT', '2026-01-05T10:00:00+00:00'],
      ['5 Jan 2026 10:04 GMT+1', '2026-01-05T10:04:00+01:00'],
      ['2026/01/05', '2026-01-05'],
      ['25/12/2026', '2026-12-25'],
      ['on 5 January 2026', '2026-01-05']
    ]
    for (const [written, iso] of cases) expect(readWrittenDate(written, 'UTC'), written).toBe(iso)
  })

  it('refuses what is not one whole date with its year', () => {
    expect(readWrittenDate(`5 January 2026 ${'and so on '.repeat(30)}`, 'UTC')).toBeUndefined()
    for (const written of ['3 hours ago', 'yesterday', 'Friday', 'January 5', '31 February 2026', '05/01/2026', 'Section 5 of 2026', 'the 5 January 2026 report on the harbour works', 'soon']) {
      expect(readWrittenDate(written, 'UTC'), written).toBeUndefined()
    }
  })
})
