/**
 * ISO 8601 as people write it: a day, and optionally a time with a space or "T" before it, and
 * an offset as "Z", "+02:00", "+0200" or "+02", or "UTC" or "GMT" after a space (as Hugo and
 * Jekyll write "2024-01-05 10:00:00 UTC").
 */
const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/i
/** The day at the start of a date, whatever follows it. */
const isoDay = /^(\d{4})-(\d{2})-(\d{2})(?![\d-])/

/** Calendar parts of an instant in a time zone. */
export interface ZonedParts {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** Year, month, day, hour and minute of an instant as seen in `timeZone`. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  // The common case needs no time-zone data, and Intl's formatting is slow on large sites.
  if (timeZone === 'UTC') return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate(), hour: instant.getUTCHours(), minute: instant.getUTCMinutes() }
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
    formatters.set(timeZone, formatter)
  }
  const parts: Record<string, number> = {}
  for (const part of formatter.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value)
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! }
}

/**
 * Parse an ISO 8601 date or date-time. A value without an offset is read in `timeZone`, so
 * `2024-05-01` is the first of May where the site's readers are. Returns undefined for dates
 * that do not exist on the calendar (2024-02-30, 25:00) instead of rolling them over.
 */
export function parseIsoDate(value: string, timeZone: string): Date | undefined {
  const match = isoDate.exec(value.trim())
  if (!match) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', offset] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3))
  const wall = utc(year, month - 1, day, hour, minute, second, millis)
  if (offset !== undefined) {
    if (/^(?:Z|UTC|GMT)$/i.test(offset)) return new Date(wall)
    const sign = offset.startsWith('-') ? -1 : 1
    const digits = offset.slice(1).replace(':', '')
    // "+02" is two hours: an offset's minutes may be left out.
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')
    if (minutes > 18 * 60 || Number(digits.slice(2) || '0') > 59) return undefined
    return new Date(wall - sign * minutes * 60_000)
  }
  // Wall-clock time in a zone: guess with the zone's offset at that instant, then correct once.
  let guess = wall
  for (let round = 0; round < 2; round++) {
    const seen = zonedParts(new Date(guess), timeZone)
    const seenWall = utc(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, second, millis)
    guess += wall - seenWall
  }
  return new Date(guess)
}

/**
 * The day an ISO 8601 date names when it is written without a time (`2024-01-05`), to be shown as
 * that day alone; undefined when it gives a time.
 */
export function writtenDay(value: string): string | undefined {
  const text = value.trim()
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined
}

/**
 * What is wrong with a date `parseIsoDate` cannot read: its `form` (it does not start with a day
 * as YYYY-MM-DD), its `day` (one the calendar does not have, such as 2024-02-30), or, the day
 * being fine, the `time` after it, which is given.
 */
export function dateProblem(value: string): { kind: 'form' } | { kind: 'day' } | { kind: 'time'; day: string; time: string } {
  const text = value.trim()
  const match = isoDay.exec(text)
  if (!match) return { kind: 'form' }
  const [day, y, mo, d] = match as unknown as [string, string, string, string]
  const month = Number(mo)
  if (month < 1 || month > 12 || Number(d) < 1 || Number(d) > daysInMonth(Number(y), month)) return { kind: 'day' }
  return { kind: 'time', day, time: text.slice(day.length).replace(/^[Tt ]/, '') }
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month, 0)).getUTCDate()
}

/** `Date.UTC` for any year: it reads the years 0 to 99 as 1900 to 1999. */
function utc(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number {
  const date = new Date(Date.UTC(2000, monthIndex, day, hour, minute, second, millis))
  date.setUTCFullYear(year, monthIndex, day)
  return date.getTime()
}

/** An instant as ISO 8601 in UTC without milliseconds when they are zero. */
export function formatInstant(instant: Date): string {
  return instant.toISOString().replace('.000Z', 'Z')
}
