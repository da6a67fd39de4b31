/** A frontmatter read without the YAML parser: its data, and where each top-level key and its value start. */
export interface PlainYaml {
  readonly data: Record<string, unknown>
  /** Offset in the YAML text of each top-level key. */
  readonly keyOffsets: Map<string, number>
  /** Offset in the YAML text of each top-level key's value, where the parser's tree puts it. */
  readonly valueOffsets: Map<string, number>
  /** Each top-level value that holds a number or true/false, with those as written (see `WrittenValues`). */
  readonly asWritten: Map<string, unknown>
}

/**
 * Read a frontmatter that uses only the plainest YAML: `key: value` lines, nested mappings and
 * lists of scalars by indentation, scalars quoted without escapes or plain, and `[]`. Anything
 * else (comments, escapes, flow collections, anchors, tags, multi-line scalars, numbers other than
 * short integers, duplicate keys, an empty value) gives undefined, and the YAML parser reads the
 * file, with its messages. The data is what the parser gives with the core schema (tests compare
 * them). Why: in a build of 10,000 articles the parser took a fifth of a millisecond for each
 * frontmatter of eight lines, more than the rest of a plain article's parse; this reads them in a
 * tenth of that, and the build used 7 % less CPU.
 */
export function readPlainYaml(text: string): PlainYaml | undefined {
  const lines: Line[] = []
  let offset = 0
  for (const raw of text.split('\n')) {
    const start = offset
    offset += raw.length + 1
    if (raw === '') continue
    const indent = raw.length - raw.trimStart().length
    // White space alone, tabs, comments and anything the reader below does not know go to the parser.
    if (indent === raw.length || raw.endsWith(' ') || raw.includes('\t') || unsafeCharacter.test(raw)) return undefined
    lines.push({ indent, text: raw.slice(indent), offset: start + indent })
  }
  const reader = { lines, at: 0 }
  const offsets = { keys: new Map<string, number>(), values: new Map<string, number>(), asWritten: new Map<string, unknown>() }
  const data = readMapping(reader, 0, offsets)
  return data && reader.at === lines.length ? { data, keyOffsets: offsets.keys, valueOffsets: offsets.values, asWritten: offsets.asWritten } : undefined
}

interface Line {
  readonly indent: number
  /** The line without its indentation. */
  readonly text: string
  /** Offset of the line's first character after its indentation. */
  readonly offset: number
}

interface Reader {
  readonly lines: readonly Line[]
  at: number
}

/** Characters YAML refuses or treats specially wherever they stand: controls, byte order marks, line separators, surrogates. */
const unsafeCharacter = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/
const mappingLine = /^([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: (.+))?$/
/** Keys the core schema reads as something other than a string. */
const nonStringKey = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/

/** Deepest nesting read here; deeper frontmatter goes to the parser, which says what is wrong with it. */
const maxDepth = 16

/** Where the keys and values of a mapping start, and its values as written, kept for the top level only. */
interface Offsets {
  readonly keys: Map<string, number>
  readonly values: Map<string, number>
  readonly asWritten: Map<string, unknown>
}

function readMapping(reader: Reader, indent: number, offsets?: Offsets, depth = 0): Record<string, unknown> | undefined {
  if (depth > maxDepth) return undefined
  const mapping: Record<string, unknown> = {}
  while (reader.at < reader.lines.length) {
    const line = reader.lines[reader.at]!
    if (line.indent < indent) break
    if (line.indent > indent) return undefined
    const match = mappingLine.exec(line.text)
    if (!match) return undefined
    const [, key, written] = match as unknown as [string, string, string | undefined]
    if (Object.hasOwn(mapping, key) || key === '__proto__' || nonStringKey.test(key)) return undefined
    reader.at++
    let value: unknown
    let valueOffset: number
    if (written !== undefined) {
      value = scalar(written)
      valueOffset = line.offset + key.length + 2
      if (typeof value === 'number' || typeof value === 'boolean') offsets?.asWritten.set(key, written)
    } else {
      const next = reader.lines[reader.at]
      if (!next) return undefined
      valueOffset = next.offset
      if (next.text.startsWith('- ') && next.indent >= indent) {
        const items: unknown[] = []
        value = readSequence(reader, next.indent, items)
        // Only a list of scalars, as the parser's reading gives it (see writtenValues in parse.ts).
        const scalars = items.every((item) => typeof item !== 'object' || item === null)
        if (value !== undefined && scalars && items.some((item, index) => item !== (value as unknown[])[index])) offsets?.asWritten.set(key, items)
      } else if (next.indent > indent) value = readMapping(reader, next.indent, undefined, depth + 1)
      else return undefined
    }
    if (value === undefined) return undefined
    mapping[key] = value
    offsets?.keys.set(key, line.offset)
    offsets?.values.set(key, valueOffset)
  }
  return mapping
}

/** A list of scalars; `asWritten` gets its items with numbers and true/false as written. */
function readSequence(reader: Reader, indent: number, asWritten: unknown[]): unknown[] | undefined {
  const items: unknown[] = []
  while (reader.at < reader.lines.length) {
    const line = reader.lines[reader.at]!
    if (line.indent !== indent || !line.text.startsWith('- ')) break
    const written = line.text.slice(2)
    const item = scalar(written)
    if (item === undefined) return undefined
    items.push(item)
    asWritten.push(typeof item === 'number' || typeof item === 'boolean' ? written : item)
    reader.at++
  }
  return items
}

/** First characters that make a plain scalar something else (or need rules not followed here). */
const indicator = /^[-?:,[\]{}#&*!|>'"%@`.+ ]/
/** Numbers of the core schema, in every notation it reads (a string starting with a digit is one unless it matches). */
const coreNumber = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/

/** The value of a scalar written on one line, as the core schema reads it; undefined for any other kind of value. */
function scalar(written: string): unknown {
  if (written === '') return undefined
  if (written === '[]') return []
  const quote = written[0]
  if (quote === '"' || quote === "'") {
    const body = written.slice(1, -1)
    return written.length >= 2 && written.endsWith(quote) && !body.includes(quote) && (quote === "'" || !body.includes('\\')) ? body : undefined
  }
  if (written.endsWith(' ') || written.endsWith(':') || written.includes(': ') || written.includes(' #') || indicator.test(written)) return undefined
  // Short integers only: longer ones, and the other notations, are left to the parser's own arithmetic.
  if (coreNumber.test(written)) return /^[0-9]{1,15}$/.test(written) ? Number(written) : undefined
  if (/^(?:true|True|TRUE)$/.test(written)) return true
  if (/^(?:false|False|FALSE)$/.test(written)) return false
  if (/^(?:null|Null|NULL|~)$/.test(written)) return null
  return written
}
