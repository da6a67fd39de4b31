import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { formatMessages } from '../../src/diagnostics.js'
import { buildInMemory } from '../helpers.js'

const text = '---\ntitle: “Café” – test\ndate: 2024-01-01\n---\n\nBody with é and “quotes”.\n'

function utf16(value: string, bigEndian = false): Buffer {
  const bytes = Buffer.from(value, 'utf16le')
  return bigEndian ? bytes.swap16() : bytes
}

const bytes = (...parts: Array<string | number[] | Buffer>) => new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part)))))

async function build(files: Record<string, string | Uint8Array>) {
  const result = await buildInMemory(files)
  const articlePath = [...result.pages.keys()].find((path) => /^2024\/01\/01\/[^/]+\/index\.html$/.test(path))
  const html = articlePath ? result.pages.get(articlePath)! : ''
  return { ...result, printed: formatMessages(result.report.files), articlePath, html }
}

describe('encodings', () => {
  it.each([
    ['UTF-8', bytes(text)],
    ['UTF-8 with a BOM', bytes([0xef, 0xbb, 0xbf], text)],
    ['CRLF line ends', bytes(text.replaceAll('\n', '\r\n'))],
    ['CR line ends', bytes(text.replaceAll('\n', '\r'))],
    ['UTF-16 LE with a BOM', bytes([0xff, 0xfe], utf16(text))],
    ['UTF-16 BE with a BOM', bytes([0xfe, 0xff], utf16(text, true))],
    ['UTF-16 LE without a BOM', bytes(utf16(text))],
    ['UTF-16 BE with a BOM and CRLF', bytes([0xfe, 0xff], utf16(text.replaceAll('\n', '\r\n'), true))]
  ])('reads %s exactly', async (_, input) => {
    const { report, printed, articlePath, html } = await build({ 'content/a.md': input })
    expect(printed).toEqual([])
    expect(report.ok).toBe(true)
    expect(articlePath).toBe('2024/01/01/cafe-test/index.html')
    expect(html).toContain('<h1 class="p-name">“Café” – test</h1>')
    expect(html).toContain('<p>Body with é and “quotes”.</p>')
    expect(html).not.toContain('\uFFFD')
    expect(html).not.toContain('\uFEFF')
  })

  it('decodes Windows-1252 text and says so, with the byte offset', async () => {
    const input = bytes('---\ntitle: ', [0x93], 'Caf', [0xe9], [0x94], ' test\ndate: 2024-01-01\n---\n\nBody ', [0xe9], '.\n')
    const { report, printed, html } = await build({ 'content/a.md': input })
    expect(report.ok).toBe(true)
    expect(printed).toEqual([
      'content/a.md:2:8: warning: Text is not valid UTF-8; decoded as windows-1252 (byte 11). Save the file as UTF-8 to be sure it reads as intended. [gazette:encoding-legacy]'
    ])
    expect(html).toContain('<h1 class="p-name">“Café” test</h1>')
    expect(html).toContain('<p>Body é.</p>')
  })

  it('repairs mojibake and says so', async () => {
    const { report, printed, html } = await build({ 'content/a.md': '---\ntitle: Plain\ndate: 2024-01-01\n---\n\nCafÃ© said â€œhelloâ€\u009d.\n' })
    expect(report.ok).toBe(true)
    expect(printed).toEqual([
      "content/a.md:6:4: warning: Repaired 3 mojibake sequences (UTF-8 misread as Windows-1252) (byte 42). Check the repaired text, then save the file as UTF-8. [gazette:encoding-mojibake]"
    ])
    expect(html).toContain('<p>Café said “hello”.</p>')
  })

  it('refuses NUL bytes with the file and byte offset, and builds the rest', async () => {
    const { report, printed, pages } = await build({
      'content/nul.md': bytes('---\ntitle: x\ndate: 2024-01-01\n---\n\nBody ', [0x00], 'more\n'),
      'content/good.md': '---\ntitle: Good\ndate: 2024-01-01\n---\n\nFine.\n'
    })
    expect(report.ok).toBe(false)
    expect(printed).toEqual([
      'content/nul.md:6:6: error: Cannot read content/nul.md as text: NUL byte in UTF-8 text at byte 40. Remove the NUL bytes, or the file if it is not text. [gazette:encoding-nul]'
    ])
    expect(pages.size).toBe(0)
    const kept = await buildInMemory({ 'content/nul.md': bytes('---\ntitle: x\n', [0x00]), 'content/good.md': '---\ntitle: Good\ndate: 2024-01-01\n---\n\nFine.\n' }, { keepGoing: true })
    expect(kept.pages.has('2024/01/01/good/index.html')).toBe(true)
  })

  it('refuses bytes that are text in no encoding, with the byte offset', async () => {
    const { printed } = await build({
      'content/bad8.md': bytes('---\ntitle: x\ndate: 2024-01-01\n---\n\nBody ', [0x81], '\n'),
      'content/odd16.md': bytes([0xff, 0xfe], utf16('---\ntitle: x\n'), [0x41]),
      'content/lone16.md': bytes([0xff, 0xfe], utf16('---\ntitle: x\nA'), [0x00, 0xd8], utf16('B\n'))
    })
    expect(printed).toEqual([
      'content/bad8.md:6:6: error: Cannot read content/bad8.md as text: byte 0x81 is undefined in windows-1252 at byte 40. Save it as UTF-8. [gazette:encoding-invalid]',
      'content/lone16.md:3:2: error: Cannot read content/lone16.md as text: unpaired UTF-16 high surrogate at byte 30. Save it as UTF-8. [gazette:encoding-invalid]',
      'content/odd16.md:3:1: error: Cannot read content/odd16.md as text: odd number of bytes in UTF-16 text at byte 28. Save it as UTF-8. [gazette:encoding-invalid]'
    ])
  })

  it('never publishes replacement characters silently', async () => {
    const { report, printed, html } = await build({ 'content/a.md': '---\ntitle: Soup\ndate: 2024-01-01\n---\n\nBody \uFFFD\uFFFD soup \uFFFD.\n' })
    expect(printed).toEqual([
      'content/a.md:6:6: warning: The text holds 3 replacement characters ("\uFFFD"), so it was damaged before Gazette read it. Restore the original characters from the source. [gazette:encoding-invalid]'
    ])
    expect(report.ok).toBe(true)
    expect(html).toContain('Body')
  })

  it('reads seeds through the same decoder', async () => {
    const seed = 'A headline for the seed\n\nThe first paragraph says “Café” and more words to make it a real paragraph of text.\n\nA second paragraph follows here.\n'
    const { report, printed, pages } = await build({ 'seeds/le.txt': bytes([0xff, 0xfe], utf16(seed)), 'seeds/nul.txt': bytes('Headline\n\nBody ', [0x00], ' more\n') })
    expect(printed.filter((line) => !line.includes('seeds/nul.txt'))).toEqual([])
    expect(printed.join('\n')).toMatch(/seeds\/nul\.txt.*NUL byte/)
    expect(report.ok).toBe(true)
    const page = [...pages].find(([path]) => path.endsWith('/a-headline-for-the-seed/index.html'))
    expect(page?.[1]).toContain('“Café”')
  })

  it('reads seeds saved in the sets of other scripts as they were written, and says which', async () => {
    const seeds = {
      'seeds/tokyo.txt': ['shift_jis', 'Shift_JIS', '東京で新しい駅が開業', '東京都は月曜日、新しい駅の開業を発表した。多くの利用者が訪れた。'],
      'seeds/beijing.txt': ['gb18030', 'GB18030', '北京发布新的交通规则', '北京市政府周一宣布了新的交通规则。许多市民表示支持。'],
      'seeds/moscow.txt': ['koi8-r', 'KOI8-R', 'В Москве открыли новую станцию метро', 'Мэр Москвы Сергей Собянин открыл новую станцию в понедельник.']
    } as const
    const files = Object.fromEntries(Object.entries(seeds).map(([path, [set, , headline, body]]) => [path, new Uint8Array(iconv.encode(`${headline}\n\n${body}\n`, set))]))
    const { report, printed, pages } = await build(files)
    expect(report.ok).toBe(true)
    expect(printed.sort()).toEqual(Object.entries(seeds).map(([path, [, named]]) => `${path}: warning: text is not valid UTF-8; decoded as ${named} (from byte 0). [gazette:encoding-legacy]`).sort())
    for (const [, , headline, body] of Object.values(seeds)) {
      const page = [...pages.values()].find((html) => html.includes(`<h1 class="p-name">${headline}</h1>`))
      expect(page).toContain(body)
    }
  })
})
