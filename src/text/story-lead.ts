import { isKnownOutlet } from '../story/attribution.js'
import { isCommentCount, isPageChrome } from './page-chrome.js'
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
const byWord = /^(?:written\s+)?by:?\s+/iu
/** The place a byline may end with ("By Jane Doe in Brussels"). */
const bylinePlace = new RegExp(String.raw`\s+in\s+${nameWord}(?:\s+${nameWord}){0,2}$`, 'u')
/** Words that name an organisation, not a person. */
const organisationWord = /\b(?:Press|News|Agency|Service|Times|Post|Herald|Journal|Tribune|Daily|Media|Network|Radio|Television|TV|Wire|Group|Gazette|Guardian|Telegraph|Observer|Independent|Chronicle|Review|Magazine|Broadcasting|Corporation)\b/u
/** Words of a writer's role ("Staff Writer", "Political Correspondent"). */
const roleWord = /\b(?:Writer|Reporter|Correspondent|Editor|Columnist|Contributor|Staff|Producer|Analyst|Critic)s?\b/u
/** What a date line may open with ("Published:", "Updated on"). */
const datePrefix = /^(?:(?:first\s+|last\s+)?(?:(published|posted)|updated|modified)(?:\s+(?:on|at))?\s*:?\s*)?/iu
/** Parts of one line that a scrape sets side by side ("By Jane Doe | 5 January 2026 | 5 min read"). */
const partSeparator = /\s+[|·•]\s+/u

/**
 * Take the lines a scraped story opens with that are not its text, in any order: lines of the
 * page's chrome (see `isPageChrome`), a byline ("By Jane Doe, Reuters", "By Jane Doe and John
 * Smith") and a date ("Published: 3 January 2026", "Jan. 5, 2026 10:04 a.m. ET"), or all of them
 * on one line between "|". Stops at the first line that is none of these.
 */
export function takeStoryLead<T extends { readonly text: string }>(paragraphs: readonly T[], timeZone: string): StoryLead<T> {
  const chrome: T[] = []
  let byline: { names: string; agency?: string } | undefined
  let published: string | undefined
  let updated: string | undefined
  let index = 0
  for (; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index]!
    if (isPageChrome(paragraph.text) || (index > 0 && isCommentCount(paragraph.text, paragraphs[index - 1]!.text))) {
      chrome.push(paragraph)
      continue
    }
    const parts = paragraph.text.trim().split(partSeparator).map((part) => ({ part, byline: readByline(part), date: readDateLine(part, timeZone) }))
    if (!parts.every((part) => part.byline || part.date || isPageChrome(part.part))) break
    for (const part of parts) {
      byline ??= part.byline
      if (part.date?.published) published ??= part.date.date
      else if (part.date) updated ??= part.date.date
    }
  }
  const date = published ?? updated
  return {
    rest: paragraphs.slice(index),
    chrome,
    ...(byline?.names ? { byline: byline.names } : {}),
    ...(byline?.agency ? { agency: byline.agency } : {}),
    ...(date ? { date } : {})
  }
}

/**
 * The people a byline line names, and the agency after a comma: "By Jane Doe, Reuters" names
 * Jane Doe of Reuters; "By Jane Doe, John Smith" two people; "By Jane Doe, Staff Writer" one.
 * Undefined for anything else, such as "By Tuesday, the river had risen".
 */
export function readByline(line: string): { names: string; agency?: string } | undefined {
  const by = byWord.exec(line)
  if (!by || line.length > 200) return undefined
  const parts = line.slice(by[0].length).replace(bylinePlace, '').split(/\s*,\s*/u)
  const last = parts[parts.length - 1]!
  // "By Reuters", "By The Associated Press": the wire is the byline's only name.
  if (parts.length === 1 && isKnownOutlet(last)) return { names: '', agency: last.replace(/^The\s+/u, '') }
  let agency: string | undefined
  if (parts.length > 1 && roleWord.test(last)) parts.pop()
  else if (parts.length > 1 && isAgency(last)) agency = parts.pop()
  const people = parts.flatMap((part) => part.replace(/^and\s+/u, '').split(/\s+(?:and|&)\s+/u))
  if (people.length === 0 || people.length > 4 || !people.every((person) => personName.test(person))) return undefined
  return { names: parts.join(', '), ...(agency ? { agency } : {}) }
}

/** Whether a byline's last part names an organisation: one word ("Reuters"), letters ("AFP"), "The …", or words such as "Press" or "News". */
function isAgency(part: string): boolean {
  return /^\p{Lu}[\p{L}.&-]*$/u.test(part) || /^The\s+\p{Lu}/u.test(part) || organisationWord.test(part)
}

/** The date a line holds and nothing else, and whether it is when the story was published, not updated. */
function readDateLine(scraped: string, timeZone: string): { date: string; published: boolean } | undefined {
  if (scraped.length > 80) return undefined
  // A scrape glues what a page sets apart: the year to the time ("January 5, 20264:12 PM"), and
  // when it was updated to the whole date it was published ("… GMT+1Updated 2 hours ago"), which goes.
  let line = scraped.replace(/(?<=\b(?:19|20)\d\d)(?=\d{1,2}:\d\d)/u, ' ')
  const updated = /(?<=\S)[ \t]*(?:last )?updated\b/iu.exec(line)
  if (updated && /\b(?:19|20)\d\d\b/u.test(line.slice(0, updated.index))) line = line.slice(0, updated.index)
  // A whole date has its year: the check spares reading every headline with chrono.
  if (!/\b\d{4}\b/.test(line)) return undefined
  const prefix = datePrefix.exec(line)!
  let rest = line.slice(prefix[0].length)
  // A date a page shows twice, to the eye and to a screen reader, is one line once scraped: "5 Jan 20265 Jan 2026".
  if (rest.length % 2 === 0 && rest.slice(0, rest.length / 2) === rest.slice(rest.length / 2)) rest = rest.slice(0, rest.length / 2)
  const date = readWrittenDate(rest, timeZone)
  return date ? { date, published: prefix[0] === '' || prefix[1] !== undefined } : undefined
}
