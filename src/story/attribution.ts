// Well-known wire services and broadcasters, matched case-sensitively as whole names.
const KNOWN_OUTLETS = [
  'AP', 'Associated Press', 'Reuters', 'AFP', 'Agence France-Presse', 'Kyodo', 'Kyodo News', 'Jiji', 'Jiji Press',
  'Xinhua', 'Yonhap', 'TASS', 'RIA Novosti', 'Interfax', 'dpa', 'ANSA', 'EFE', 'PTI', 'ANI', 'UPI', 'Anadolu',
  'Bernama', 'Antara', 'Bloomberg', 'NHK', 'BBC', 'CNN', 'CNA', 'AAP', 'Canadian Press', 'Press Association', 'PA',
  'KUNA', 'WAM', 'IRNA', 'WAFA', 'MENA', 'SANA', 'IANS', 'KCNA', 'VNA', 'Lusa', 'Belga', 'ANP', 'APA', 'PAP', 'CTK', 'MTI', 'BTA',
  'Agerpres', 'Ukrinform', 'Sputnik', 'Europa Press', 'NTB', 'Prensa Latina',
];
const KNOWN = new Set(KNOWN_OUTLETS);

/** Known outlets by their names in capitals, as a page's byline may set them ("REUTERS"). */
const KNOWN_IN_CAPITALS = new Map(KNOWN_OUTLETS.map((name) => [name.toUpperCase(), name]));

/** Whether a name is a wire service or broadcaster Gazette knows ("Reuters", "The Associated Press"). */
export function isKnownOutlet(name: string): boolean {
  return KNOWN.has(name.replace(/^The\s+/u, ''));
}

/**
 * The name of an outlet Gazette knows, as written or in capitals, as Gazette writes it:
 * "REUTERS" is "Reuters", "The Associated Press" "Associated Press". Undefined for any other name.
 */
export function knownOutletName(name: string): string | undefined {
  const bare = name.replace(/^(?:The|THE)\s+/u, '');
  if (KNOWN.has(bare)) return bare;
  return bare === bare.toUpperCase() ? KNOWN_IN_CAPITALS.get(bare) : undefined;
}

// Words that make a capitalised phrase the name of a news outlet ("Japan's News Agency", "The Wall Street Journal").
const NEWS_WORD =
  /\b(?:News|Agency|Press|Wire|Times|Post|Journal|Herald|Tribune|Gazette|Telegraph|Guardian|Broadcasting|Television|TV|Radio|Daily|Chronicle|Observer|Newspaper|Media)\b/u;

/** Sites a page's title may end with whose names say nothing of news ("… | Axios", "… : NPR"). */
const KNOWN_SITES = new Set(['NPR', 'PBS', 'Axios', 'Politico', 'POLITICO', 'The Verge', 'The Atlantic', 'The Economist', 'The Independent', 'The Hill', 'Al Jazeera', 'Bloomberg', 'Forbes', 'Fortune', 'Newsweek', 'TIME', 'Time', 'Vox', 'Slate', 'Wired', 'WIRED', 'TechCrunch', 'Euronews', 'France 24', 'DW', 'Deutsche Welle', 'HuffPost', 'ProPublica', 'The Conversation', 'Semafor', 'Reuters.com', 'BBC.com']);
/** The end of a page's title that names its site: " - BBC News", " | Reuters", " – The Guardian", " : NPR". */
const SITE_SUFFIX = /\s+[-–—|:]\s+((?:The\s+)?\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+\p{Lu}[\p{L}\p{N}.&'’-]*){0,3})$/u;

/**
 * A headline without the name of the site its page's title ends with, and that name: "Storm hits
 * coast - BBC News" is "Storm hits coast" from BBC News, "… | CNN Business" from CNN. Only a name
 * that says it is news ("Harbour Herald", "The New York Times") or one Gazette knows ("Reuters",
 * "NPR") is cut: "Storm hits coast - Three Dead" stays whole.
 */
export function withoutSiteName(title: string): { title: string; site?: string } {
  if (title.length > 300) return { title };
  const suffix = SITE_SUFFIX.exec(title);
  if (suffix === null || suffix.index < 12) return { title };
  const name = suffix[1]!;
  const site = knownOutletName(name) ?? (CNN_SECTION_NAME.test(name) ? 'CNN' : KNOWN_SITES.has(name) || NEWS_WORD.test(name) ? name : undefined);
  return site === undefined ? { title } : { title: title.slice(0, suffix.index), site };
}

const WORD = String.raw`\p{Lu}[\p{L}\p{M}\p{N}.&'’-]*`;
const NAME = String.raw`${WORD}(?:\s+(?:of|the|and|for|de)\s+${WORD}|\s+${WORD})*`;
/**
 * A NAME that a pattern looks for anywhere in a paragraph: one that no NAME starting further left
 * runs through. Why: a name starting inside another ends where that one ends, so it fails where
 * that one failed, and trying it from every capital of a long run of capitalised words that ends
 * in no "reported" took 34 s on 20,000 of them. The lookbehind is tried at capitals only, and
 * finds the capital before as near as it can.
 */
const NAME_START = String.raw`(?=\p{Lu})(?<!\p{Lu}[\p{L}\p{M}\p{N}.&'’-]*?(?:\s+(?:(?:of|the|and|for|de)\s+)?)?)${NAME}`;

interface Rule {
  pattern: RegExp;
  /** Extracts the outlet from a match, or undefined when the matched name is not a news outlet. */
  pick: (m: RegExpExecArray) => string | undefined;
}

const stripArticle = (name: string): string => name.replace(/^(?:the|The)\s+/u, '');
const isOutlet = (name: string): boolean => KNOWN.has(name) || NEWS_WORD.test(name);

/**
 * Finds the outlet inside a capitalised phrase anchored next to the verb: the regex cannot tell where a
 * name starts ("Then Reuters reported", "Associated Press and Reuters"), so try every sub-phrase touching
 * the anchor, preferring known outlets, then the longest news-like phrase.
 */
function outletIn(phrase: string, anchor: 'start' | 'end'): string | undefined {
  // WORD admits dots for abbreviations ("N.Y."), so a sentence-final period can ride along.
  const words = stripArticle(withoutFinalPunctuation(phrase)).split(/\s+/u);
  // The sub-phrase of `n` words touching the anchor, and whether it may be a name: one cannot
  // start or end with a connector.
  const first = (n: number): string => (anchor === 'end' ? words[words.length - n]! : words[0]!);
  const last = (n: number): string => (anchor === 'end' ? words[words.length - 1]! : words[n - 1]!);
  const part = (n: number): string => (anchor === 'end' ? words.slice(words.length - n) : words.slice(0, n)).join(' ');
  const mayBeName = (n: number): boolean => !CONNECTOR.test(first(n)) && !CONNECTOR.test(last(n));
  // Why not every sub-phrase written out: 30,000 capitalised words before "reported" made as many
  // phrases of up to 30,000 words, over a minute. A known outlet has a few words, and a phrase
  // holds a news word when one of its words is one (NEWS_WORD never spans a space).
  for (let n = Math.min(words.length, KNOWN_WORDS); n >= 1; n--) if (mayBeName(n) && KNOWN.has(part(n))) return part(n);
  const newsWords = words.flatMap((word, index) => (NEWS_WORD.test(word) ? [index] : []));
  if (newsWords.length === 0) return undefined;
  // The longest sub-phrase holds one as long as it reaches the news word nearest the anchor.
  const shortest = anchor === 'end' ? words.length - newsWords[newsWords.length - 1]! : newsWords[0]! + 1;
  for (let n = words.length; n >= shortest; n--) {
    // Nor start with a possessive ("Japan's News Agency").
    if (mayBeName(n) && !/[’']s$/u.test(first(n))) return part(n);
  }
  return undefined;
}

const CONNECTOR = /^(?:of|the|and|for|de)$/u;
/** Most words a known outlet's name has. */
const KNOWN_WORDS = KNOWN_OUTLETS.reduce((most, name) => Math.max(most, name.split(' ').length), 0);

/** A phrase without the periods, commas, colons and semicolons it ends with (by hand: the expression `/[.,;:]+$/` tried a run of them from each of its characters). */
function withoutFinalPunctuation(phrase: string): string {
  let end = phrase.length;
  while (end > 0 && '.,;:'.includes(phrase[end - 1]!)) end--;
  return phrase.slice(0, end);
}

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
// "Jan 5", "Jan. 5", "January 5, 2026", "5 January".
const DATE = String.raw`(?:${MONTH}\s+\d{1,2}|\d{1,2}\s+${MONTH})(?:,?\s+\d{4})?\.?`;
// A city in capitals ("HAMBURG", "NEW YORK", "ST. PETERSBURG") or as written ("Hamburg", "Rio de Janeiro").
const CAPS_PLACE = String.raw`\p{Lu}[\p{Lu}\p{M}.'’-]*(?:\s+\p{Lu}[\p{Lu}\p{M}.'’-]*){0,3}`;
const MIXED_PLACE = String.raw`\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’-]*|de|da|do|del|la|am|an|der|upon|on|sur))*`;
// The city's state or country: "N.Y.", "Italy", "United Kingdom".
const REGION = String.raw`\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3}`;
// The wire, in parentheses and followed by a dash ("(Reuters) -", "(Xinhua) --", "(dpa/lno) -"), or between
// slashes ("/TASS/."). Its name is checked after the match: a wire may write it in lower case ("dpa").
const WIRE = String.raw`(?:\(([^()/]{1,40}?)(?:/\p{Ll}{2,4})?\)\s*[—–-]+|/([^/\s][^/]{0,39})/\.?(?=\s))`;
const DATELINE = new RegExp(String.raw`^\s*(?:(?:(${CAPS_PLACE})|(${MIXED_PLACE}))(?:,\s*${REGION})?(?:,\s*(${DATE}))?\s*)?${WIRE}`, 'u');
// An agency's short name in capitals, as wires outside KNOWN_OUTLETS write theirs ("KUWAIT CITY (KUNA) --").
const SHORT_CAPS = /^\p{Lu}{2,5}$/u;

/** A wire's dateline at the start of a paragraph: the agency it names, and how many characters it takes. */
export interface Dateline {
  agency: string;
  length: number;
}

/**
 * Reads the wire's dateline a paragraph opens with: "WASHINGTON (AP) —", "HAMBURG, Germany, Jan 5
 * (Reuters) -", "BEIJING, Jan. 5 (Xinhua) --", "Hamburg (dpa) -", "MOSCOW, January 5. /TASS/.".
 * The name in parentheses is the agency when it is a known outlet, or short capitals after a city
 * in capitals or a date. Why a city as written needs more: "Apple (AAPL) -" has its shape.
 */
export function readDateline(paragraph: string): Dateline | undefined {
  const m = DATELINE.exec(paragraph);
  if (m === null) {
    const cnn = CNN_OPENING.exec(paragraph);
    return cnn ? { agency: 'CNN', length: cnn[0].length } : undefined;
  }
  const [whole, capsPlace, mixedPlace, date, inParentheses, inSlashes] = m;
  // A section of CNN's ("New York (CNN Business) —") is CNN's.
  const agency = CNN_SECTION_NAME.test(inParentheses ?? '') ? 'CNN' : (inParentheses ?? inSlashes!);
  const known = mixedPlace === undefined ? isOutlet(agency) : KNOWN.has(agency);
  const shortCaps = SHORT_CAPS.test(agency) && (capsPlace !== undefined || date !== undefined);
  return known || shortCaps ? { agency, length: whole.length } : undefined;
}

/** The sections CNN names in its datelines instead of itself ("CNN Business —"). */
const CNN_SECTION = String.raw`(?:\s+(?:Business|Politics|Sport|Sports|Travel|Style|Health|Money|Underscored))?`;
const CNN_SECTION_NAME = new RegExp(String.raw`^CNN${CNN_SECTION}$`, 'u');
// CNN's dateline as its pages show it, the network's name out of brackets: "London CNN —", "CNN —", "CNN Business —".
const CNN_DATELINE = new RegExp(String.raw`^(?:((?:${CAPS_PLACE}|${MIXED_PLACE})(?:,\s*${REGION})?)\s+)?(CNN${CNN_SECTION})\s*[—–-]+$`, 'u');
/**
 * The same dateline opening its paragraph ("London CNN — The storm…"), as a scrape joins them. Its
 * place is capitalised words only, and a sentence must start after its dash: "CNN — and every
 * other network — carried the speech" is news.
 */
const CNN_OPENING = new RegExp(String.raw`^\s*(?:(?:${CAPS_PLACE}|\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2})(?:,\s*${REGION})?\s+)?CNN${CNN_SECTION}\s*[—–]\s*(?=\p{Lu}|["“‘'])`, 'u');

/**
 * The dateline a line holds and nothing else, written as a wire writes it: "HAMBURG, Jan 5
 * (Reuters) -" as it is, and CNN's "London CNN —" as "London (CNN) —", so that `readDateline`
 * reads it once it opens the paragraph it belongs to. Undefined for any other line.
 */
export function loneDateline(line: string): string | undefined {
  const text = line.trim();
  if (text.length > 100) return undefined;
  const cnn = CNN_DATELINE.exec(text);
  if (cnn) return `${cnn[1] ? `${cnn[1]} ` : ''}(${cnn[2]}) —`;
  return readDateline(text)?.length === text.length ? text : undefined;
}

// Ordered by how explicitly the text names its own source; a dateline comes before them all.
const RULES: Rule[] = [
  // "Japan's News Agency (Kyodo) reported": the parenthetical is the outlet's short name.
  {
    pattern: new RegExp(String.raw`(${NAME_START})\s+\((${NAME})\)\s*,?\s+(?:reported|reports|has reported|said)\b`, 'gu'),
    pick: (m) => (isOutlet(m[2]!) || outletIn(m[1]!, 'end') !== undefined ? m[2] : undefined),
  },
  // "..., Reuters reported." / "the Wall Street Journal reported".
  {
    pattern: new RegExp(String.raw`(${NAME_START})\s+(?:reported|reports|has reported)\b`, 'gu'),
    pick: (m) => outletIn(m[1]!, 'end'),
  },
  // Known wires are also cited with "said": "Xinhua said".
  {
    pattern: new RegExp(String.raw`(${NAME_START})\s+(?:said|says)\b`, 'gu'),
    pick: (m) => {
      const name = outletIn(m[1]!, 'end');
      return name !== undefined && KNOWN.has(name) ? name : undefined;
    },
  },
  // "according to the Associated Press" / "reported by Reuters".
  {
    pattern: new RegExp(String.raw`\b(?:according to|reported by|reporting by)\s+(?:the\s+)?(${NAME})`, 'gu'),
    pick: (m) => outletIn(m[1]!, 'start'),
  },
];

/** Returns the news outlet the text credits as its source (e.g. "Kyodo", "Reuters"), or undefined when none is named. */
export function findAttribution(paragraphs: readonly string[]): string | undefined {
  for (const paragraph of paragraphs) {
    const dateline = readDateline(paragraph);
    if (dateline) return dateline.agency;
  }
  for (const rule of RULES) {
    for (const paragraph of paragraphs) {
      // Fresh RegExp per paragraph: global regexes carry lastIndex state.
      const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
      if (!pattern.global) {
        const m = pattern.exec(paragraph);
        const found = m ? rule.pick(m) : undefined;
        if (found) return found;
        continue;
      }
      for (let m = pattern.exec(paragraph); m !== null; m = pattern.exec(paragraph)) {
        const found = rule.pick(m);
        if (found) return found;
      }
    }
  }
  return undefined;
}
