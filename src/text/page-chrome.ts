/**
 * Whole lines of a page's chrome that a scrape keeps around a story's headline, each of a known
 * shape: a skip link, a reading time, a player's "Listen to this article", an advertisement's
 * label, a cookie notice, an age ("Updated 3 hours ago"), and a "Follow" button.
 */
const chromeLines = [
  // Links a page hides until they are focused, often run together once scraped ("Skip to main contentSkip to navigation").
  /^(?:(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|article|story|search|menu|footer|site index)\s*)+$/iu,
  /^(?:\d{1,3}[-\s]?(?:min(?:ute)?s?|m)\.?\s+(?:read|listen|watch)|(?:reading|read|listening) time\s*:?\s*(?:\d{1,3}|less than a?)\s*min(?:ute)?s?\.?)$/iu,
  /^listen(?: to (?:this|the) (?:article|story)| to article| now)?(?:\s*[·•|:(-]?\s*\d{1,2}(?::\d{2})?\s*(?:min(?:ute)?s?|mins?\.?)?\)?)?$/iu,
  // A player's length alone, on the line under its "Listen" (the Wall Street Journal's "(2 min)", the Washington Post's "5 min").
  /^\(?\d{1,2}(?::\d{2})?\s*(?:min(?:ute)?s?|mins?\.?)\)?$/iu,
  // A button to save the story, and the topic a page files it under (the ABC's "Topic: Infrastructure").
  /^(?:add to (?:your )?saved (?:stories|articles)|save (?:this )?(?:story|article)(?: for later)?|topics?:\s*[^.!?]{1,60})$/iu,
  /^(?:advertisement|advert|ad|sponsored(?: content)?|paid (?:content|post)|story continues below(?: advertisement)?|scroll to continue(?: with content)?)$/iu,
  /^(?:we use cookies|(?:this|our) (?:web)?site uses cookies|by (?:continuing|using)\b.{0,80}\bcookies|(?:accept|allow|manage|reject) (?:all )?cookies|cookie (?:settings|policy|preferences|consent))\b.{0,300}$/iu,
  /^(?:(?:first |last )?(?:published|posted|updated|modified)\s*:?\s*)?(?:\d{1,3}\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|just now)$/iu,
  // The Guardian's edition switcher and its links to subscriptions, and the Washington Post's motto under its name.
  /^(?:(?:us|uk|au|australia|international|europe) edition|(?:print|digital) subscriptions?|democracy dies in darkness)$/iu,
  // A blog's button beside its writer's name (Medium's "Follow"), and a dot or dashes that stood between two of its lines.
  /^(?:follow|[·•∙|]|--?)$/iu,
  // A site's logo, by its picture's text ("AP Logo"), or its link home ("The Guardian - Back to home").
  /^(?:\p{Lu}[\p{L}\p{N}.&'’-]*\s+){1,3}logo$/iu,
  /^(?:(?:\p{Lu}[\p{L}\p{N}.&'’-]*\s+){1,3}[-–—|]\s+)?back to (?:home|homepage|the home ?page)$/iu,
  // Substack's mark of a post for paying subscribers, on its line or after the date's dot ("∙ Paid").
  /^(?:[·•∙]\s*)?paid$/iu,
  // Where a story was reported from, under its byline (the New York Times' "Reporting from London").
  /^Reporting from \p{Lu}[\p{L}\p{M}'’.-]*(?:(?:,? | and |, )\p{Lu}[\p{L}\p{M}'’.-]*){0,5}$/u,
  // The label a page sets over a headline, to say what kind of story it is ("Analysis", "Exclusive", "Explainer").
  /^(?:(?:news )?analysis|exclusive|explainer|opinion|comment|review|interview|feature|breaking(?: news)?|live(?: updates)?|watch|video|podcast|investigation|fact[ -]check|q ?& ?a|obituary|profile|editorial|perspective|essay|(?:the )?long read|first person|special report|in pictures|in depth|in focus|sponsored)$/iu,
  // The programme a radio story was heard on, over its page (NPR's "Heard on Morning Edition").
  /^Heard on (?:\p{Lu}[\p{L}'’&.-]*|&|and|the|of)(?: (?:\p{Lu}[\p{L}'’&.-]*|&|and|the|of)){0,5}$/u
]

/**
 * Lines a page's furniture leaves wherever they stand, above the headline or in the body: the
 * caption or source of a picture the scrape lost ("Image caption, Protesters gathered …", "Media
 * caption, Watch: …"), a photo's credit in brackets or with its agency after a slash ("(Photo by
 * Jane Smith/Getty Images)"), a player's or an ad's words ("Listen to this article", "Listen to this
 * article · 6:12 min Learn more", "Continue reading the main story", "Skip Advertisement",
 * "Supported by"), a share button's ("Share full article", "Gift Article", "Link copied"), and an archive's note on an old
 * story ("This article is more than 2 years old"). Each is matched whole: "Photos by the agency
 * showed the damage." is news.
 */
export const strayLines = [
  /^(?:(?:image|video|picture) (?:caption|source)|media caption)\s*[,:]\s*\S.{0,300}$/iu,
  /^\((?:photo(?:graph)?|image|picture|file photo)s?\b[^()]{0,120}\)$/iu,
  /^(?:photo(?:graph)?|image|picture)s? (?:by|courtesy(?: of)?)\s+[^/.!?]{1,60}\/[^/!?]{1,60}$/iu,
  /^listen to (?:this|the) (?:article|story)\s*[·•|:-]?\s*\d{1,2}(?::\d{2})?\s*min(?:ute)?s?\.?(?:\s+learn more)?$/iu,
  /^(?:share full article|gift (?:this )?article|link copied)$/iu,
  /^(?:listen to (?:this|the) (?:article|story)|continue reading (?:the main story|below)|skip (?:advertisement|ad)|(?:article|story) continues(?: (?:below|after)(?: (?:the |this )?(?:advertisement|ad))?)?|supported by)$/iu,
  // A picture's buttons (NPR's "toggle caption", "Enlarge this image").
  /^(?:(?:hide|toggle|show) caption|enlarge this image)$/iu,
  /^this (?:article|story) is (?:more|over) than (?:\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten) (?:years?|months?) old$/iu
]

/**
 * Whether a line is the count of a story's comments, as a New York Times page shows it beside its
 * share button: a number alone on its line, right under "Share full article". Anywhere else a
 * number alone may be news (a result, a score), and stays.
 */
export function isCommentCount(line: string, lineBefore: string): boolean {
  return /^\d{1,6}$/u.test(line.trim()) && /^share full article$/iu.test(lineBefore.trim())
}

/**
 * Whether a line is short enough to be a link of a page's menu or footer, set a line each: at most
 * `words` words and `length` characters, and no sentence's stop or list's comma at its end.
 */
export function isLinkLine(line: string, words: number, length: number): boolean {
  return line.length <= length && !/[.!?:;,]$/u.test(line) && line.split(/\s+/u).length <= words
}

/** A count as a post's buttons show it: "142", "1,204", "1.2K". */
const buttonCount = /^(?:\d{1,3}(?:,\d{3})?|\d{1,3}(?:\.\d)?[KkM])$/u

/**
 * Whether a line is a count of a post's likes or comments, as a blog shows them beside its
 * buttons: numbers alone on their lines, right above "Share" (Substack) or "Listen" (Medium). A
 * number alone anywhere else may be news, and stays.
 */
export function isReactionCount(paragraphs: readonly { readonly text: string }[], index: number): boolean {
  for (let at = index; at < index + 3 && at < paragraphs.length; at++) {
    const line = paragraphs[at]!.text.trim()
    if (/^(?:share|listen)$/iu.test(line)) return at > index
    if (!buttonCount.test(line)) return false
  }
  return false
}

/** Agencies and papers a picture's credit names ("AFP/Getty Images", "REUTERS/Jane Doe"). */
const pictureAgency = /^(?:\p{Lu}[\p{L}.'’-]* ){0,4}(?:via )?(?:AP|AFP|Reuters|REUTERS|Getty(?: Images)?|EPA(?:-EFE)?|PA(?: Media| Wire)?|Shutterstock|Alamy|Bloomberg|dpa|ANP|Xinhua|Anadolu(?: Agency)?|NurPhoto|SOPA Images|LightRocket|Sipa|ZUMA(?: Press| Wire)?|Redux|Pool|File Photo|The New York Times|The Washington Post)$/u
/**
 * Capitalised words of a credit, "via" or "for" between them: "Jane Doe", "AFP via Getty Images",
 * "Jane A. Doe". Only an initial ends in a full stop, so a caption's last word ("… on Monday.") is
 * not taken for the first of its credit. ("dpa" writes its name in lower case.)
 */
const creditWord = String.raw`(?:\p{Lu}(?:\.|[\p{L}\p{M}\p{N}'’&-]*)|dpa)`
const creditWords = String.raw`${creditWord}(?: (?:via|for|${creditWord})){0,5}`
/** A credit's parts, which a slash parts ("Jane Doe/AFP/Getty Images"). */
const creditSlash = /\s?\/\s?/u
/**
 * A picture's credit at the end of its caption, in one of three groups: in brackets ("(AP
 * Photo/Jane Doe)", "(Supplied: CFA)", "(PA)", "[Jane Doe/Reuters]"), after a word for a picture
 * ("Photograph: Jane Doe/Reuters", "Credit...Jane Doe/The New York Times", "Pic: PA", "Foto: Jane
 * Doe / dpa"), or names and their agency between slashes ("Jane Doe/AFP/Getty Images",
 * "REUTERS/Jane Doe/File Photo"); a wire's "Purchase Licensing Rights" may follow it.
 */
const pictureCredit = new RegExp(
  String.raw`(?:^|\s)(?:[(\[]([^()[\]]{1,120})[)\]]|(?:[Pp]hoto(?:graph)?s?|PHOTO|[Pp]icture|[Pp]ic|[Ii]mage|[Ff]oto|[Bb]ild|[Cc]redit|CREDIT)(?:\s*:|\.{3}|…)\s*(${creditWords}(?:${creditSlash.source}${creditWords}){0,4})|(${creditWords}(?:${creditSlash.source}${creditWords}){1,4}))(?: Purchase Licensing Rights)?$`,
  'u'
)
const wholeCreditWords = new RegExp(`^${creditWords}$`, 'u')
const newsWire = /^(?:AP|AFP|Reuters|REUTERS|Bloomberg|Xinhua|dpa|ANP|Anadolu(?: Agency)?)$/u

/**
 * Whether a line is a picture's caption the scrape kept without its picture, known by the credit
 * it ends with ("A man clears snow in Boston on Monday. Jane Doe/AFP/Getty Images", "Fog at
 * Heathrow on Monday (PA)", "Rescuers search the rubble. Photograph: Stringer/Reuters"), or the
 * credit alone. A credit in brackets names a picture ("AP Photo", "Supplied") or an agency; any
 * other follows a sentence's end, and names between slashes name an agency. "The deal was signed
 * (AP)." ends in a full stop, and "talks on Israel/Gaza" names no agency: both are news.
 */
export function isPictureCaption(line: string): boolean {
  const text = line.trim()
  if (text.length > 400) return false
  const credit = pictureCredit.exec(text)
  if (!credit) return false
  const [whole, bracketed, named, slashed] = credit
  if (bracketed !== undefined) {
    const parts = bracketed.trim().split(creditSlash)
    // A wire alone in brackets ("(Reuters)") is how a story names its source, not a picture's credit.
    if (parts.length === 1 && newsWire.test(parts[0]!)) return false
    return /^(?:\p{Lu}[\p{L}-]* )?(?:[Pp]hoto|PHOTO|[Ff]oto)\b|^[Ss]upplied\b/u.test(parts[0]!) || (parts.every((part) => wholeCreditWords.test(part)) && parts.some((part) => pictureAgency.test(part)))
  }
  const before = text.slice(0, text.length - whole.length).trimEnd()
  const afterSentence = before === '' || /[.!?”"')\]]$/u.test(before)
  return afterSentence && (named !== undefined || slashed!.split(creditSlash).some((part) => pictureAgency.test(part)))
}

/** A photo's credit, and the names it gives: "Photo: AP", "Photograph: Jane Doe/Reuters". */
const photoCredit = /^(?:photo(?:graph)?|image|picture|illustration)(?:\s+credit)?\s*[:|]\s*(.+)$/iu
/** Names, each capitalised, as a credit gives them ("AFP via Getty Images", "Jane Doe for The Times"). */
const creditNames = /^(?:(?:\p{Lu}[\p{L}\p{N}.'’&-]*|via|for|and|&)(?:\s+|\s*\/\s*|$)){1,8}$/u

/** Words of a site's menus: its sections, and the buttons around them. */
const sectionWords = new Set(
  'home news world business sport sports politics opinion culture arts life lifestyle style travel tech technology science health climate environment money markets economy finance video videos audio podcasts live weather local national international europe asia africa americas us u.s. uk u.k. australia middle east latest trending more sections entertainment education religion food books music movies television tv games gaming obituaries opinions fashion wellness transport infrastructure society crime media housing crisis'.split(' ')
)
const buttonWords = new Set('menu search close open navigation subscribe login register account newsletters share print email save comment comments submit show hide query resize'.split(' '))
/** Buttons and links of more than one word, read as one. */
const buttonPhrases = /\b(?:(?:skip|jump) to (?:the )?(?:main )?content|sign in|log in|sign up|toggle navigation|main menu|open menu|close menu|copy link|font size|text size)\b/giu

/** A breadcrumb's separator: ">", "›", "»" or "→", and "/" or "|" with spaces around them. */
const crumbSeparator = /\s*[>›»→]\s*|\s+[/|]\s+/u
/** A breadcrumb's step: one to three words, each capitalised. */
const crumb = /^\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+(?:&|\p{Lu}[\p{L}\p{N}'’.-]*)){0,2}$/u

/**
 * Whether a line is part of a scraped page's chrome, not of its story: a known shape (`Skip to
 * content`, `5 min read`, `Listen to this article`, `Advertisement`, `Photo: AP`, a cookie
 * notice, one of `strayLines`), a breadcrumb (`Home > News > Local`, `Home / World / Europe`), or a menu's words
 * alone (`Menu`, `Skip to content Home News World Business Sport Menu Search`). A line of two
 * section words ("World News") could be a headline, and stays.
 */
export function isPageChrome(line: string): boolean {
  const text = line.trim()
  if (text.length > 400) return false
  if (chromeLines.some((shape) => shape.test(text)) || strayLines.some((shape) => shape.test(text)) || isPictureCaption(text)) return true
  const credit = photoCredit.exec(text)
  if (credit && creditNames.test(credit[1]!)) return true
  const crumbs = text.replace(/^you are here\s*:\s*/iu, '').split(crumbSeparator)
  if (crumbs.length >= 2 && crumbs.every((step) => crumb.test(step)) && (crumbs.length >= 3 || /^home$/iu.test(crumbs[0]!))) return true
  return isMenu(text)
}

/**
 * Whether a line holds only a menu's words: one of them, three or more, or any with a button among
 * them; or a section's name as a page heads a story with it, the second word in lower case ("UK
 * politics", "World news"), which no headline of two words is.
 */
function isMenu(text: string): boolean {
  let buttons = 0
  const words = text
    .replace(buttonPhrases, () => {
      buttons++
      return ' '
    })
    .split(/[\s|·•/]+/u)
    .filter((word) => word !== '')
  const [first, second] = words
  if (words.length === 2 && buttons === 0 && sectionWords.has(first!.toLowerCase()) && first![0] === first![0]!.toUpperCase() && sectionWords.has(second!) && second !== 'more' && second !== 'sections') return true
  for (const word of words) {
    const folded = word.toLowerCase()
    if (buttonWords.has(folded)) buttons++
    else if (!sectionWords.has(folded) || word[0] !== word[0]!.toUpperCase()) return false
  }
  const count = words.length + buttons
  return count > 0 && (count === 1 || count >= 3 || buttons > 0)
}
