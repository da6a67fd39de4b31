import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs'
import { mkdir, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'

/** How one kind of record becomes bytes and back: a fixed number of parts, the key not among them. */
export interface RecordCodec<T> {
  readonly parts: number
  encode(value: T): Uint8Array[]
  decode(parts: Buffer[]): T
}

/** Records by key in one file, read whole and saved by appending. */
export interface RecordFile<T> {
  /** Every record in the file; empty when there is none, or it was written for another header. */
  load(): Promise<Map<string, T>>
  /** Make the file hold these records (and perhaps others no longer named, until it is compacted). */
  save(records: ReadonlyMap<string, T>): Promise<void>
  /**
   * Visit every whole record in the file, in file order, as its key and raw parts, without
   * holding the file: the parts are valid only during the call. Nothing is visited when the
   * file is missing or was written for another header.
   */
  each(visit: (key: string, parts: readonly Buffer[]) => void): Promise<void>
}

/**
 * A file of records by key: a header, then each record's key and parts, each behind its length.
 * A key names one value for good (content keys), so saving appends only the keys the file lacks.
 * Why: a one-article rebuild changes one record, and the file holds every article's (tens of
 * megabytes at ten thousand articles). Once the records no longer named take more room than the
 * live ones, the file is written again with the live ones only. A record cut short by a killed
 * build ends the file where it starts; the next save writes over it.
 */
export function recordFile<T>(path: string, header: string, codec: RecordCodec<T>): RecordFile<T> {
  // The file as this process read or wrote it: each record's size by key, and where its whole records end.
  let known: { records: Map<string, number>; length: number } | undefined
  /** A record's parts, key first, and the bytes they take behind their lengths. */
  const encodeRecord = (key: string, value: T) => {
    const parts = [Buffer.from(key), ...codec.encode(value)]
    return { key, parts, size: parts.reduce((size, part) => size + 4 + part.byteLength, 0) }
  }
  return {
    async load() {
      const records = new Map<string, T>()
      known = undefined
      let bytes: Buffer
      try {
        bytes = await readFile(path)
      } catch {
        return records
      }
      let offset = 0
      const next = (): Buffer | undefined => {
        if (offset + 4 > bytes.length) return undefined
        const length = bytes.readUInt32LE(offset)
        if (offset + 4 + length > bytes.length) return undefined
        const part = bytes.subarray(offset + 4, offset + 4 + length)
        offset += 4 + length
        return part
      }
      if (next()?.toString() !== header) return records
      const file = { records: new Map<string, number>(), length: offset }
      while (offset < bytes.length) {
        const key = next()
        const parts: Buffer[] = []
        for (let index = 0; index < codec.parts; index++) {
          const part = next()
          if (part) parts.push(part)
        }
        if (!key || parts.length < codec.parts) break
        records.set(key.toString(), codec.decode(parts))
        file.records.set(key.toString(), offset - file.length)
        file.length = offset
      }
      known = file
      return records
    },
    async each(visit) {
      let fd: number
      try {
        fd = openSync(path, 'r')
      } catch {
        return
      }
      try {
        const reader = chunkedReader(fd)
        if (reader.next(1)?.[0]!.toString() !== header) return
        for (let parts = reader.next(1 + codec.parts); parts; parts = reader.next(1 + codec.parts)) visit(parts[0]!.toString(), parts.slice(1))
      } finally {
        closeSync(fd)
      }
    },
    async save(records) {
      await mkdir(dirname(path), { recursive: true })
      const file = known
      if (file) {
        let live = 0
        let dead = 0
        for (const [key, size] of file.records) records.has(key) ? (live += size) : (dead += size)
        if (dead <= live) {
          const added = [...records].filter(([key]) => !file.records.has(key))
          try {
            // From the end of what was read: a tail cut short by a killed build is written over.
            const fd = openSync(path, 'r+')
            let length: number
            try {
              ftruncateSync(fd, file.length)
              length = writeRecords(fd, file.length, [], added, (key, size) => file.records.set(key, size))
            } finally {
              closeSync(fd)
            }
            file.length += length
            return
          } catch {
            // The file went away or cannot be written in place: write it whole.
          }
        }
      }
      const sizes = new Map<string, number>()
      const temporary = `${path}.${process.pid}.tmp`
      const fd = openSync(temporary, 'w')
      let length: number
      try {
        length = writeRecords(fd, 0, [Buffer.from(header)], records, (key, size) => sizes.set(key, size))
      } finally {
        closeSync(fd)
      }
      await rename(temporary, path)
      known = { records: sizes, length }
    }
  }

  /**
   * Write records at `position`, a few megabytes at a time: the whole file as one buffer was the
   * build's largest allocation (hundreds of megabytes at fifty thousand articles). Returns the bytes written.
   */
  function writeRecords(fd: number, position: number, lead: Uint8Array[], records: Iterable<readonly [string, T]>, onRecord: (key: string, size: number) => void): number {
    let parts = lead
    let pending = lead.reduce((size, part) => size + 4 + part.byteLength, 0)
    let written = 0
    const flush = () => {
      const bytes = encodeParts(parts)
      writeAll(fd, bytes, position + written)
      written += bytes.length
      parts = []
      pending = 0
    }
    for (const [key, value] of records) {
      const record = encodeRecord(key, value)
      parts.push(...record.parts)
      pending += record.size
      onRecord(key, record.size)
      if (pending >= chunkBytes) flush()
    }
    if (parts.length > 0) flush()
    return written
  }
}

/**
 * Read a file of parts behind their lengths a few megabytes at a time: `next(n)` gives the next
 * `n` parts, or undefined when the file ends before they do (a record cut short). The parts
 * are views of the reader's buffer, valid until the next call.
 */
function chunkedReader(fd: number): { next(count: number): Buffer[] | undefined } {
  const fileSize = fstatSync(fd).size
  let buffer = Buffer.allocUnsafe(Math.min(chunkBytes, fileSize))
  // Bytes read and not yet given out: buffer[start, end).
  let start = 0
  let end = 0
  let read = 0
  let ended = false
  /** Have at least `size` unread bytes in the buffer, moving them to its start first; false if the file ends sooner. */
  const have = (size: number): boolean => {
    // A length no file this size can hold (a damaged file) is a record cut short, not a buffer to make.
    if (size > end - start + (fileSize - read)) return false
    while (end - start < size && !ended) {
      if (start > 0) {
        buffer.copy(buffer, 0, start, end)
        end -= start
        start = 0
      }
      if (size > buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.max(size, buffer.length * 2))
        buffer.copy(bigger, 0, 0, end)
        buffer = bigger
      }
      const count = readSync(fd, buffer, end, buffer.length - end, null)
      if (count === 0) ended = true
      end += count
      read += count
    }
    return end - start >= size
  }
  return {
    next(count) {
      // Offsets are taken from `start`, which moves only when the buffer is refilled: they stay good.
      const spans: Array<[number, number]> = []
      let offset = 0
      for (let index = 0; index < count; index++) {
        if (!have(offset + 4)) return undefined
        const length = buffer.readUInt32LE(start + offset)
        if (!have(offset + 4 + length)) return undefined
        spans.push([offset + 4, length])
        offset += 4 + length
      }
      const parts = spans.map(([from, length]) => buffer.subarray(start + from, start + from + length))
      start += offset
      return parts
    }
  }
}

/** How much of a record file is encoded before it is written, and read at once by `each`. */
const chunkBytes = 4 * 1024 * 1024

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset, position + offset)
}

/** Parts behind their lengths, in one buffer of the final size: no copy per part. */
function encodeParts(parts: readonly Uint8Array[]): Buffer {
  const bytes = Buffer.allocUnsafe(parts.reduce((size, part) => size + 4 + part.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    bytes.writeUInt32LE(part.byteLength, offset)
    bytes.set(part, offset + 4)
    offset += 4 + part.byteLength
  }
  return bytes
}
