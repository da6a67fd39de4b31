import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
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
  let cause: VFileMessage | undefined
  if (record.cause) {
    cause = new VFile({ path: record.cause.file }).message(record.cause.reason, { place: toPlace(record.cause.place) })
  }
  const message = file.message(record.reason, { place: toPlace(record.place), ruleId: record.ruleId, source: 'gazette', cause })
  message.fatal = record.fatal
  if (record.note) message.note = record.note
}

function toPlace(place: Place | undefined) {
  if (!place) return undefined
  return place.end ? { start: place.start, end: place.end } : place.start
}
