import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/**
 * The catalog of every message Gazette prints. Ids are permanent: people search for them and
 * tests assert them. Each entry says what happened; the message text at the call site says where
 * and what to do.
 */
export const rules = {
  'config-invalid': 'The config file has a value Gazette cannot use.',
  'config-syntax': 'The config file is not valid JSON.',
  'encoding-invalid': 'The file is not valid text in any encoding Gazette recognises.',
  'encoding-nul': 'The file holds NUL bytes, so it is binary or corrupt.',
  'encoding-nul-removed': 'A few stray NUL bytes in text that is otherwise UTF-8 were removed.',
  'encoding-legacy': 'The file was decoded from a legacy encoding.',
  'encoding-mojibake': 'Mis-decoded characters were repaired.',
  'text-control': 'Control characters, which no reader sees and feeds cannot carry, were removed.',
  'file-unreadable': 'A file could not be read.',
  'file-outside-root': 'A symbolic link points outside the root.',
  'file-misplaced': 'A file is in a folder that does not read its kind.',
  'root-empty': 'The root holds neither seeds/ nor content/.',
  'frontmatter-language': 'Frontmatter in a language other than YAML was refused.',
  'frontmatter-unclosed': 'Frontmatter opens with "---" but never closes.',
  'frontmatter-yaml': 'The frontmatter is not valid YAML.',
  'frontmatter-not-mapping': 'The frontmatter is not a mapping of keys to values.',
  'frontmatter-field': 'A frontmatter field has a value Gazette cannot use.',
  'frontmatter-unknown-key': 'A frontmatter key is not one Gazette knows.',
  'date-invalid': 'A date does not exist on the calendar or is not ISO 8601.',
  'slug-invalid': 'A slug is not one safe path segment.',
  'path-collision': 'Two articles would be written to the same path.',
  'markdown-too-deep': 'The Markdown nests deeper than Gazette renders.',
  'seed-empty': 'A raw seed has no usable text.',
  'seed-edited': 'A seed changed, but its content file was edited by hand.',
  'seed-ingested': 'A raw seed was ingested into a content file.',
  'boilerplate-removed': 'A scraped trailer was removed.',
  'markup-removed': 'HTML tags or character references left in a raw seed were taken out.',
  'repeat-removed': 'A repeated paragraph was removed.',
  'article-skipped': 'An article was not published.',
  'article-empty': 'An article has no text.',
  'same-story': 'An article is another copy of a story already in the digest.',
  'image-missing': 'An article shows an image from beside it that is not there.',
  'template-invalid': "A root's own template cannot be loaded.",
  'cache-unwritable': 'The cache folder could not be written, so the build used a temporary one.',
  'output-unwritable': 'The output folder could not be written.',
  'build-failed': 'The build stopped on an unexpected problem.'
} as const

export type RuleId = keyof typeof rules

/**
 * A problem that stops the build and is for the person running it to fix, not a fault of
 * Gazette's: the command line prints it as a message on `path`, with no stack trace.
 */
export class BuildStopped extends Error {
  constructor(
    readonly path: string,
    readonly ruleId: RuleId,
    message: string
  ) {
    super(message)
  }
}

/** Why a file or folder could not be made or written, in words, from the error the file system gave. */
export function whyUnwritable(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException).code
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file stands where it needs a folder'
  if (code === 'EROFS') return 'the file system is read-only'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOSPC') return 'the disk is full'
  return (cause as Error).message
}

/** Where a message points: a point, or a start and end. */
export type Place = { line: number; column: number } | { start: { line: number; column: number }; end: { line: number; column: number } }

/** Options shared by the message helpers. */
export interface MessageOptions {
  readonly place?: Place | undefined
  /** A related place, such as the first copy of a removed paragraph. */
  readonly cause?: VFileMessage | Error | undefined
  readonly note?: string | undefined
}

function attach(message: VFileMessage, options: MessageOptions): VFileMessage {
  if (options.note !== undefined) message.note = options.note
  return message
}

/**
 * `file.message`, without the stack trace every Error records when it is made. Why: a message
 * points into the input, and the trace (of Gazette's own code) is never shown; recording it was
 * two thirds of the time of making a message, and a build of 10,000 articles makes tens of
 * thousands of them (each repeated paragraph removed is one).
 */
function messageOn(file: VFile, reason: string, options: { place?: Place | undefined; ruleId?: RuleId; cause?: VFileMessage | Error | undefined }): VFileMessage {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return file.message(reason, { place: options.place, ruleId: options.ruleId, source: 'gazette', cause: options.cause })
  } finally {
    Error.stackTraceLimit = limit
  }
}

/** A place a message refers to, such as the first copy of a removed paragraph: the cause of a message, not one of its own. */
export function pointer(path: string, reason: string, place: Place | undefined): VFileMessage {
  return messageOn(new VFile({ path }), reason, { place })
}

/** Record an error on a file: the build goes on collecting, and the exit code becomes 1. */
export function error(file: VFile, ruleId: RuleId, reason: string, options: MessageOptions = {}): VFileMessage {
  const message = messageOn(file, reason, { place: options.place, ruleId, cause: options.cause })
  message.fatal = true
  return attach(message, options)
}

/** Record a warning on a file: printed, but the build still succeeds. */
export function warn(file: VFile, ruleId: RuleId, reason: string, options: MessageOptions = {}): VFileMessage {
  const message = messageOn(file, reason, { place: options.place, ruleId, cause: options.cause })
  message.fatal = false
  return attach(message, options)
}

/** Record an informational message (shown with --verbose). */
export function info(file: VFile, ruleId: RuleId, reason: string, options: MessageOptions = {}): VFileMessage {
  const message = messageOn(file, reason, { place: options.place, ruleId, cause: options.cause })
  message.fatal = undefined
  return attach(message, options)
}

/** Whether any message on these files is an error. */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true))
}

function formatPlace(message: VFileMessage): string {
  const place = message.place
  if (!place) return ''
  const point = 'start' in place ? place.start : place
  return `:${point.line}:${point.column}`
}

/** Format one message as `path:line:column: severity: reason [gazette:rule]`, with its cause and note below. */
export function formatMessage(message: VFileMessage): string {
  const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
  let text = `${message.file || '<input>'}${formatPlace(message)}: ${severity}: ${message.reason} [${message.source ?? 'gazette'}:${message.ruleId ?? 'unknown'}]`
  const cause = message.cause
  if (cause && typeof cause === 'object' && 'reason' in cause) {
    const related = cause as VFileMessage
    text += `\n  ${related.file || ''}${formatPlace(related)}: ${related.reason}`
  }
  if (message.note) text += `\n  ${message.note.split('\n').join('\n  ')}`
  return text
}

/** Format every message on these files, in file order then position order, each once. */
export function formatMessages(files: readonly VFile[], options: { verbose?: boolean } = {}): string[] {
  const lines: string[] = []
  const seen = new Set<string>()
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const file of sorted) {
    for (const message of file.messages) {
      if (message.fatal === undefined && !options.verbose) continue
      const text = formatMessage(message)
      if (seen.has(text)) continue
      seen.add(text)
      lines.push(text)
    }
  }
  return lines
}
