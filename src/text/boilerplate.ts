import { isKnownOutlet, knownOutletName } from '../story/attribution.js'
import { bylineNames } from './byline.js'
import { isCommentCount, isLinkLine, isPageChrome, isPictureCaption, strayLines } from './page-chrome.js'

/** What stripping found: the paragraphs left and the trailers taken out. */
export interface BoilerplateResult<T> {
  readonly paragraphs: T[]
  readonly removed: string[]
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Remove scraped trailers and junk: a paragraph that is only a trailer (in any case, with or
 * without closing punctuation) or a line of a scrape's known shapes, a trailer glued to the end
 * of any paragraph, and what ends a scraped story (a copyright line, wire credits) at its end. A
 * glued trailer is matched in its exact case or in capitals, and only after sentence punctuation
 * or with no space at all, so "… if you want to read more" stays whole. With the story's
 * `byline`, a note on its writer at its end goes too (see `isWriterNote`).
 */
export function stripBoilerplate<T extends { text: string }>(paragraphs: readonly T[], trailers: readonly string[], byline?: string): BoilerplateResult<T> {
  const removed: string[] = []
  const whole = new Set(trailers.map((trailer) => foldTrailer(trailer)))
  const glued = gluedTrailer(trailers)
  const kept: T[] = []
  // Under a related-stories heading alone on its line, the headlines it links to, a line each.
  let underRelated = false
  const blockEnds = insetBlockEnds(paragraphs)
  // The last paragraph of the block of `insetBlocks` being read, -1 outside one.
  let blockUntil = -1
  for (const [index, paragraph] of paragraphs.entries()) {
    // Each copy of a repeated body carries its own glued trailer, so every paragraph loses it.
    let text = paragraph.text
    for (let match = gluedAtEnd(glued, text); match && match.index > 0; match = gluedAtEnd(glued, text)) {
      removed.push(match[1]!)
      text = text.slice(0, match.index).trimEnd()
    }
    const line = text.trim()
    underRelated &&= isLinkedHeadline(line)
    if (blockUntil < index && blockEnds[index] !== undefined) blockUntil = blockEnds[index]
    if (index <= blockUntil || whole.has(foldTrailer(text)) || (line.length <= 300 && whole.has(foldTrailer(bareTrailer(line)))) || isJunkLine(line) || underRelated || (index > 0 && isCommentCount(line, paragraphs[index - 1]!.text))) {
      removed.push(line)
      underRelated ||= relatedHeading.exec(line)?.[0].length === finalMarksStart(line)
    } else kept.push(text === paragraph.text ? paragraph : { ...paragraph, text })
  }
  // What follows the story: a copyright line, wire credits, where the story first appeared, an
  // end mark ("###", "-30-"); and a section break with nothing left to part, at either end.
  // Full names only, in lower case: a note opens with one ("Jane Doe is a reporter …").
  const writers = byline === undefined ? [] : bylineNames(byline).map((name) => name.toLowerCase()).filter((name) => name.includes(' '))
  // A blog's card of its writer under the post (Medium's "Written by Jane Doe", followers, a line about them, "Follow").
  const card = writerCardAt(kept)
  if (card !== undefined) removed.push(...kept.splice(card).map((paragraph) => paragraph.text.trim()))
  const popEnds = () => {
    while (kept.length > 1 && (endsStory(kept[kept.length - 1]!.text.trim()) || isWriterNote(kept[kept.length - 1]!.text.trim(), writers))) removed.push(kept.pop()!.text.trim())
  }
  popEnds()
  // A page's footer copied whole, a link a line, and what ends the story above it.
  const footer = footerLinksAt(kept)
  if (footer !== undefined) {
    removed.push(...kept.splice(footer).map((paragraph) => paragraph.text.trim()))
    popEnds()
  }
  while (kept.length > 1 && isSectionBreak(kept[0]!.text)) removed.push(kept.shift()!.text.trim())
  return { paragraphs: kept, removed }
}

/**
 * Blocks a page sets inside a story, each known by the line that opens it and the line that ends
 * it, at most `span` paragraphs apart (both lines with them): a Guardian newsletter's promotion,
 * from "Sign up to This is Europe" (or the skip link over it) to "after newsletter promotion",
 * its pitch, "Free weekly newsletter" and privacy notice between; and Al Jazeera's list of
 * stories to read next, from "Keep reading list of 4 items" to "end of list", "list 1 of 4" and a
 * headline for each between.
 */
const insetBlocks = [
  { opens: /^(?:skip past newsletter promotion|sign up to [^.!?]{1,80})$/iu, ends: /^after newsletter promotion$/iu, span: 10 },
  { opens: /^keep reading(?: list of \d{1,2} items)?$/iu, ends: /^end of list$/iu, span: 30 }
]

/**
 * Where each block of `insetBlocks` ends, by the paragraph it opens at. A line that opens one
 * with no end close enough after it is left to the other shapes. One pass from the end for each
 * kind of block, so a story of many paragraphs is read in linear time.
 */
function insetBlockEnds(paragraphs: readonly { text: string }[]): Array<number | undefined> {
  const ends: Array<number | undefined> = new Array(paragraphs.length)
  for (const block of insetBlocks) {
    let nextEnd: number | undefined
    for (let index = paragraphs.length - 1; index >= 0; index--) {
      const line = paragraphs[index]!.text.trim()
      if (line.length > 100) continue
      if (block.ends.test(line)) nextEnd = index
      else if (nextEnd !== undefined && nextEnd - index < block.span && block.opens.test(line)) ends[index] = Math.max(ends[index] ?? -1, nextEnd)
    }
  }
  return ends
}

/** A pattern for any of the trailers at the end of a paragraph, glued to it, and its longest spelling; undefined for none. */
function gluedTrailer(trailers: readonly string[]): { pattern: RegExp; longest: number } | undefined {
  if (trailers.length === 0) return undefined
  const spellings = new Set(trailers.flatMap((trailer) => [trailer, trailer.toUpperCase()]).map((trailer) => trailer.replace(/[:.]$/, '')))
  const sorted = [...spellings].sort((a, b) => b.length - a.length)
  return { pattern: new RegExp(`(?:(?<=[\\p{Ll}\\p{N}.!?"'”’)\\]])|(?<=[.!?"'”’)]\\s+))(${sorted.map(escapeRegExp).join('|')})${finalMarks.source}*$`, 'gu'), longest: sorted[0]!.length }
}

/**
 * The trailer glued to the end of a text, as `glued.pattern` finds it searched from the start.
 * Why not from the start: a trailer found there ends in the marks the text ends with, so it
 * starts at most its length before them, and a paragraph of 20,000 trailers, searched from its
 * start for each, took 40 s. (The lookbehind still sees the text before.)
 */
function gluedAtEnd(glued: { pattern: RegExp; longest: number } | undefined, text: string): RegExpExecArray | null {
  if (!glued) return null
  glued.pattern.lastIndex = Math.max(0, finalMarksStart(text) - glued.longest)
  return glued.pattern.exec(text)
}

/** A character a trailer may be followed by, and a heading or a trailer compared without. */
const finalMarks = /[\s:.…»›→]/u

/**
 * Where the run of `finalMarks` a text ends with starts (its length when it ends with none). By
 * hand: `/[\s:.…»›→]+$/` tried a run of them from each of its characters, and a paragraph of
 * 80,000 dots took 35 s.
 */
function finalMarksStart(text: string): number {
  let start = text.length
  while (start > 0 && finalMarks.test(text[start - 1]!)) start--
  return start
}

/**
 * Lines a scrape carries besides the listed trailers, known by their shape wherever they stand,
 * each short and matched whole: a photo credit ("Photo: AP"), a related story's link ("Related:
 * Floods hit northern Italy", "Read more: …", "Lire aussi : …"), a newsletter's sign-up with the
 * sentence that sells it ("Sign up for CNN's Wonder Theory science newsletter. Explore …", "Get
 * our free View from Westminster email …", "Sign up here.", the Guardian's "after newsletter
 * promotion" and its privacy notice), a tip line ("Have a news tip? …"), a plea for
 * money ("Support independent journalism. Donate now."), a print edition's note ("A version of
 * this article appears in print on …"), a link to click, a call to follow the site, a cookie banner (one that asks for consent or speaks of
 * "your experience"), an ad slot ("- Advertisement -", "AdChoices"), and the widgets of a page
 * ("Loading...", "Like this:").
 */
const junkLines = [
  /^(?:photo|image|picture|video|graphic|illustration)s?(?:\s+credit)?\s*[:|]\s*\S.{0,60}$/iu,
  /^(?:related|read also|see also|also read|read more|read next|more on this story|see more on|recommended|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|leer también|lea también|leia também|leggi anche|читайте также|смотрите также|اقرأ أيضاً?)(?:\s+(?:stories|story|articles|article|coverage|content|reading))?\s*[:|»›→]\s*\S.{0,100}$/iu,
  /^(?:sign up|subscribe)\b.{0,60}\bnewsletters?\b(?:.{0,30}|[.:!]\s.{0,250})$/iu,
  /^get our free\b[^.,;!?]{1,60}\b(?:email|newsletter|briefing)\b.{0,200}$/iu,
  /^sign up here\.?$/iu,
  // A sign-up form's pitch and the consent under it ("Sign up to get the latest news delivered to your inbox", "By signing up, you agree to our Terms of Use").
  /^sign up\b.{0,100}\binbox\b.{0,60}$/iu,
  /^by (?:signing up|subscribing|clicking|submitting|registering)\b.{0,60}\byou (?:agree|accept|consent|acknowledge)\b.{0,200}$/iu,
  /^have a news tip\?.{0,200}$/iu,
  /^support (?:independent|our|quality|local) journalism[.!]?(?:\s+(?:donate|subscribe|contribute|give)\b.{0,60})?$/iu,
  /^a version of this article appears in print on\b.{0,300}$/iu,
  /^(?:(?:skip past|after) newsletter promotion|privacy notice: newsletters may contain\b.{0,400})$/iu,
  /^click (?:here|to)\b.{0,100}$/iu,
  /^(?:follow|like|join|find|connect with) (?:us|@\S+|our (?:\S+ ){0,2}(?:channel|page|group|community|account)s?)\b.{0,80}$/iu,
  /^(?:we|this (?:web)?site|our (?:web)?site) (?:uses?|is using) cookies\b(?=.*\b(?:accept|agree|consent|privacy|learn more|got it|settings|preferences|experience|browsing|continuing)\b).{0,300}$/iu,
  // An ad slot's label, or its labels run together (Reuters' "Advertisement · Scroll to continue").
  /^[\p{P}\p{S}\s]*(?:(?:advertisement|advertising|adchoices|ad choices|sponsored(?: content)?|scroll to continue(?: with content)?)[\p{P}\p{S}\s]*)+$/iu,
  /^(?:like )?loading\s*(?:\.{3}|…)?$/iu,
  /^like this:?$/iu,
  // A call to subscribe or get the site's app, and a paywall's words ("Already a subscriber? Log in").
  /^subscribe to (?:our|the) (?:\S+ ){0,3}(?:channel|podcast|newsletter|feed)\b.{0,80}$/iu,
  /^(?:(?:download|get|install) (?:our |the )?(?:free )?(?:\S+ )?app(?:\s+(?:for|to|and|now|today)\b.{0,60})?\.?|open in (?:the )?app)$/iu,
  /^(?:already (?:a subscriber|have an account)\?\s*(?:log ?in|sign ?in)(?: here)?\.?|sign up for free\.?|subscribe now\.?|enjoy unlimited access\b.{0,80}|(?:don't|do not) miss out\b.{0,100}\bsubscribe\b.{0,40})$/iu,
  // An embed the scrape could not show, and a player's button.
  /^(?:this (?:content|video|media|audio) is (?:not|no longer) available\b.{0,80}|watch(?: it)? live)$/iu,
  // An ad's script the scrape kept as text ("(adsbygoogle = window.adsbygoogle || []).push({});", "googletag.cmd.push(…)").
  /^\(?(?:adsbygoogle|googletag|window\.(?:adsbygoogle|googletag|dataLayer|_taboola)|_taboola|_qevents|_comscore)\b.{0,300}$/u,
  // A link to a story's comments (Yahoo's "View comments").
  /^(?:view|show|read|load|see|join)(?: all| the)?(?: \d{1,6})? comments?(?: \(\d{1,6}\))?$/iu,
  /^reuse this content$/iu,
  /^follow (?:\S+\s+){0,4}coverage\b.{0,150}https?:\/\/\S+$/iu
]

/** Networks a page links to; and a row of share buttons, alone or run together ("Share on Facebook Share via Email", "Share this with WhatsApp", "Print Email Font size"), in English or another language ("Compartir en Whatsapp", "Partager sur Facebook", "Artikel teilen", "Link kopieren", "Zur Merkliste hinzufügen"). */
const networks = 'facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|tumblr|pocket|messenger|flipboard|threads|bluesky|mastodon|email|e-mail|google news'
const shareButtons = new RegExp(`^(?:(?:share|tweet|post|print|save|pin it|copy link|font size|comments?|\\d+ comments?|compartir|partager|condividi|compartilhar|teilen|artikel teilen|link kopieren|drucken|merken|zur merkliste(?: hinzufügen)?|kommentare|partager l'article|copier le lien|imprimer|copiar enlace|imprimir|copia link|stampa|${networks})(?:\\s+this(?:\\s+(?:article|story|page|post))?)?(?:\\s+(?:on|via|to|with|en|sur|su|no|na)\\s+(?:${networks}))?[\\s,|·•/]*)+$`, 'iu')

/**
 * A heading over links to other stories or topics: "Related Articles", "More stories", "You may
 * also like", "Most Read from Bloomberg", "Explore more on these topics", "Related topics", "Suggested Topics", "More on this
 * story". Not "Latest news", "Other news" or "Top stories", which head sections of a roundup.
 */
const relatedHeading = /^(?:(?:related|more|recommended|popular|trending) (?:articles|stories|news|coverage|content|reading|posts|links|videos|headlines)|you (?:may|might) also like|most (?:read|popular|viewed)(?: (?:from|on|at) (?:the )?\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,2})?|read next|don't miss|explore more on (?:these|this) topics?|(?:related|suggested) topics|more on this story|related internet links|trending now)\b/iu

/**
 * Whether a line is junk: a listed shape, share buttons, or a related-stories heading with the
 * headlines under it run into one line ("Related Articles Port workers strike over pay City
 * budget approved"). Headlines start with a capital and have no full stop: "More stories emerged
 * on Monday." is news.
 */
function isJunkLine(line: string): boolean {
  if (junkLines.some((shape) => shape.test(line)) || strayLines.some((shape) => shape.test(line)) || shareButtons.test(line) || isPictureCaption(line)) return true
  const heading = relatedHeading.exec(line)
  if (!heading || line.length > 300) return false
  const rest = line.slice(heading[0].length).replace(/^[\s:…»›→|]+/u, '').trim()
  return rest === '' || (/^[\p{Lu}\p{N}]/u.test(rest) && !/\.(?:\s|$)/u.test(rest))
}

/** A line that reads as a linked headline: a capital first, a dozen words at most, no full stop. */
function isLinkedHeadline(line: string): boolean {
  return /^[\p{Lu}\p{N}"“‘']/u.test(line) && line.split(/\s+/).length <= 14 && !/[.!?:;]["”’']?$/u.test(line)
}

/** AP's notice after its copyright: "This material may not be published, broadcast, rewritten or redistributed." */
const redistribution = String.raw`this material may not be published, broadcast, rewritten,? or redistributed(?: in (?:whole or in part|any (?:form|way)))?(?: without (?:prior )?(?:written )?permission)?\.?`

/**
 * Lines that end a scraped story, taken out only from its end: a copyright line ("© 2026 Porto
 * News", "Copyright 2026 The Associated Press. All rights reserved.", with or without "This
 * material may not be published, broadcast, rewritten or redistributed."), a wire's standards note
 * ("Our Standards: The Thomson Reuters Trust Principles."), wire credits and who contributed
 * ("Associated Press writer John Roe contributed to this report.", or "Associated Press writer
 * John Roe contributed from Boulder, Colorado.", which names a writer or a reporter by name), the
 * source it names ("Source: Al Jazeera and news agencies", see `namedSource`), and where
 * the story first appeared, named in a few words. "This story was first published in the Times
 * and caused an uproar" is news.
 */
const endLines = [
  // With the redistribution notice AP puts after it, or that notice alone.
  new RegExp(String.raw`^(?:(?:©|\(c\)\s|copyright\s+(?:©\s*|\(c\)\s*)?\d{4}\b).{0,120}?(?:\s*${redistribution}|\s+all rights reserved\.?(?:\s+\S.{0,200})?)?|${redistribution})$`, 'iu'),
  /^our standards\s*:\s*the thomson reuters trust principles\.?(?:,?\s*opens new tab)?$/iu,
  /^[^.!?]{1,160} contributed(?: reporting)? to this (?:report|story|article)\.?$/iu,
  /^[^.!?]{0,120}\b(?:[Ww]riters?|[Rr]eporters?|[Cc]orrespondents?|[Jj]ournalists?) \p{Lu}[^.!?]{0,120} contributed(?: reporting)?(?: from (?:[^\s!?]+\s+){0,5}[^\s!?]+)?\.?$/u,
  /^all rights reserved\.?$/iu,
  /^(?:this (?:article|story) (?:was )?(?:originally |first )?(?:appeared|published) (?:on|in)|originally published (?:on|in|by)) (?:[^\s.!?]+\s+){0,5}[^\s.!?]+\.?(?:\s+read the original(?: article)?\.?)?$/iu,
  // A blog's taxonomy under its post ("Tags: bridge, harbour", "Filed Under: Local News", "Posted in Local").
  /^(?:(?:tags?|tagged(?: with)?|topics|categories|category)\s*:|filed under\s*:?|posted in)\s*[^\s.!?][^.!?]{0,200}$/iu,
  // A blog's comment form under its post, line by line (WordPress's), and its notes.
  /^(?:leave a (?:reply|comment)(?: cancel reply)?|cancel reply|post (?:a )?comment|add a comment|comments are closed\.?|you must be logged in to post a comment\.?|(?:comment|name|e-?mail(?: address)?|website|subscribe|submit)\s*\*?|[δΔ])$/iu,
  /^your e-?mail address will not be published\b.{0,100}$/iu,
  /^save my name,? e-?mail,? and website in this browser\b.{0,80}$/iu,
  // A link the scrape kept of the story's page elsewhere, a hat tip, a note that it was updated, and a syndicated story's note that it was not edited.
  /^(?:originally published at \S{1,100}|read (?:more|the (?:full|original) (?:story|article)) (?:at|on)\s*:?\s*\S{1,200}|h\/t:? .{1,80}|source|this (?:story|article|post) has been updated\.?)$/iu,
  /^\(?(?:disclaimer:\s*)?(?:except for the headline,?\s*)?this (?:story|article|report|content) (?:has not been edited|(?:is|was|has been) (?:auto-generated|published|generated)) (?:by|from)\b.{0,200}$/iu,
  // The BBC's note under its links to other sites.
  /^the bbc is not responsible for the content of external sites\.?(?:\s+read about our approach to external linking\.?)?$/iu,
  // A count or a mark a blog's buttons leave under a post (Medium's "--" and its claps, "3"), and its writer's count of followers.
  /^(?:\d{1,6}|[\p{P}\p{S}]{1,2}|[\d.,]{1,6}[KkM]? followers)$/u
]

function endsStory(line: string): boolean {
  return endLines.some((shape) => shape.test(line)) || isCredits(line) || isSectionBreak(line) || endMark.test(line) || namedSource(line) !== undefined || isFooterMenu(line)
}

/** Links a site's footer holds, each alone or run together between bars or dots ("About Us | Contact | Privacy Policy"). */
const footerLink = /^(?:about(?: us| the \S+)?|contact(?: us| the \S+)?|privacy(?: policy| notice| settings)?|cookies?(?: policy| settings)?|terms(?: (?:of (?:service|use)|and conditions|& conditions))?|advertise(?: with us)?|careers|jobs|work for us|sitemap|site map|accessibility(?: help| statement)?|help|faq|rss|corrections|complaints & corrections|ethics(?: policy)?|masthead|newsletters?|do not sell my (?:personal )?info(?:rmation)?|your privacy choices|back to top|facebook|twitter|x|instagram|youtube|linkedin|tiktok|whatsapp|threads|bluesky)$/iu

/**
 * Where a page's footer starts among a story's last paragraphs, copied whole, a link a line: a
 * run of five or more short lines (five words at most) from its first link to the story's end, half of them or more
 * links of a footer ("About the BBC", "Privacy Policy", "Facebook") or a menu's ("Home", "News").
 * Links of its own among them ("iPlayer", "Parental Guidance") go with them. Undefined when the
 * story ends otherwise: a list of results or of names is no footer.
 */
function footerLinksAt(paragraphs: readonly { text: string }[]): number | undefined {
  let links = 0
  let first: number | undefined
  for (let index = paragraphs.length - 1; index >= 1 && paragraphs.length - index <= 80; index--) {
    const line = paragraphs[index]!.text.trim()
    const link = footerLink.test(line) || (line.length <= 60 && isPageChrome(line))
    if (!link && !isLinkLine(line, 5, 40)) break
    if (link) {
      links++
      first = index
    }
  }
  return first !== undefined && paragraphs.length - first >= 5 && links * 2 >= paragraphs.length - first ? first : undefined
}

/** Whether a line is a site's footer of links, two or more set apart: "About Us | Contact | Privacy Policy | Terms of Service". */
function isFooterMenu(line: string): boolean {
  if (line.length > 300) return false
  const links = line.split(/\s+[|·•]\s+/u)
  return links.length >= 2 && links.every((link) => footerLink.test(link.trim()))
}

/** The line that opens a blog's card of its writer: "Written by Jane Doe". */
const writerCardOpening = /^written by \p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*){0,3}$/iu

/**
 * Where a blog's card of its writer starts among a story's last paragraphs, as Medium ends a post:
 * "Written by Jane Doe", then a few short lines ("1.2K Followers", a line about them, "Follow").
 * Undefined when the story ends otherwise; a card is never the story's first paragraph.
 */
function writerCardAt(paragraphs: readonly { text: string }[]): number | undefined {
  for (let index = paragraphs.length - 1; index >= Math.max(1, paragraphs.length - 6); index--) {
    const line = paragraphs[index]!.text.trim()
    if (line.length > 200) return undefined
    if (writerCardOpening.test(line)) return index
  }
  return undefined
}

/** What a note on a story's writer says of them after their name: "is a reporter", "covers", "joined". */
const writerNoteVerb = /^(?:is|was|has (?:been|covered|reported|written)|covers|reports|writes|joined|currently|serves|edits|leads|can be reached)\b/u

/**
 * Whether a line is a note on the story's writer, as pages end a story: "Jane Doe is a reporter
 * for the Harbor Herald.", "Jane Doe covers the Federal Reserve for The Times.", "Chad Pergram
 * currently serves as …". It opens with the full name of a person the byline names; a story
 * that ends on anyone else ("Jerome Powell is the Fed chair.") ends on news.
 */
function isWriterNote(line: string, writers: readonly string[]): boolean {
  if (line.length > 600) return false
  const folded = line.toLowerCase()
  return writers.some((name) => folded.startsWith(`${name} `) && writerNoteVerb.test(folded.slice(name.length + 1)))
}

/**
 * The source a story's last line names, as some sites end it: "Source: Al Jazeera and news
 * agencies" names Al Jazeera. A name of a few words, capitalised, and nothing else: "Source: a
 * minister said the talks had failed." is news.
 */
export function namedSource(line: string): string | undefined {
  if (line.length > 500) return undefined
  // In brackets or not, with or without the address it links to: "(Source: AFP)", "Source: Reuters (https://…)".
  const text = bareTrailer(line.trim())
  const signOff = signedOff.exec(text)?.[1]
  return (sourceLine.exec(text)?.[1] ?? firstPublished.exec(text)?.[1] ?? blogFeedNote.exec(text)?.[1] ?? readOn.exec(text)?.[1] ?? (signOff === undefined ? undefined : knownOutletName(signOff)))?.replace(/\.$/u, '')
}

/** An address a line ends with, in brackets or after a dash or a colon: "Source: Reuters (https://…)", "Read more at: https://…". */
const linkAfter = /(?:\s*\(https?:\/\/[^\s()]+\)|\s*[-–—:]?\s+https?:\/\/\S+)$/u
/** Capitalised words of an outlet's name, after "on", "at" or "via": "BBC News", "The Guardian". */
const outletWords = String.raw`(\p{Lu}[\p{L}\p{N}.'’&-]*(?:\s+(?:of|the|and|&|\p{Lu}[\p{L}\p{N}.'’&-]*)){0,4})`
/**
 * Where the rest of the story is, or where it came from: "Read the full story at Reuters",
 * "Continue reading on BBC News", "Via: The Verge". "Via" with a capital and no colon needs "The"
 * after it: "Via Rail Canada" is a railway.
 */
const readOn = new RegExp(String.raw`^(?:(?:[Rr]ead|[Cc]ontinue reading)(?: the)?(?: (?:full|original|rest of the))?(?: (?:story|article|report|post))? (?:at|on|in)|[Vv]ia:|via|Via(?= The\s))\s+(?:the\s+(?=\p{Lu}))?${outletWords}\.?$`, 'u')
/** A wire's name signed at the story's end after a dash: "— Reuters", "-- Xinhua". */
const signedOff = /^[—–-]{1,2}\s*(\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,3})\.?$/u

/** Where a story republished whole first appeared: "This article was originally published on The Conversation. Read the original article." */
const firstPublished = /^(?:[Tt]his (?:article|story) (?:was )?(?:originally |first )?(?:appeared|published) (?:on|in)|[Oo]riginally published (?:on|in|by)) (?:the\s+)?(\p{Lu}[\p{L}\p{N}.'’&-]*(?:\s+\p{Lu}[\p{L}\p{N}.'’&-]*){0,4}?)\.?(?:\s+[Rr]ead the original(?: article)?\.?)?$/u
/** A capitalised word of a site's name ("Harbour", "TechCrunch", "WION", "9to5Mac"). */
const siteWord = String.raw`[\p{Lu}\p{N}][\p{L}\p{N}'’.-]*`
/** The line a blog's feed puts under each post, naming the blog: "The post Harbour bridge to close appeared first on Harbour Herald." */
const blogFeedNote = new RegExp(String.raw`^The post .{1,300}? appeared first on (${siteWord}(?: (?:of|and|for|the|&|${siteWord})){0,5}|[\w-]+(?:\.[\w-]+)+)\.?$`, 'u')

/**
 * The outlet a copyright line at a story's end names, when Gazette knows it as one: "Copyright 2026
 * The Associated Press. All rights reserved." names Associated Press, "© 2026 Reuters" Reuters.
 * A holder Gazette does not know ("© 2026 Porto News", a blog's owner) names none.
 */
export function copyrightHolder(line: string): string | undefined {
  // The name ends at its sentence's stop ("The Associated Press. All rights reserved."), without a company's suffix.
  const holder = copyrightLine
    .exec(line.trim())?.[1]
    ?.split(/\.\s/u)[0]!
    .replace(/^The\s+/u, '')
    .replace(/\s+(?:L\.?P\.?|Inc\.?|Ltd\.?|LLC|plc)$/iu, '')
    .replace(/\.$/u, '')
  return holder !== undefined && isKnownOutlet(holder) ? holder : undefined
}

const copyrightLine = /^(?:©|\(c\)|copyright)\s*(?:©\s*|\(c\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)(\p{Lu}[\p{L}.&'’-]*(?:\s+\p{Lu}[\p{L}.&'’-]*){0,4})/iu

const sourceLine = /^[Ss]ources?\s*:\s*(\p{Lu}[\p{L}\p{N}'’&-]*(?:\s+[\p{L}\p{N}'’&-]+){0,4}?)(?:\s*(?:,|and|&|with)\s+(?:other\s+)?(?:news\s+|wire\s+)?agencies)?\.?$/u

/**
 * A line that marks a break between sections of a story, and nothing else: three or more of one
 * mark, spaced or not ("***", "* * *", "---", "###", "• • •"), or an asterism ("⁂").
 */
export function isSectionBreak(line: string): boolean {
  return sectionBreak.test(line.trim())
}

const sectionBreak = /^(?:([*#=~_+•·◆◇♦❖\-–—])(?:[ \t]*\1){2,}|[⁂❦✻✼])$/u

/** The mark a press release or a wire story ends with: "-30-", "- 30 -", "(END)", "-ends-", "ENDS". */
const endMark = /^(?:[-–—(][ \t]*(?:30|ends?)[ \t]*[-–—)]|ends?\.?)$/iu

const creditRole = /^(?:additional |with )?(?:reporting|writing|editing|compiled|produced|graphics|research|fact-checking)(?: (?:and|&) (?:reporting|writing|editing))?$/iu
/** Names and the places they reported from: "Jane Doe", "Ana Lopez in Genoa and John Smith". */
const creditNames = /^\p{Lu}[\p{L}\p{M}'’.-]*(?:(?:,? (?:and |& )?| (?:in|from|at) )\p{Lu}[\p{L}\p{M}'’.-]*)*$/u

/** A credits line's parts, without its brackets and stop: "(Reporting by A; Editing by B)." is "Reporting by A" and "Editing by B". */
function creditParts(line: string): string[] {
  return line.replace(/^\(|\)?\.?$/g, '').split(/\s*;\s*/)
}

/**
 * Whether a line is a wire story's credits: "Reporting by Jane Doe; Editing by John Smith",
 * "(Additional reporting by Ana Lopez in Genoa)". Each part names people, in capitals: "Reporting
 * by the BBC found that …" is news.
 */
function isCredits(line: string): boolean {
  if (line.length > 250) return false
  return creditParts(line).every((part) => {
    const by = part.indexOf(' by ')
    return by > 0 && creditRole.test(part.slice(0, by)) && creditNames.test(part.slice(by + 4))
  })
}

/** Two to four capitalised words: a person's name, not an outlet's single word ("Reuters"). */
const creditedPerson = /^\p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*){1,3}$/u

/**
 * Who wrote the story, as a wire's credits at its end name them: the people of "Reporting by",
 * else of "Writing by", without the places they reported from. "Reporting by Jane Doe in London;
 * additional reporting by Tom Roe; Editing by Alex Poe" gives "Jane Doe"; "Reporting by Ana Lopez
 * and John Smith" gives "Ana Lopez and John Smith". Undefined for a line that is no credits, or
 * whose reporters are no people's names.
 */
export function creditedWriters(line: string): string | undefined {
  const text = line.trim()
  if (!isCredits(text)) return undefined
  const parts = creditParts(text)
  const named = (role: RegExp) => parts.find((part) => role.test(part.slice(0, part.indexOf(' by '))))
  const part = named(/^(?:reporting|reporting (?:and|&) writing)$/iu) ?? named(/^writing(?: (?:and|&) reporting)?$/iu)
  if (part === undefined) return undefined
  const people = part
    .slice(part.indexOf(' by ') + 4)
    .split(/,? (?:and|&) |, /u)
    .map((person) => person.replace(/ (?:in|from|at) \p{Lu}.*$/u, ''))
  if (people.length > 4 || !people.every((person) => creditedPerson.test(person))) return undefined
  return people.length === 1 ? people[0] : `${people.slice(0, -1).join(', ')} and ${people.at(-1)}`
}

/** A line without the brackets around it and the address after it, as a scrape keeps a trailer's link: "[Source link]", "Source link: https://…". */
function bareTrailer(line: string): string {
  return line.replace(/^[[(]\s*(.*?)\s*[\])]$/u, '$1').replace(linkAfter, '')
}

function foldTrailer(text: string): string {
  const trimmed = text.normalize('NFKC').trim()
  return trimmed.slice(0, finalMarksStart(trimmed)).replace(/\s+/g, ' ').toLowerCase()
}
