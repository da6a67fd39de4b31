import { knownOutletName } from '../story/attribution.js'
import { isKnownGivenName } from '../story/entities.js'
import { isCommentCount, isLinkLine, isPageChrome, isReactionCount } from './page-chrome.js'
import { readWrittenDate } from './written-date.js'

/** What the lines a story opens with say, besides its headline and its text. */
export interface StoryLead<T> {
  /** The paragraphs from the first of the story's text on. */
  readonly rest: T[]
  /** Lines of the page's chrome, taken out. */
  readonly chrome: T[]
  /** Who wrote it, as the byline names them ("Jane Doe and John Smith"). */
  readonly byline?: string
  /** The agency a byline names after a comma ("By Jane Doe, Reuters"). */
  readonly agency?: string
  /** The date a line gives, as ISO 8601: one it was published, else one it was updated. */
  readonly date?: string
}

/** A capitalised word of a name, or an initial ("Jane", "O'Neil", "J."). */
const nameWord = String.raw`\p{Lu}[\p{L}\p{M}'’.-]*`
/** Words in lower case inside names ("Ursula von der Leyen", "Ana de la Cruz"). */
const particle = String.raw`(?:de|da|di|do|dos|du|van|von|der|den|del|della|la|le|bin|ibn|al|el|y|ter|ten)`
/** A person's name: two to four capitalised words. */
const personName = new RegExp(String.raw`^${nameWord}(?:\s+(?:${particle}\s+)*${nameWord}){1,3}$`, 'u')
/** What a byline opens with ("By", "BY", "By:", "Written by"). */
const byWord = /^(?:(?:written|reported)\s+)?by:?\s+/iu
/** What opens a byline in the site's language, by its primary subtag ("Par Jeanne Dupont", "Von Hans Müller"). */
const localByWord: Readonly<Record<string, string>> = { fr: 'par', de: 'von', es: 'por', pt: 'por', it: 'di', nl: 'door' }
const localByWords: Readonly<Record<string, RegExp>> = Object.fromEntries(Object.entries(localByWord).map(([code, word]) => [code, new RegExp(`^${word}:?\\s+`, 'iu')]))
/** What opens a byline in any of those languages. */
const anyLocalByWord = new RegExp(`^(?:${[...new Set(Object.values(localByWord))].join('|')}):?\\s+`, 'iu')
/** Who edited the story, after the names of who wrote it. */
const editedBy = /,?\s+(?:and\s+)?edited by\s+.{1,80}$/iu
/** Whom the writer wrote for, after the names ("By JANE DOE FOR MAILONLINE", "By Jane Doe for The Telegraph"). */
const writtenFor = new RegExp(String.raw`\s+(?:for|For|FOR)\s+((?:The\s+)?${nameWord}(?:\s+${nameWord}){0,3})$`, 'u')
/** The place a byline may end with ("By Jane Doe in Brussels"). */
const bylinePlace = new RegExp(String.raw`\s+in\s+${nameWord}(?:\s+${nameWord}){0,2}$`, 'u')
/** Words that name an organisation, not a person. */
const organisationWord = /\b(?:Press|News|Agency|Service|Times|Post|Herald|Journal|Tribune|Daily|Media|Network|Radio|Television|TV|Wire|Group|Gazette|Guardian|Telegraph|Observer|Independent|Chronicle|Review|Magazine|Broadcasting|Corporation)\b/u
/** Words of a writer's role ("Staff Writer", "Political Correspondent"). */
const roleWord = /\b(?:Writer|Reporter|Correspondent|Editor|Columnist|Contributor|Staff|Producer|Analyst|Critic)s?\b/u
/** A writer's role alone on its line, under their name ("Contributor", "Senior Contributor", "Forbes Staff", Sky News' "News reporter"). */
const roleLine = new RegExp(String.raw`^(?:\p{Lu}[\p{L}-]*\s+){0,3}${roleWord.source}$`, 'u')

/**
 * Whether a line is a writer's role alone (see `roleLine`), or written as the Guardian and Sky
 * News write it, in lower case after its first word (see `roleInLowerCase`), with their handle
 * after it or not ("News reporter @janedoe").
 */
function isRoleLine(line: string): boolean {
  const role = line.replace(handle, '')
  return roleLine.test(role) || (roleInLowerCase.test(role) && roleWordAnyCase.test(role.split(/\s+/u).at(-1)!))
}
/** What a writer says of themselves under their role (Forbes' "I write about energy markets."). */
const writerBlurb = /^I (?:write|cover|report|am)\b/u
/** The same in any case, as a bare byline's role after a slash is written ("News reporter"). */
const roleWordAnyCase = new RegExp(roleWord.source, 'iu')
/**
 * What a date line may open with, in English or another language chrono reads dates in
 * ("Published:", "Updated on", "Veröffentlicht am", "Stand:", "Publié le", "Mis à jour le").
 */
const datePrefix = /^(?:(?:first\s+|last\s+)?(?:(published|posted|veröffentlicht|publié|publicado|pubblicato|gepubliceerd|publicerad)|updated|modified|aktualisiert|stand|mis à jour|actualizado|atualizado|aggiornato|bijgewerkt|uppdaterad)(?:\s+(?:on|at|am|le|el|em|il|op|den))?\s*:?\s*)?/iu
/** A place after a byline's outlet ("Exeter", "Rio de Janeiro"). */
const placeName = new RegExp(String.raw`^${nameWord}(?:\s+(?:${particle}\s+)*${nameWord}){0,2}$`, 'u')
/** A social media handle after a byline's role ("@janedoe"). */
const handle = /\s+@[\w.]{1,40}$/u
/** A date, a dash, and a section's name of a few words with no sentence's stop ("Jan 5, 2026 - Politics & Policy"). */
const dateAndSection = /^(.{6,60}?\d{4}[^-–—]{0,20}?)\s+[-–—]\s+(\p{Lu}[^.!?]{0,38})$/u
/**
 * Parts of one line that a scrape sets side by side ("By Jane Doe | 5 January 2026 | 5 min read",
 * Substack's "Mar 3, 2026 ∙ Paid").
 * Why the look back: a search for it started again at each space of a long run of them and ran
 * to the run's end each time (a paragraph of 20,000 spaces took 2 s).
 */
const partSeparator = /(?<!\s)\s+[|·•∙]\s+/u
const partSeparators = new RegExp(partSeparator.source, 'gu')

/** Where the lines of a lead are read, and in what language. */
export interface StoryLeadOptions {
  /** The site's language (BCP 47): a byline may open with its word for "By" ("Par", "Von"). */
  readonly language?: string
  /** Whether the lines are right under a headline, where a byline may come without "By" (see `readBareByline`). */
  readonly underHeadline?: boolean
}

/**
 * Take the lines a scraped story opens with that are not its text, in any order: lines of the
 * page's chrome (see `isPageChrome`), a byline ("By Jane Doe, Reuters", "By Jane Doe and John
 * Smith") and a date ("Published: 3 January 2026", "Jan. 5, 2026 10:04 a.m. ET"), or all of them
 * on one line between "|". Stops at the first line that is none of these.
 */
export function takeStoryLead<T extends { readonly text: string }>(paragraphs: readonly T[], timeZone: string, options: StoryLeadOptions = {}): StoryLead<T> {
  const chrome: T[] = []
  let byline: { names: string; agency?: string } | undefined
  let published: string | undefined
  let updated: string | undefined
  // The paragraph the byline came from: an outlet alone on the line under it is the byline's ("Jane Doe", then "BBC News").
  let bylineAt = -1
  // Each line's date as a whole, read once: as the line under a name, and then as a line of the lead.
  const wholeDates = new Map<number, ReturnType<typeof readDateLine>>()
  const wholeDateAt = (at: number) => {
    if (!wholeDates.has(at)) {
      const line = paragraphs[at]!.text.trim()
      wholeDates.set(at, readDateLine(line, timeZone, options.language) ?? wholeDateLine(line, timeZone, options.language))
    }
    return wholeDates.get(at)
  }
  // The line of a writer's role under their name ("Contributor"): the line under it may be what they say of themselves.
  let roleAt = -1
  // A known outlet named alone, with no byline to be the agency of ("PTI", "Reuters").
  let outlet: string | undefined
  // Above the headline, a page's menus a link a line, with words of its own among them ("iPlayer", "Climate crisis").
  const menu = options.underHeadline ? 0 : menuLines(paragraphs)
  chrome.push(...paragraphs.slice(0, menu))
  let index = menu
  for (; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index]!
    const line = paragraph.text.trim()
    const role = bylineAt === index - 1 && line.length <= 80 && isRoleLine(line)
    if (role) roleAt = index
    if (role || isPageChrome(line) || (index > 0 && isCommentCount(line, paragraphs[index - 1]!.text)) || isReactionCount(paragraphs, index) || (roleAt === index - 1 && isWriterBlurb(line, byline?.names))) {
      chrome.push(paragraph)
      continue
    }
    const after = paragraphs.slice(index + 1, index + 4)
    // A name alone is a byline only right above the lead's date, chrome, an outlet's name or the
    // writer's role (Yahoo's "Jane Doe" over "Mon, January 5, 2026 at 10:04 AM", the BBC's over
    // "BBC News", Forbes' over "Contributor"). Over a role, the lines under it are the writer's, and
    // may name them.
    const next = paragraphs[index + 1]?.text.trim()
    const overRole = next !== undefined && next.length <= 80 && isRoleLine(next)
    const aboveLead = next !== undefined && (overRole || isPageChrome(next) || outletName(next) !== undefined || wholeDateAt(index + 1) !== undefined || isDateAndChrome(next, timeZone, options.language))
    // Right above the lead's date, a byline may open with another language's "By", as a story in that language has it ("Von Hans Müller").
    const bylineOf = (part: string): { names: string; agency?: string } | undefined => readByline(part, options.language) ?? (options.underHeadline ? (readBareByline(part, after) ?? (aboveLead ? (readByline(part, '*') ?? readLoneName(part, overRole ? [] : after)) : undefined)) : undefined)
    // An outlet's name after the byline, on its line or the line under it ("By Jane Doe | REUTERS", "Jane Doe", then "BBC News").
    let named = bylineAt === index - 1 && byline?.agency === undefined
    const whole = wholeDateAt(index)
    const parts = whole
      ? [{ part: line, byline: undefined, date: whole, outlet: undefined }]
      : line
          .split(partSeparator)
          // A blog's account name is no byline ("Posted by admin on March 3, 2026"): the date alone is read.
          .flatMap((part) => bylineAndDateApart(part)?.filter((apart) => !accountName.test(apart)) ?? [part])
          // A desk's name and a date a slash apart ("TOI News Desk / Updated: Jan 5, 2026, 10:04 IST").
          .flatMap((part) => dateAfterSlash(part, timeZone, options.language) ?? [part])
          .map((part) => {
            const read = bylineOf(part)
            const outlet = read !== undefined ? undefined : named ? outletName(part) : knownOutletName(part)
            if (read !== undefined) named = read.agency === undefined
            return { part, byline: read, date: readDateLine(part, timeZone, options.language), outlet }
          })
    if (!parts.every((part) => part.byline || part.date || part.outlet || isPageChrome(part.part) || isDeskByline(part.part))) break
    for (const part of parts) {
      if (part.byline && !byline) bylineAt = index
      byline ??= part.byline
      if (part.outlet && byline) byline = { ...byline, agency: part.outlet }
      else if (part.outlet) outlet ??= part.outlet
      if (part.date?.published) published ??= part.date.date
      else if (part.date) updated ??= part.date.date
    }
  }
  const date = published ?? updated
  const agency = byline?.agency ?? outlet
  return {
    rest: paragraphs.slice(index),
    chrome,
    ...(byline?.names ? { byline: byline.names } : {}),
    ...(agency ? { agency } : {}),
    ...(date ? { date } : {})
  }
}

/** A line short enough to be a menu's link: three words at most (see `isLinkLine`). */
const isShortLink = (line: string): boolean => isLinkLine(line, 3, 32)

/**
 * How many of the lines a scrape opens with are its page's menus: a run of five or more short
 * lines (see `isShortLink`) or lines of chrome, half of them or more chrome (`isPageChrome`:
 * "Home", "News", "Sport", "More menu"), cut after its last line of chrome, and the section's
 * name over the headline after it ("Transport"). The links among them that are no chrome ("Search
 * jobs", "iPlayer", "War in Ukraine") go with them. 0 for text that opens otherwise: a short list
 * of anything else is no menu.
 */
function menuLines(paragraphs: readonly { readonly text: string }[]): number {
  let run = 0
  let chrome = 0
  let lastChrome = -1
  for (; run < paragraphs.length && run < 200; run++) {
    const line = paragraphs[run]!.text.trim()
    const isChrome = isPageChrome(line)
    if (!isChrome && !isShortLink(line)) break
    if (isChrome) {
      chrome++
      lastChrome = run
    }
  }
  const end = lastChrome + 1
  if (end < 5 || chrome * 2 < end) return 0
  // A section's name right over a headline of more words ("Transport", then the headline); a
  // headline of two words stands over a sentence, which ends in its stop.
  const next = paragraphs[end]?.text.trim()
  const after = paragraphs[end + 1]?.text.trim()
  const kicker = next !== undefined && after !== undefined && isShortLink(next) && next.split(/\s+/u).length <= 2 && after.split(/\s+/u).length >= 4 && after.length <= 150 && !/[.!?]["'”’)]?$/u.test(after)
  return kicker ? end + 1 : end
}

/**
 * A line and the date after its last " / ", apart, when that is a date: "TOI News Desk / Updated:
 * Jan 5, 2026" is "TOI News Desk" and "Updated: Jan 5, 2026". Undefined for any other line.
 */
function dateAfterSlash(line: string, timeZone: string, language: string | undefined): [string, string] | undefined {
  const slash = line.lastIndexOf(' / ')
  if (slash <= 0 || line.length - slash > 83) return undefined
  const after = line.slice(slash + 3).trim()
  return readDateLine(after, timeZone, language) === undefined ? undefined : [line.slice(0, slash).trim(), after]
}

/** A desk's, a bureau's or the wires' byline (see `isDeskByline`). */
const deskByline = /^(?:by\s+)?(?:(?:(?:our|the)\s+)?(?:\p{Lu}[\p{L}.&'’-]*\s+){0,3}(?:news\s+)?(?:desk|bureau|news service|online|correspondent|staff reporter|newsroom|web team|news team)|(?:news )?agencies|[\p{L}\d-]{2,30}\.(?:com|co\.uk|co\.in|in|pk|net|org|news))$/iu

/**
 * Whether a line is a byline that names a desk, a bureau or the wires, and no person: "TOI News
 * Desk", "By Web Desk", "Express News Service", "ET Online", "HT Correspondent", "Our Bureau",
 * "Agencies", "By Dawn.com". It is the page's, not the story's: it gives no byline and no source.
 */
function isDeskByline(line: string): boolean {
  return line.length <= 60 && deskByline.test(line.trim())
}

/** Whether a line's parts are a date and the page's chrome, and nothing else ("Mar 3, 2026 ∙ Paid"). */
function isDateAndChrome(line: string, timeZone: string, language: string | undefined): boolean {
  const parts = line.split(partSeparator)
  if (parts.length < 2 || parts.length > 4) return false
  const dates = parts.filter((part) => !isPageChrome(part))
  return dates.length === 1 && readDateLine(dates[0]!, timeZone, language) !== undefined
}

/**
 * The date a line holds and nothing else, with a word that says what the date is ("Published:
 * January 5, 2026", "First published on Mon 5 Jan 2026 10.04 GMT", "Updated 6 January 2026"),
 * as ISO 8601; undefined for any other line, and for a date alone ("5 January 2026"), which a
 * story may end with as its own.
 */
export function readLabelledDate(line: string, timeZone: string, language?: string): string | undefined {
  const text = line.trim()
  if (datePrefix.exec(text)![0] === '') return undefined
  return readDateLine(text, timeZone, language)?.date
}

/**
 * The date a lead's line holds whole, where its parts would be read apart otherwise: a date and its
 * time a dot apart ("January 5, 2026 · 5:00 AM ET"), or a date with the section it was filed in
 * after a dash ("Jan 5, 2026 - Politics & Policy", as Axios gives it).
 */
function wholeDateLine(line: string, timeZone: string, language: string | undefined): ReturnType<typeof readDateLine> {
  if (partSeparator.test(line)) return readDateLine(line.replace(partSeparators, ' '), timeZone, language)
  const sectioned = dateAndSection.exec(line)
  return sectioned ? readDateLine(sectioned[1]!, timeZone, language) : undefined
}

/** A byline and then a date in words ("Posted by Sam Lee on March 3, 2026"), or a date and then a byline ("Posted on March 3, 2026 by Sam Lee"). */
const bylineThenDate = /^(?:(?:posted|published|written)\s+)?(by\s+.+?)\s+on\s+(.+)$/iu
const dateThenByline = /^((?:posted|published)\s+on\s+.+?)\s+(by\s+.+)$/iu
/** "By" and a blog's account name, one word in lower case, digits or signs ("by admin", "by jdoe_88"). */
const accountName = /^by\s+[\p{Ll}\d._-]{1,30}$/u

/**
 * A byline and a date a blog writes as one sentence, apart: "Posted by Sam Lee on March 3, 2026"
 * is "by Sam Lee" and "March 3, 2026". Undefined for a line of another shape; whether each part is
 * a byline and a date is for the caller to read.
 */
function bylineAndDateApart(line: string): [string, string] | undefined {
  // Such a sentence is short; the patterns' search grew with the square of a longer line's spaces.
  if (line.length > 200) return undefined
  const byFirst = bylineThenDate.exec(line)
  if (byFirst) return [byFirst[1]!, byFirst[2]!]
  const dateFirst = dateThenByline.exec(line)
  return dateFirst ? [dateFirst[1]!, dateFirst[2]!] : undefined
}

/**
 * The people a byline line names, and the agency after a comma: "By Jane Doe, Reuters" names
 * Jane Doe of Reuters; "By Jane Doe, John Smith" two people; "By Jane Doe, Staff Writer" one;
 * "By Chad Pergram Fox News" Chad Pergram of Fox News; "By JANE DOE FOR MAILONLINE" Jane Doe. In
 * a site in French, German, Spanish, Portuguese, Italian or Dutch, "By" may be the language's
 * own ("Par Jeanne Dupont"), and with `language` "*", any of theirs. A desk's byline ("By Web
 * Desk", see `isDeskByline`) names no one. Undefined for anything else, such as "By Tuesday, the
 * river had risen".
 */
export function readByline(line: string, language = 'en'): { names: string; agency?: string } | undefined {
  const by = byWord.exec(line) ?? (language === '*' ? anyLocalByWord.exec(line) : localByWords[language.slice(0, 2).toLowerCase()]?.exec(line))
  if (!by || line.length > 200) return undefined
  // "By Web Desk", "By Agencies": a byline of no one.
  if (isDeskByline(line)) return { names: '' }
  // Who edited it follows on some pages ("Reported by Jane Doe, Edited by John Smith").
  let named = line.slice(by[0].length).replace(editedBy, '').replace(bylinePlace, '')
  // Names in capitals join with "AND" ("BY JANE DOE AND JOHN SMITH").
  named = named.replace(/(?<=\p{Lu})\s+AND\s+(?=\p{Lu})/gu, ' and ')
  let agency: string | undefined
  const wroteFor = writtenFor.exec(named)
  if (wroteFor) {
    named = named.slice(0, wroteFor.index)
    // An outlet in capitals ("MAILONLINE") is no name to show: only a known one's is.
    agency = knownOutletName(wroteFor[1]!) ?? (/\p{Ll}/u.test(wroteFor[1]!) && organisationWord.test(wroteFor[1]!) ? wroteFor[1] : undefined)
  }
  const parts = named.split(/\s*,\s*/u)
  const last = parts[parts.length - 1]!
  // "By Reuters", "By The Associated Press", "By Fox News": the outlet is the byline's only name.
  if (parts.length === 1 && !wroteFor) {
    const outlet = outletName(last)
    if (outlet !== undefined) return { names: '', agency: outlet }
  }
  // "By Jane Doe, Staff Writer", or a description of the writer ("By Jane Doe, a senior reporter covering climate").
  if (parts.length > 1 && (roleWord.test(last) || (/^(?:a|an|the)\s/u.test(last) && roleWordAnyCase.test(last)))) parts.pop()
  else if (parts.length > 1 && isAgency(last)) agency = knownOutletName(parts.pop()!) ?? last
  else {
    // "By Chad Pergram Fox News": an outlet of two words, the last an organisation's, glued to the names.
    const glued = /\s+((?:The\s+)?\S+\s+\S+)$/u.exec(last)
    if (glued && last.slice(0, glued.index).trim().split(/\s+/u).length >= 2 && isOutletOfTwoWords(glued[1]!)) {
      parts[parts.length - 1] = last.slice(0, glued.index)
      agency = glued[1]
    }
  }
  const people = parts.flatMap((part) => part.replace(/^and\s+/u, '').split(/\s+(?:and|&)\s+/u))
  if (people.length === 0 || people.length > 4 || !people.every((person) => personName.test(person) && !endsInOrganisation(person))) return undefined
  const names = parts.join(', ')
  // A byline in capitals ("JANE DOE") is shown as the names are written elsewhere: "Jane Doe".
  return { names: /\p{Ll}/u.test(names.replaceAll(' and ', ' ')) ? names : titleCase(names), ...(agency ? { agency } : {}) }
}

/**
 * The people a saved page's byline names, as its byline element or meta tag gives them, with or
 * without "By": "By Jane Doe, Reuters" and "JANE DOE" name Jane Doe, "Jane Doe | Updated January
 * 5, 2026" Jane Doe, "Pippa Crerar Political editor" Pippa Crerar. The first part between bars
 * or dots that reads as a byline is read (see `readByline` and `readBareByline`); undefined when
 * none does.
 */
export function readPageByline(text: string, language = 'en'): { names: string; agency?: string } | undefined {
  if (text.length > 300) return undefined
  for (const part of text.trim().split(partSeparator)) {
    const read = readByline(part, language) ?? readByline(`By ${part}`, language) ?? readBareByline(part)
    if (read) return read
  }
  return undefined
}

/**
 * A byline without "By", as a scrape gives it right under a headline: "Jane Doe in Brussels",
 * "Jane Doe / BBC News, Exeter", "Jane Doe & John Roe / BBC News", "Jane Doe / News reporter
 * @janedoe". A name alone reads as a short headline does, so only a name with an outlet or a role
 * after " / ", a person's name and their role ("Pippa Crerar Political editor", see `nameAndRole`),
 * or a person's name (its first word a first name) in a place that the story's
 * first paragraphs (`after`) do not name again, is one: "Taylor Swift in Tokyo" over a story
 * about Swift is a standfirst.
 */
export function readBareByline(line: string, after: readonly { readonly text: string }[] = []): { names: string; agency?: string } | undefined {
  if (line.length > 200) return undefined
  const slash = line.indexOf(' / ')
  if (slash > 0) {
    const people = line.slice(0, slash).trim().split(/\s*(?:,|&|\band\b)\s*/u)
    if (people.length > 4 || !people.every((person) => personName.test(person) && !endsInOrganisation(person))) return undefined
    const [said, ...places] = line.slice(slash + 3).replace(handle, '').split(/\s*,\s*/u)
    if (!said || !places.every((place) => placeName.test(place))) return undefined
    const role = roleWordAnyCase.test(said) && /^[\p{L} -]+$/u.test(said)
    const outlet = !role && (knownOutletName(said) !== undefined || (organisationWord.test(said) && /^(?:The\s+)?\p{Lu}[\p{L}.&-]*(?:\s+\p{Lu}[\p{L}.&-]*){0,3}$/u.test(said)))
    if (!role && !outlet) return undefined
    return { names: line.slice(0, slash).trim(), ...(outlet ? { agency: knownOutletName(said) ?? said } : {}) }
  }
  const role = nameAndRole(line)
  if (role !== undefined) return { names: role }
  const inPlace = bylinePlace.exec(line)
  if (!inPlace) return undefined
  const name = line.slice(0, inPlace.index)
  if (!personName.test(name) || endsInOrganisation(name) || name.split(/\s+/u).length > 3) return undefined
  // Why compromise's lexicon: its first names tell "Jane Doe" from "Talks Fail" and "Storm Henk".
  if (!isKnownGivenName(name.split(/\s+/u)[0]!)) return undefined
  const surname = name.split(/\s+/u).pop()!
  if (after.some((paragraph) => paragraph.text.includes(surname))) return undefined
  return { names: name }
}

/** A writer's role as the Guardian sets it after their name: its first word capitalised, the rest in lower case ("Political editor", "Chief political correspondent"). */
const roleInLowerCase = /^\p{Lu}\p{Ll}+(?:\s+\p{Ll}+){0,3}$/u

/**
 * The name of a line that is a person's name and their role, as the Guardian sets them under a
 * headline ("Pippa Crerar Political editor", "Jane Doe Transport correspondent"); undefined for
 * any other line. The role's last word is a writer's ("editor", "correspondent"), so the name
 * needs no first name Gazette knows.
 */
function nameAndRole(line: string): string | undefined {
  const words = line.trim().split(/\s+/u)
  if (words.length > 7 || !roleWordAnyCase.test(words.at(-1)!)) return undefined
  for (let count = 2; count < words.length && count <= 5; count++) {
    const name = words.slice(0, count).join(' ')
    if (roleInLowerCase.test(words.slice(count).join(' ')) && personName.test(name) && !endsInOrganisation(name) && !/^The\s/u.test(name)) return name
  }
  return undefined
}

/**
 * A person's name alone (its first word a first name compromise knows, two or three words), when
 * the story's first paragraphs (`after`) do not name them again: a byline, where the caller has
 * seen a date or the page's chrome under it. "Taylor Swift" over a story about Swift stays.
 */
function readLoneName(line: string, after: readonly { readonly text: string }[]): { names: string } | undefined {
  const name = line.trim()
  const words = name.split(/\s+/u)
  if (words.length > 3 || !personName.test(name) || endsInOrganisation(name) || !isKnownGivenName(words[0]!)) return undefined
  if (after.some((paragraph) => paragraph.text.includes(words.at(-1)!))) return undefined
  return { names: name }
}

/**
 * The outlet a line names and nothing else, as Gazette writes it: one Gazette knows, in capitals
 * or not ("REUTERS" is "Reuters", "BBC News"), or two capitalised words, the last an
 * organisation's ("The Harbour Herald" is "Harbour Herald"). Undefined for any other line.
 */
function outletName(line: string): string | undefined {
  if (line.length > 60) return undefined
  return knownOutletName(line) ?? (isOutletOfTwoWords(line) ? line.replace(/^The\s+/u, '') : undefined)
}

/**
 * Whether a line under a writer's role is what they say of themselves, as Forbes shows it: "I
 * write about energy markets.", or a sentence that opens with their name ("Jane Doe is a reporter
 * covering …").
 */
function isWriterBlurb(line: string, names: string | undefined): boolean {
  return line.length <= 300 && (writerBlurb.test(line) || (names !== undefined && names !== '' && line.startsWith(`${names} is `)))
}

/** Whether words are an outlet's name of two capitalised words, the last an organisation's ("Fox News", "The Washington Post"). */
function isOutletOfTwoWords(words: string): boolean {
  return /^(?:The\s+)?\p{Lu}\S*\s+\p{Lu}\S*$/u.test(words) && endsInOrganisation(words)
}

/** Whether a name's last word is an organisation's ("Chad Pergram Fox News"): no person's name. */
function endsInOrganisation(name: string): boolean {
  return organisationWord.test(name.split(/\s+/u).pop()!)
}

/** A name in capitals in the case names are written in ("JANE DOE" is "Jane Doe", "JEAN-LUC O'NEIL" "Jean-Luc O'Neil"). */
function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())
    .replace(lowerCaseWords, (word) => word.toLowerCase())
}

/**
 * The words inside a name that stay in lower case when it is written from capitals ("Ursula von
 * der Leyen", "Jane Doe and John Smith"). Not "le" or "la", which many names capitalise ("Le Pen").
 */
const lowerCaseWords = /(?<=\s)(?:and|von|van|der|den|de|da|del|della|dos|bin|ibn)(?=\s)/giu

/** Whether a byline's last part names an organisation: one word ("Reuters"), letters ("AFP"), "The …", or words such as "Press" or "News". */
function isAgency(part: string): boolean {
  return /^\p{Lu}[\p{L}.&-]*$/u.test(part) || /^The\s+\p{Lu}/u.test(part) || organisationWord.test(part)
}

/** The date a line holds and nothing else, and whether it is when the story was published, not updated. */
function readDateLine(scraped: string, timeZone: string, language = 'en'): { date: string; published: boolean } | undefined {
  if (scraped.length > 80) return undefined
  // A scrape glues what a page sets apart: the year to the time ("January 5, 20264:12 PM"), and
  // when it was updated to the whole date it was published ("… GMT+1Updated 2 hours ago"), which
  // goes, as does the country whose time it is (Sky News' "Monday 5 January 2026 10:04, UK").
  let line = scraped.replace(/(?<=\b(?:19|20)\d\d)(?=\d{1,2}:\d\d)/u, ' ').replace(/,\s*(?:UK|US)$/u, '')
  const updated = /(?<=\S)[ \t]*(?:last )?updated\b/iu.exec(line)
  if (updated && /\b(?:19|20)\d\d\b/u.test(line.slice(0, updated.index))) line = line.slice(0, updated.index)
  // A whole date has its year: the check spares reading every headline with chrono.
  if (!/\b\d{4}\b/.test(line)) return undefined
  const prefix = datePrefix.exec(line)!
  let rest = line.slice(prefix[0].length)
  // A date a page shows twice, to the eye and to a screen reader, is one line once scraped: "5 Jan 20265 Jan 2026".
  if (rest.length % 2 === 0 && rest.slice(0, rest.length / 2) === rest.slice(rest.length / 2)) rest = rest.slice(0, rest.length / 2)
  const date = readWrittenDate(rest, timeZone, language)
  return date ? { date, published: prefix[0] === '' || prefix[1] !== undefined } : undefined
}
