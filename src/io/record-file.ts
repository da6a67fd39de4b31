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
  /**
   * Every record in the file, each made by `make` from what `keep` copies out of its parts as the
   * file is read, and a function that reads its parts from the file again when called. A file
   * read so is never held whole: only what `keep` takes stays in memory.
   */
  loadLazily<K, V>(keep: (parts: readonly Buffer[]) => K, make: (kept: K, parts: () => Buffer[]) => V): Map<string, V>
  /**
   * The records an index kept beside the file names (`layout`, as an earlier `layout()` gave it),
   * each made by `make` from its place in the index and a function that reads its parts, as
   * `loadLazily` makes them but without reading the file: what the index says of it becomes what
   * this process knows. The caller answers for the index being of the file as it is now.
   */
  adopt<V>(layout: FileLayout, make: (place: number, parts: () => Buffer[]) => V): Map<string, V>
  /** What this process knows of the file (each record's key, start and size, and where its whole records end), if it has read or written it. */
  layout(): FileLayout | undefined
  /** Add these records: those whose keys the file lacks are appended. */
  add(records: Iterable<readonly [string, T]>): Promise<void>
  /** Forget the records whose keys `live` does not name: the file is written again, live records only, once they take more room than the live. */
  prune(live: ReadonlySet<string>): Promise<void>
  /** Make the file hold these records (and perhaps others no longer named, until they outweigh the live). */
  save(records: ReadonlyMap<string, T>): Promise<void>
  /**
   * Visit the whole records of these keys that the file holds, as their keys and raw parts,
   * without holding the file: the parts are valid only during the call. When this process knows
   * where they are and they are few, only they are read; otherwise the file is read through, and
   * they come in file order. Nothing is visited when the file is missing or was written for
   * another header.
   */
  eachOf(keys: ReadonlySet<string>, visit: (key: string, parts: readonly Buffer[]) => void): Promise<void>
}

/** What is known of the file: where each record starts and its size, by key, and where its whole records end (0: no file of this header). */
interface FileIndex {
  readonly records: Map<string, { readonly at: number; readonly size: number }>
  length: number
}

/** A record file's index as it can be kept apart: its keys, where each record starts and its size, in the same order, and where its whole records end. */
export interface FileLayout {
  readonly keys: readonly string[]
  readonly at: ArrayLike<number>
  readonly size: ArrayLike<number>
  readonly length: number
}

/**
 * Records are read one by one, each where the index says, only when they are fewer than one in
 * this many of the file's: reading a few of ten thousand records through the whole file was a
 * tenth of a second of a one-article rebuild, and reading many one by one costs more than the
 * file read straight through.
 */
const fewRecords = 64

/**
 * A file of records by key: a header, then each record's key and parts, each behind its length.
 * A key names one value for good (content keys), so saving appends only the keys the file lacks.
 * Why: a one-article rebuild changes one record, and the file holds every article's (tens of
 * megabytes at ten thousand articles). Once the records no longer named take more room than the
 * live ones, the file is written again with the live ones only, copied as they are. A record cut
 * short by a killed build ends the file where it starts; the next save writes over it.
 */
export function recordFile<T>(path: string, header: string, codec: RecordCodec<T>): RecordFile<T> {
  // The file as this process read or wrote it; found by reading the keys when first needed.
  let known: FileIndex | undefined
  /** Write records behind what `out` holds, their sizes noted in `index`. */
  const writeRecords = (out: ReturnType<typeof chunkedWriter>, index: FileIndex, records: Iterable<readonly [string, T]>) => {
    for (const [key, value] of records) {
      const bytes = encodeParts([Buffer.from(key), ...codec.encode(value)])
      index.records.set(key, { at: out.position(), size: bytes.length })
      out.write(bytes)
    }
  }
  const sizeOf = (parts: readonly Uint8Array[]) => parts.reduce((size, part) => size + 4 + part.byteLength, 0)
  /** Visit each whole record's key and parts; false when there is no file of this header. */
  const visitRecords = (visit: (key: string, parts: readonly Buffer[]) => void): boolean => {
    let fd: number
    try {
      fd = openSync(path, 'r')
    } catch {
      return false
    }
    try {
      const reader = chunkedReader(fd)
      if (reader.next(1)?.[0]!.toString() !== header) return false
      for (let parts = reader.next(1 + codec.parts); parts; parts = reader.next(1 + codec.parts)) visit(parts[0]!.toString(), parts.slice(1))
      return true
    } finally {
      closeSync(fd)
    }
  }
  /**
   * Read the file's keys, where each record starts and its size, visiting each record's parts
   * too if asked; what this process knows of the file becomes what was read.
   */
  const scan = (visit?: (key: string, parts: readonly Buffer[]) => void): void => {
    const index: FileIndex = { records: new Map(), length: 0 }
    let length = sizeOf([Buffer.from(header)])
    const found = visitRecords((key, parts) => {
      const size = 4 + Buffer.byteLength(key) + sizeOf(parts)
      index.records.set(key, { at: length, size })
      length += size
      visit?.(key, parts)
    })
    if (found) index.length = length
    known = index
  }
  /** The file's index: its keys and sizes read from the file, unless this process knows them. */
  const indexed = (): FileIndex => {
    if (!known) scan()
    return known!
  }
  /**
   * The parts of the record of `key`, read where this process knows it starts: appending leaves
   * records where they are, and writing the file again notes where they went. A record not
   * found where it was (another process wrote the file) sends for them all again, once.
   */
  const partsOf = (key: string): Buffer[] => {
    const read = readRecordAt(path, known?.records.get(key)?.at, key, codec.parts)
    if (read) return read
    scan()
    const again = readRecordAt(path, known?.records.get(key)?.at, key, codec.parts)
    if (!again) throw new Error(`${path}: the record ${key} is no longer in the file`)
    return again
  }
  /**
   * Write the file again: the records it holds that `keep` accepts, copied as they are, then
   * `added`. Written beside it and renamed over it, so a killed build leaves the old file whole.
   */
  const rewrite = async (keep: (key: string) => boolean, added: ReadonlyArray<readonly [string, T]>) => {
    await mkdir(dirname(path), { recursive: true })
    const temporary = `${path}.${process.pid}.tmp`
    const fd = openSync(temporary, 'w')
    const index: FileIndex = { records: new Map(), length: 0 }
    try {
      const out = chunkedWriter(fd)
      out.write(encodeParts([Buffer.from(header)]))
      // Each kept record is copied at once: the reader's parts are valid only until its next call.
      visitRecords((key, parts) => {
        if (!keep(key)) return
        const bytes = encodeParts([Buffer.from(key), ...parts])
        index.records.set(key, { at: out.position(), size: bytes.length })
        out.write(bytes)
      })
      writeRecords(out, index, added)
      index.length = out.end()
    } finally {
      closeSync(fd)
    }
    await rename(temporary, path)
    known = index
  }
  const file: RecordFile<T> = {
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
      const index: FileIndex = { records: new Map(), length: offset }
      while (offset < bytes.length) {
        const key = next()
        const parts: Buffer[] = []
        for (let part = 0; part < codec.parts; part++) {
          const read = next()
          if (read) parts.push(read)
        }
        if (!key || parts.length < codec.parts) break
        records.set(key.toString(), codec.decode(parts))
        index.records.set(key.toString(), { at: index.length, size: offset - index.length })
        index.length = offset
      }
      known = index
      return records
    },
    loadLazily(keep, make) {
      const records = new Map<string, ReturnType<typeof make>>()
      scan((key, parts) => records.set(key, make(keep(parts), () => partsOf(key))))
      return records
    },
    adopt(layout, make) {
      const records = new Map<string, ReturnType<typeof make>>()
      const index: FileIndex = { records: new Map(), length: layout.length }
      layout.keys.forEach((key, place) => {
        index.records.set(key, { at: layout.at[place]!, size: layout.size[place]! })
        records.set(key, make(place, () => partsOf(key)))
      })
      known = index
      return records
    },
    layout() {
      if (!known) return undefined
      const keys = [...known.records.keys()]
      const at = new Float64Array(keys.length)
      const size = new Float64Array(keys.length)
      keys.forEach((key, place) => {
        const record = known!.records.get(key)!
        at[place] = record.at
        size[place] = record.size
      })
      return { keys, at, size, length: known.length }
    },
    async eachOf(keys, visit) {
      // A key this process does not know may be in the file all the same (another process wrote
      // it), and a record not where it was says the file was written again: then it is read through.
      const index = known
      const few = index && keys.size * fewRecords < index.records.size && [...keys].every((key) => index.records.has(key))
      const read = few ? [...keys].map((key) => [key, readRecordAt(path, index.records.get(key)!.at, key, codec.parts)] as const) : undefined
      if (read?.every(([, parts]) => parts !== undefined)) {
        for (const [key, parts] of read) visit(key, parts!)
        return
      }
      visitRecords((key, parts) => {
        if (keys.has(key)) visit(key, parts)
      })
    },
    async add(records) {
      const index = indexed()
      const added = [...records].filter(([key]) => !index.records.has(key))
      if (added.length === 0) return
      if (index.length > 0) {
        try {
          // From the end of the whole records: a tail cut short by a killed build is written over.
          const fd = openSync(path, 'r+')
          try {
            ftruncateSync(fd, index.length)
            const out = chunkedWriter(fd, index.length)
            writeRecords(out, index, added)
            index.length = out.end()
          } finally {
            closeSync(fd)
          }
          return
        } catch {
          // The file went away or cannot be written in place: write it whole.
          known = undefined
        }
      }
      await rewrite(() => true, added)
    },
    async prune(live) {
      if (deadOutweighs(indexed(), live)) await rewrite((key) => live.has(key), [])
    },
    async save(records) {
      const index = indexed()
      if (deadOutweighs(index, records)) await rewrite((key) => records.has(key), [...records].filter(([key]) => !index.records.has(key)))
      else await file.add(records)
    }
  }
  return file
}

/**
 * The parts of the record that starts at `offset` in the file at `path`, if it is the record of
 * `key`; undefined when it is not there (the file was written again since), or cannot be read.
 */
function readRecordAt(path: string, offset: number | undefined, key: string, count: number): Buffer[] | undefined {
  if (offset === undefined) return undefined
  return readPartsAt(path, offset, 1 + count, (name) => name.equals(Buffer.from(key)))?.slice(1)
}

/**
 * `count` parts behind their lengths from `offset` on in the file at `path`, the first of them
 * one `first` accepts; undefined when the file is missing, ends short, or `first` refuses.
 */
export function readPartsAt(path: string, offset: number, count: number, first: (part: Buffer) => boolean): Buffer[] | undefined {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return undefined
  }
  try {
    const next = partsAt(fd, offset)
    const parts: Buffer[] = []
    for (let index = 0; index < count; index++) {
      const part = next()
      if (!part || (index === 0 && !first(part))) return undefined
      parts.push(part)
    }
    return parts
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}

/**
 * Read parts behind their lengths from `fd`, from `position` on, a part a call, each into a
 * buffer of its own (so a typed array can be made over its bytes); undefined once the file ends
 * before a part does, or gives a length it cannot hold.
 */
function partsAt(fd: number, position: number): () => Buffer | undefined {
  const size = fstatSync(fd).size
  let at = position
  return () => {
    const length = Buffer.alloc(4)
    if (at + 4 > size || !readFully(fd, length, at)) return undefined
    const bytes = length.readUInt32LE(0)
    if (at + 4 + bytes > size) return undefined
    const part = Buffer.from(new ArrayBuffer(bytes))
    if (!readFully(fd, part, at + 4)) return undefined
    at += 4 + bytes
    return part
  }
}

function readFully(fd: number, into: Uint8Array, position: number): boolean {
  for (let offset = 0; offset < into.length; ) {
    const count = readSync(fd, into, offset, into.length - offset, position + offset)
    if (count === 0) return false
    offset += count
  }
  return true
}

/** Whether the records of the file that `live` does not name take more room than those it does. */
function deadOutweighs(index: FileIndex, live: { has(key: string): boolean }): boolean {
  let alive = 0
  let dead = 0
  for (const [key, { size }] of index.records) live.has(key) ? (alive += size) : (dead += size)
  return dead > alive
}

/**
 * Write bytes from `position` on, a few megabytes at a time: the whole file as one buffer was
 * the build's largest allocation (hundreds of megabytes at fifty thousand articles). `end`
 * writes what is left and returns where the bytes written end.
 */
function chunkedWriter(fd: number, position = 0): { write(bytes: Uint8Array): void; position(): number; end(): number } {
  let pending: Uint8Array[] = []
  let size = 0
  let at = position
  const flush = () => {
    const bytes = Buffer.concat(pending, size)
    writeAll(fd, bytes, at)
    at += bytes.length
    pending = []
    size = 0
  }
  return {
    write(bytes) {
      pending.push(bytes)
      size += bytes.length
      if (size >= chunkBytes) flush()
    },
    /** Where the next bytes written will be in the file. */
    position: () => at + size,
    end() {
      if (size > 0) flush()
      return at
    }
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

/** Write all of `bytes` at `position`: a single write may take only part of them. */
export function writeAll(fd: number, bytes: Uint8Array, position: number): void {
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
