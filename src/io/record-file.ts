import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
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
    async save(records) {
      await mkdir(dirname(path), { recursive: true })
      const file = known
      if (file) {
        let live = 0
        let dead = 0
        for (const [key, size] of file.records) records.has(key) ? (live += size) : (dead += size)
        if (dead <= live) {
          const added = [...records].filter(([key]) => !file.records.has(key)).map(([key, value]) => encodeRecord(key, value))
          const bytes = encodeParts(added.flatMap((record) => record.parts))
          try {
            // From the end of what was read: a tail cut short by a killed build is written over.
            const fd = openSync(path, 'r+')
            try {
              ftruncateSync(fd, file.length)
              writeSync(fd, bytes, 0, bytes.length, file.length)
            } finally {
              closeSync(fd)
            }
            for (const record of added) file.records.set(record.key, record.size)
            file.length += bytes.length
            return
          } catch {
            // The file went away or cannot be written in place: write it whole.
          }
        }
      }
      const all = [...records].map(([key, value]) => encodeRecord(key, value))
      const bytes = encodeParts([Buffer.from(header), ...all.flatMap((record) => record.parts)])
      const temporary = `${path}.${process.pid}.tmp`
      await writeFile(temporary, bytes)
      await rename(temporary, path)
      known = { records: new Map(all.map((record) => [record.key, record.size])), length: bytes.length }
    }
  }
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
