import type { Chrono } from 'chrono-node'
import { strict as english } from 'chrono-node/en'
import { createRequire } from 'node:module'
import { parseIsoDate } from './dates.js'

const require = createRequire(import.meta.url)
/** Languages chrono reads dates in besides English, by their primary subtags. */
const chronoLanguages = new Set(['de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'fi', 'ru', 'uk', 'ja', 'zh'])
const languageParsers = new Map<string, Chrono>()

/**
 * chrono's strict parser for a site's language ("de": "5. Januar 2026, 10.32 Uhr"), loaded the
 * first time a date in that language is read; undefined for English and for languages chrono
 * does not read. Why load it then: loading chrono's seven languages of Europe took 70–100 ms, in
 * every thread that reads seeds, for sites that are mostly in one language, English.
 */
function parserFor(language: string): Chrono | undefined {
  const primary = language.slice(0, 2).toLowerCase()
  if (!chronoLanguages.has(primary)) return undefined
  let parser = languageParsers.get(primary)
  if (!parser) languageParsers.set(primary, (parser = (require(`chrono-node/${primary}`) as { strict: Chrono }).strict))
  return parser
}

/**
 * A date as people and scrapers write it ("2026-01-05", "5 January 2026", "Jan. 5, 2026 10:04
 * a.m. ET", "Mon, 05 Jan 2026 10:00:00 GMT"), as the ISO 8601 text the rest of Gazette reads:
 * with an offset when the text names a zone, as wall-clock time in the site's zone when it does
 * not, and a bare date when it gives no time. Undefined for anything that is not one whole date
 * with its year: relative dates ("3 hours ago"), weekdays alone, days that do not exist, and
 * "05/01/2026", which is the 5th of January or the 1st of May depending on the writer, unless a
 * time in an American zone follows it ("01/05/2026 10:04 AM EST", as Politico writes it), which
 * says the month comes first, as chrono reads it. A date
 * with dots is read day first where that is certain (see `readDottedDate`). In a site whose
 * `language` chrono reads ("de", "fr", "es" …), a date in that language is read too ("5. Januar
 * 2026", "5 janvier 2026 à 10h32"); in a site in any language, a date whose month is named in
 * one of those languages is read in it (see `readInItsLanguage`).
 */
export function readWrittenDate(value: string, timeZone: string, language = 'en'): string | undefined {
  const text = value.trim()
  // No date is written in more: a longer value is not read through (chrono took 0.7 s on 120 kB).
  if (text.length > 200) return undefined
  if (parseIsoDate(text, timeZone)) return text
  const dotted = readDottedDate(text, timeZone, language)
  if (dotted !== null) return dotted
  const ambiguous = /^(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}\b/.exec(text)
  if (ambiguous && Number(ambiguous[1]) <= 12 && Number(ambiguous[2]) <= 12 && ambiguous[1] !== ambiguous[2] && !americanTime.test(text)) return undefined
  // The date must be most of what was written: "Section 5, 2026 report" is not a date.
  const most = text.replace(/^(?:on|at|am|le|el|il|em|op|den)\s+/iu, '').length * 0.8
  const read = (parser: Chrono) => parser.parse(text, { instant: new Date(0), timezone: 'UTC' }).find((found) => /\b\d{4}\b/.test(found.text) && found.text.length >= most)
  const local = parserFor(language)
  const result = (local && read(local)) ?? read(english) ?? readInItsLanguage(text, language, read)
  if (!result) return undefined
  const start = result.start
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = `${start.get('year')}-${pad(start.get('month')!)}-${pad(start.get('day')!)}`
  if (!start.isCertain('hour')) return parseIsoDate(day, timeZone) ? day : undefined
  const wall = `${day}T${pad(start.get('hour')!)}:${pad(start.get('minute') ?? 0)}:${pad(start.get('second') ?? 0)}`
  if (!start.isCertain('timezoneOffset')) return wall
  const offset = start.get('timezoneOffset')!
  const sign = offset < 0 ? '-' : '+'
  return `${wall}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
}

/**
 * The months' names in the languages chrono reads besides English, as a date writes them, with
 * the names English shares left out ("April", "August"). Why: a story in one of these languages,
 * in a site in another, dates itself in its own words ("5. Januar 2026" in a site in English).
 */
const monthNames: Readonly<Record<string, string>> = {
  de: 'januar jänner februar feber märz mai juni juli oktober dezember',
  fr: 'janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre',
  es: 'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre',
  it: 'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
  pt: 'janeiro fevereiro março marco abril maio junho julho agosto setembro outubro novembro dezembro',
  nl: 'januari februari maart mei juni juli augustus oktober',
  sv: 'januari februari mars maj juni juli augusti oktober',
  fi: 'tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta',
  ru: 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря',
  uk: 'січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня'
}
/** The languages each month's name is written in (see `monthNames`). */
const languagesOfMonth = new Map<string, string[]>()
for (const [code, names] of Object.entries(monthNames)) {
  for (const name of names.split(' ')) languagesOfMonth.set(name, [...(languagesOfMonth.get(name) ?? []), code])
}

/**
 * What chrono reads of a date in the language its month's name is written in, when that is not
 * the site's ("5. Januar 2026", "5 janvier 2026", "2026年1月5日"); undefined when no word of the
 * text names a month so, or no such language reads it.
 */
function readInItsLanguage<T>(text: string, siteLanguage: string, read: (parser: Chrono) => T | undefined): T | undefined {
  const site = siteLanguage.slice(0, 2).toLowerCase()
  const languages = new Set<string>()
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) for (const code of languagesOfMonth.get(word) ?? []) languages.add(code)
  if (/\d\s*年\s*\d{1,2}\s*月/u.test(text)) languages.add('ja').add('zh')
  for (const code of languages) {
    const parser = code === site ? undefined : parserFor(code)
    const found = parser && read(parser)
    if (found) return found
  }
  return undefined
}

/** A time in an American zone after a date ("10:04 AM EST", "4:12 p.m. ET"). */
const americanTime = /\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?\s*)?[ECMP][SD]?T$/iu

/** Languages whose writers put the day first in a date of numbers ("05.01.2026" is 5 January). */
const dayFirstLanguages = new Set(['bg', 'cs', 'da', 'de', 'el', 'es', 'et', 'fi', 'fr', 'hr', 'is', 'it', 'nb', 'nl', 'nn', 'no', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'tr', 'uk'])

/** A date of numbers with dots and, maybe, its time: "05.01.2026", "05.01.2026, 10.32 Uhr", "05.01.2026 10:32". */
const dottedDate = /^(\d{1,2})\.(\d{1,2})\.(\d{4}),?(?:\s+(?:um\s+)?(\d{1,2})[.:](\d{2})(?:\s*(Uhr))?)?$/u

/**
 * A date of numbers with dots, day first, as `readWrittenDate` gives dates: "05.01.2026, 10.32
 * Uhr" (Spiegel) is 5 January 2026, 10:32. Day first is certain with "Uhr", which only German
 * writes, or in a site whose language writes dates so (`language`, such as "de" or "fr"); else
 * "05.01.2026" stays unread, as "05/01/2026" always does. Undefined for a day or time that does
 * not exist; null for text of another shape, for `readWrittenDate` to read on.
 */
export function readDottedDate(text: string, timeZone: string, language: string): string | undefined | null {
  const dotted = dottedDate.exec(text)
  if (!dotted) return null
  const [, day, month, year, hour, minute, uhr] = dotted
  if (uhr === undefined && !dayFirstLanguages.has(language.slice(0, 2).toLowerCase())) return null
  const pad = (n: string) => n.padStart(2, '0')
  const date = `${year}-${pad(month!)}-${pad(day!)}`
  const written = hour === undefined ? date : `${date}T${pad(hour)}:${minute}:00`
  return parseIsoDate(written, timeZone) ? written : undefined
}
