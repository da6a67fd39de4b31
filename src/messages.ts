import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { pointer } from './diagnostics.js'
import type { MessageRecord } from './types.js'

type Place = NonNullable<MessageRecord['place']>

function placeOf(message: VFileMessage): Place | undefined {
  const place = message.place
  if (!place) return undefined
  if ('start' in place) return { start: { line: place.start.line, column: place.start.column }, end: { line: place.end.line, column: place.end.column } }
  return { start: { line: place.line, column: place.column } }
}

/** Record a file's messages so they can cross a thread or wait in the cache. */
export function recordMessages(file: VFile): MessageRecord[] {
  return file.messages.map((message) => {
    const cause = message.cause && typeof message.cause === 'object' && 'reason' in message.cause ? (message.cause as VFileMessage) : undefined
    const place = placeOf(message)
    const causePlace = cause ? placeOf(cause) : undefined
    return {
      reason: message.reason,
      ruleId: message.ruleId ?? 'unknown',
      fatal: message.fatal ?? undefined,
      ...(place ? { place } : {}),
      ...(cause ? { cause: { file: cause.file ?? '', reason: cause.reason, ...(causePlace ? { place: causePlace } : {}) } } : {}),
      ...(message.note ? { note: message.note } : {})
    }
  })
}

/** A file's messages, recorded. */
export interface FileMessages {
  readonly path: string
  readonly messages: MessageRecord[]
}

/** Record the messages of these files, leaving out the files that have none. */
export function recordFiles(files: readonly VFile[]): FileMessages[] {
  return files.flatMap((file) => (file.messages.length > 0 ? [{ path: file.path, messages: recordMessages(file) }] : []))
}

/**
 * A function that gives records of messages back sharing their strings and places with the
 * records it gave before. Why: each article's messages come from a worker thread, and every
 * string and object of them arrives as a copy of its own. At 50,000 articles, 108,000 messages
 * (most of them "Removed a repeated paragraph.", with a rule id, a place, and the file and place
 * of the first copy) took 57 MB of this thread's heap until the build ended, mostly the same few
 * strings and places again and again. The places given back are frozen: they are shared.
 */
export function messageInterner(): (records: readonly MessageRecord[]) => MessageRecord[] {
  const strings = new Map<string, string>()
  const places = new Map<string, Place>()
  const text = (value: string): string => {
    const kept = strings.get(value)
    if (kept !== undefined) return kept
    strings.set(value, value)
    return value
  }
  const point = (at: { line: number; column: number }) => Object.freeze({ line: at.line, column: at.column })
  const place = (value: Place): Place => {
    const key = value.end ? `${value.start.line}:${value.start.column}-${value.end.line}:${value.end.column}` : `${value.start.line}:${value.start.column}`
    let kept = places.get(key)
    if (!kept) places.set(key, (kept = Object.freeze(value.end ? { start: point(value.start), end: point(value.end) } : { start: point(value.start) })))
    return kept
  }
  return (records) =>
    records.map((record) => {
      const kept: { -readonly [K in keyof MessageRecord]: MessageRecord[K] } = { reason: text(record.reason), ruleId: text(record.ruleId), fatal: record.fatal }
      if (record.place) kept.place = place(record.place)
      if (record.cause) kept.cause = { file: text(record.cause.file), reason: text(record.cause.reason), ...(record.cause.place ? { place: place(record.cause.place) } : {}) }
      if (record.note !== undefined) kept.note = text(record.note)
      return kept
    })
}

/** Restore recorded messages onto a new file at `path`. */
export function restoreMessages(path: string, records: readonly MessageRecord[]): VFile {
  const file = new VFile({ path })
  // A message is an Error, and each one captured a stack trace that nothing reads: at ten
  // thousand messages that was most of the time taken to restore them.
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    for (const record of records) restore(file, record)
  } finally {
    Error.stackTraceLimit = limit
  }
  return file
}

function restore(file: VFile, record: MessageRecord): void {
  const cause = record.cause ? pointer(record.cause.file, record.cause.reason, toPlace(record.cause.place)) : undefined
  const message = file.message(record.reason, { place: toPlace(record.place), ruleId: record.ruleId, source: 'gazette', cause })
  message.fatal = record.fatal
  if (record.note) message.note = record.note
}

function toPlace(place: Place | undefined) {
  if (!place) return undefined
  return place.end ? { start: place.start, end: place.end } : place.start
}
