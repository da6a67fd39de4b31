// Well-known wire services and broadcasters, matched case-sensitively as whole names.
const KNOWN_OUTLETS = [
  'AP', 'Associated Press', 'Reuters', 'AFP', 'Agence France-Presse', 'Kyodo', 'Kyodo News', 'Jiji', 'Jiji Press',
  'Xinhua', 'Yonhap', 'TASS', 'RIA Novosti', 'Interfax', 'dpa', 'ANSA', 'EFE', 'PTI', 'ANI', 'UPI', 'Anadolu',
  'Bernama', 'Antara', 'Bloomberg', 'NHK', 'BBC', 'CNN', 'CNA', 'AAP', 'Canadian Press', 'Press Association', 'PA',
];
const KNOWN = new Set(KNOWN_OUTLETS);

// Words that make a capitalised phrase the name of a news outlet ("Japan's News Agency", "The Wall Street Journal").
const NEWS_WORD =
  /\b(?:News|Agency|Press|Wire|Times|Post|Journal|Herald|Tribune|Gazette|Telegraph|Guardian|Broadcasting|Television|TV|Radio|Daily|Chronicle|Observer|Newspaper|Media)\b/u;

const WORD = String.raw`\p{Lu}[\p{L}\p{M}\p{N}.&'’-]*`;
const NAME = String.raw`${WORD}(?:\s+(?:of|the|and|for|de)\s+${WORD}|\s+${WORD})*`;

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
  const words = stripArticle(phrase.replace(/[.,;:]+$/u, '')).split(/\s+/u);
  const candidates: string[] = [];
  for (let n = words.length; n >= 1; n--) {
    const part = anchor === 'end' ? words.slice(words.length - n) : words.slice(0, n);
    // A name cannot start or end with a connector, nor start with a possessive ("Japan's News Agency").
    const first = part[0] ?? '';
    const last = part[part.length - 1] ?? '';
    if (/^(?:of|the|and|for|de)$/u.test(first) || /^(?:of|the|and|for|de)$/u.test(last)) continue;
    candidates.push(part.join(' '));
  }
  const known = candidates.find((c) => KNOWN.has(c));
  if (known) return known;
  return candidates.find((c) => NEWS_WORD.test(c) && !/[’']s$/u.test(c.split(' ')[0] ?? ''));
}

// Ordered by how explicitly the text names its own source.
const RULES: Rule[] = [
  // Dateline: "WASHINGTON (AP) — ...", "GENOA, Italy (AP) — ..." or "(Reuters) - ..." at the start of a paragraph.
  {
    pattern: new RegExp(String.raw`^\s*(?:[\p{Lu}][\p{Lu}\p{M} .,'’-]*(?:,\s*\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3})?\s)?\((${NAME})\)\s*[—–-]`, 'u'),
    pick: (m) => (isOutlet(m[1]!) ? m[1] : undefined),
  },
  // "Japan's News Agency (Kyodo) reported": the parenthetical is the outlet's short name.
  {
    pattern: new RegExp(String.raw`(${NAME})\s+\((${NAME})\)\s*,?\s+(?:reported|reports|has reported|said)\b`, 'gu'),
    pick: (m) => (isOutlet(m[2]!) || outletIn(m[1]!, 'end') !== undefined ? m[2] : undefined),
  },
  // "..., Reuters reported." / "the Wall Street Journal reported".
  {
    pattern: new RegExp(String.raw`(${NAME})\s+(?:reported|reports|has reported)\b`, 'gu'),
    pick: (m) => outletIn(m[1]!, 'end'),
  },
  // Known wires are also cited with "said": "Xinhua said".
  {
    pattern: new RegExp(String.raw`(${NAME})\s+(?:said|says)\b`, 'gu'),
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
