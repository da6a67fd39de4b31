import nlp from 'compromise';
import { isPairAt } from '../text/letter-runs.js';
import { sweep } from './compromise-sweep.js';

// compromise's post-tagger sweep, with the same results and less bookkeeping (compromise-sweep.ts).
nlp.plugin({ methods: { one: { bulkMatch: sweep } } });

export type EntityKind = 'person' | 'place' | 'organization';

/** A named entity with one canonical form and how often the text mentions it. */
export interface Entity {
  name: string;
  kind: EntityKind;
  count: number;
}

export interface ExtractEntitiesOptions {
  /** Maximum number of entities returned (default 20). */
  max?: number;
}

type Kind = EntityKind | 'unknown';

/** A stretch of one paragraph that some detector believes is a name. */
interface Span {
  start: number;
  end: number;
  text: string;
  kind: Kind;
  /** Set by the gazetteer: the canonical form, which needs no further cleanup. */
  canonical?: string;
  /** Leading title words compromise tagged (e.g. "Minister" in "Minister Gen Nakatani"). */
  titleTokens?: number;
  /** Characters of those title words, so overlaps compare the names themselves. */
  titleLength?: number;
}

/** One resolved mention: a cleaned name at a position in the document. */
interface Mention {
  name: string;
  kind: Kind;
  order: number;
  /** Produced by our own splitting rather than by a detector, so demonyms here are not places. */
  derived: boolean;
}

interface TermJson {
  text: string;
  tags: string[];
}
interface MatchJson {
  text: string;
  offset: { start: number; length: number };
  terms: TermJson[];
}

// Canonical name, kind and surface forms. Apostrophes are normalised to ASCII before matching.
const ALIASES: ReadonlyArray<readonly [string, EntityKind, readonly string[]]> = [
  ['United States', 'place', ['United States of America', 'United States', 'U.S.A.', 'USA', 'U.S.', 'US', 'America']],
  ['United Kingdom', 'place', ['United Kingdom', 'Great Britain', 'Britain', 'U.K.', 'UK']],
  ['European Union', 'organization', ['European Union', 'E.U.', 'EU']],
  ['United Nations', 'organization', ['United Nations', 'U.N.', 'UN']],
  ['South Korea', 'place', ['Republic of Korea', 'South Korea', 'ROK']],
  ['North Korea', 'place', ["Democratic People's Republic of Korea", 'North Korea', 'DPRK']],
  ['China', 'place', ["People's Republic of China", 'PRC', 'China']],
  ['Russia', 'place', ['Russian Federation', 'Russia']],
];

const ALIAS_BY_FORM = new Map<string, { canonical: string; kind: EntityKind }>(
  ALIASES.flatMap(([canonical, kind, forms]) => forms.map((f) => [f, { canonical, kind }] as const)),
);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Longest forms first so "U.S.A." wins over "U.S."; lookarounds keep "US" out of "USB" and "U.S." out of "U.S.A.".
const GAZETTEER = new RegExp(
  String.raw`(?<![\p{L}\p{N}.])(?:${[...ALIAS_BY_FORM.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![\p{L}\p{N}]|\.\p{L})`,
  'gu',
);

const STOPWORDS = new Set(
  [
    'the', 'a', 'an', 'source', 'source link', 'link', 'read more', 'advertisement', 'related', 'photo', 'image',
    'video', 'getty images', 'file photo', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'this', 'that',
    'mr', 'mrs', 'ms', 'dr', 'sir', 'madam', 'today', 'yesterday', 'tomorrow',
  ],
);

const CALENDAR = new Set(
  [
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
    'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'monday',
    'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur',
    'thurs', 'fri', 'sat', 'sun',
  ],
);

// Lowercase words that may sit inside a name ("Bank of Japan", "Leonardo da Vinci").
const CONNECTORS = new Set(['of', 'the', 'and', 'for', 'de', 'du', 'da', 'del', 'der', 'van', 'von', 'la', 'le', 'al', 'bin', 'on']);

// Lexicon tags that mark a word as (part of) a proper name rather than a common word.
const PROPER_TAGS = new Set([
  'ProperNoun', 'Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName', 'Place', 'Country', 'City', 'Region',
  'Organization', 'Company', 'SportsTeam', 'Acronym', 'Demonym',
]);
const PLACE_TAGS = new Set(['Place', 'Country', 'City', 'Region']);

const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;

function lexiconTags(word: string): string[] {
  const tags = LEXICON[word.toLowerCase()];
  return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
}

/** Whether compromise's lexicon knows a word as a given name ("Jane", "Kwame" not). */
export function isKnownGivenName(word: string): boolean {
  return lexiconTags(word).some((tag) => tag === 'FirstName' || tag === 'MaleName' || tag === 'FemaleName');
}

const normaliseApostrophes = (s: string): string => s.replace(/[’‘`]/g, "'");

/** Extracts people, places and organisations from article paragraphs, one canonical form each, most mentioned first. */
export function extractEntities(paragraphs: readonly string[], options: ExtractEntitiesOptions = {}): Entity[] {
  const max = options.max ?? 20;
  const lowercaseWords = new Set(paragraphs.flatMap((p) => p.match(/(?<![\p{L}'’])\p{Ll}[\p{Ll}'’-]*/gu) ?? []));
  const accepted: Array<{ paragraph: number; spans: Span[] }> = [];
  const mentions: Mention[] = [];

  paragraphs.forEach((paragraph, index) => {
    const detected = [...gazetteerSpans(paragraph), ...compromiseSpans(paragraph, lowercaseWords), ...introducedPersonSpans(paragraph, lowercaseWords)];
    // compromise also reports "America" inside "Bank of America"; an alias form that ends a longer name is not that country.
    const spans = resolveOverlaps(
      detected.filter((s) => !(ALIAS_BY_FORM.has(cleanAliasText(s.text)) && isTailOfLargerName(normaliseApostrophes(paragraph), s.start))),
    );
    accepted.push({ paragraph: index, spans });
    for (const span of spans) {
      for (const m of normaliseSpan(span)) {
        mentions.push({ ...m, order: index * 1_000_000 + span.start });
      }
    }
  });

  // Surnames of people named in full, so that later "Nakatani" resolves to "Gen Nakatani".
  const fullNames = mentions.filter((m) => m.kind === 'person' && m.name.split(' ').length >= 2);
  const surnames = new Set(fullNames.map((m) => lastToken(m.name)));
  mentions.push(...surnameMentions(paragraphs, accepted, surnames));

  const resolved = resolveMentions(mentions, fullNames, lowercaseWords);
  return rank(resolved).slice(0, Math.max(0, max));
}

/** Returns up to `max` tag names for the given (already ranked) entities. */
export function entityTags(entities: readonly Entity[], max = 8): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const e of entities) {
    if (tags.length >= max) break;
    const key = e.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(e.name);
  }
  return tags;
}

function gazetteerSpans(paragraph: string): Span[] {
  const text = normaliseApostrophes(paragraph);
  const spans: Span[] = [];
  for (const m of text.matchAll(GAZETTEER)) {
    const start = m.index;
    const entry = ALIAS_BY_FORM.get(m[0]);
    if (entry === undefined) continue;
    spans.push({ start, end: start + m[0].length, text: m[0], kind: entry.kind, canonical: entry.canonical });
  }
  return spans;
}

/** Words for what a person named in full is, in the phrase after the name ("Kwame Iyer, the central bank governor"). */
const ROLES =
  'governor|minister|president|premier|chancellor|spokesman|spokeswoman|spokesperson|director|chief|head|leader|mayor|secretary|chairman|chairwoman|chair|ceo|founder|executive|commissioner|ambassador|envoy|negotiator|general|commander|coach|captain|manager|professor|analyst|economist|lawyer|attorney|judge|prosecutor|senator|lawmaker|legislator|official|officer|adviser|advisor|researcher|scientist|doctor|activist|candidate|owner|editor|reporter|correspondent';

/**
 * Two or three capitalised words that name a person by what the sentence says of them: a role
 * in the phrase after them ("Kwame Iyer, the central bank governor, said"), or a verb of speech
 * right after them ("Kwame Iyer said"). Why: compromise knows given names of some languages, and
 * found no one at all in "Kwame Iyer, the central bank governor". Each word must be no common
 * word (`isCommonWord`), so "Central Bank said" and "Supreme Court told" are no people. An
 * organisation compromise does not know may be taken ("Boko Haram said"): as a topic, which is
 * all these names become, it is right all the same.
 */
const introducedPerson = new RegExp(
  String.raw`(?<![\p{L}\p{N}'’.-])(\p{Lu}\p{Ll}[\p{Ll}'’-]*(?:[ \t]+\p{Lu}\p{Ll}[\p{Ll}'’-]*){1,2})(?=,[ \t]+(?:the|a|an)[ \t]+(?:[\p{L}'’-]+[ \t]+){0,4}?(?:${ROLES})s?\b|[ \t]+(?:said|says|told|added|wrote)\b)`,
  'gu',
);

function introducedPersonSpans(paragraph: string, lowercaseWords: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  for (const m of paragraph.matchAll(introducedPerson)) {
    // A title or a common word before the name is not part of it: "Minister Kwame Iyer said".
    const words = m[1]!.split(/[ \t]+/u);
    const first = words.findIndex((word) => !isCommonWord(word, lowercaseWords));
    if (first === -1 || words.length - first < 2 || words.slice(first).some((word) => isCommonWord(word, lowercaseWords))) continue;
    const start = m.index + m[1]!.indexOf(words[first]!);
    // "in Tampere Costa said": a place and a surname, as `withGivenName` reads it.
    const wordBefore = /(\p{L}+)[ \t]*$/u.exec(paragraph.slice(Math.max(0, start - 32), start))?.[1];
    if (wordBefore !== undefined && PLACE_PREPOSITIONS.has(wordBefore.toLowerCase())) continue;
    const end = m.index + m[1]!.length;
    spans.push({ start, end, text: paragraph.slice(start, end), kind: 'person' });
  }
  return spans;
}

/**
 * A capitalised word that is a common one: a word of compromise's lexicon other than a name's
 * (or the plural of one: "Motors", "Holdings"), one the text uses in lower case, a connector or
 * a month or day.
 */
function isCommonWord(word: string, lowercaseWords: ReadonlySet<string>): boolean {
  const lower = word.toLowerCase();
  const common = (form: string) => lexiconTags(form).some((tag) => !PROPER_TAGS.has(tag));
  return common(lower) || (lower.endsWith('s') && common(lower.slice(0, -1))) || lowercaseWords.has(lower) || CONNECTORS.has(lower) || CALENDAR.has(lower);
}

const cleanAliasText = (text: string): string =>
  normaliseApostrophes(text).replace(/^[("“]+|[)"”,;:!?]+$/gu, '').replace(/'s?$/u, '').replace(/(?<=\p{Ll})\.$/u, '');

/**
 * True when the match continues a capitalised name ("Bank of America", "Latin America"). A capitalised
 * word at the start of a sentence ("Meanwhile US officials") does not count.
 */
function isTailOfLargerName(text: string, start: number): boolean {
  const before = text.slice(0, start);
  const m = /(^|[.!?]["')]?\s+|\s)(\p{Lu}[\p{L}'-]*)\s+(?:(?:of|the)\s+)?$/u.exec(before);
  if (m === null) return false;
  const atSentenceStart = m[1] === '' || /[.!?]/.test(m[1] ?? '');
  return !atSentenceStart;
}

/**
 * The steps compromise runs on a text, without splitting it into noun and verb chunks: that step
 * was a tenth of tagging, and people, places and organisations are found by their tags alone.
 */
const taggingHooks = nlp.hooks().filter((hook) => hook !== 'chunks');

/** Tag a text as `nlp(text)` does, but with `taggingHooks`. */
function tag(text: string): ReturnType<typeof nlp> {
  const world = nlp.world() as { hooks: string[] };
  const all = world.hooks;
  // `nlp()` runs the hooks the world lists when it is called; swapped for that call only.
  world.hooks = taggingHooks;
  try {
    return nlp(text);
  } finally {
    world.hooks = all;
  }
}

function compromiseSpans(paragraph: string, lowercaseWords: ReadonlySet<string>): Span[] {
  const doc = tag(paragraph);
  const spans: Span[] = [];
  const add = (matches: MatchJson[], kind: EntityKind): void => {
    for (const m of matches) {
      const titleTokens = kind === 'person' ? leadingTitleTokens(m.terms) : 0;
      const firstName = m.terms[titleTokens]?.text ?? '';
      const titleLength = titleTokens === 0 ? 0 : Math.max(0, m.text.indexOf(firstName));
      const span: Span = { start: m.offset.start, end: m.offset.start + m.offset.length, text: m.text, kind, titleTokens, titleLength };
      spans.push(kind === 'person' && m.terms.length === 1 ? withGivenName(paragraph, span, lowercaseWords) : span);
    }
  };
  const json = (view: { json: (o: object) => unknown }): MatchJson[] => view.json({ offset: true, terms: true }) as MatchJson[];
  add(json(doc.people()), 'person');
  add(json(doc.places()), 'place');
  add(json(doc.organizations()), 'organization');
  // compromise misses many names it has not seen, even right after a title ("Prime Minister Shigeru Ishiba"):
  // two or more capitalised unknown words after a title word are a person's name.
  const titled = json(doc.match('(#Honorific|#Actor)+ #ProperNoun+')).filter((m) => {
    const name = m.terms.slice(leadingTitleTokens(m.terms));
    return name.length >= 2 && name.every((t) => !t.tags.some((tag) => NOT_PERSON_TAGS.has(tag)));
  });
  add(titled, 'person');
  return spans;
}

/** Words after which a capitalised word is more likely a place than a given name ("in Tampere Costa said"). */
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'to', 'near', 'outside', 'inside', 'into', 'across', 'around', 'throughout', 'of', 'for', 'on', 'by']);

/**
 * A one-word name compromise found, with the given name before it that compromise did not know
 * ("Priya Costa", "Kwame Müller", where it finds "Costa" and "Müller" alone). The word before is
 * taken as a given name when it is capitalised, no entry of compromise's lexicon and no lowercase
 * use in the text make it a common word, and it does not follow a preposition of place.
 */
function withGivenName(paragraph: string, span: Span, lowercaseWords: ReadonlySet<string>): Span {
  const before = paragraph.slice(Math.max(0, span.start - 64), span.start);
  const given = /(\p{Lu}\p{Ll}+)[ \t]+$/u.exec(before);
  if (given === null) return span;
  const word = given[1]!;
  const previous = before.slice(0, given.index);
  if (/[\p{L}\p{N}'’.-]$/u.test(previous)) return span;
  if (lexiconTags(word).length > 0 || lowercaseWords.has(word.toLowerCase()) || CONNECTORS.has(word.toLowerCase())) return span;
  const wordBefore = /(\p{L}+)\s*$/u.exec(previous)?.[1];
  if (wordBefore !== undefined && PLACE_PREPOSITIONS.has(wordBefore.toLowerCase())) return span;
  const start = span.start - (before.length - given.index);
  return { ...span, start, text: paragraph.slice(start, span.end) };
}

const NOT_PERSON_TAGS = new Set(['Place', 'Country', 'City', 'Region', 'Organization', 'Demonym', 'Date', 'Acronym', 'Honorific', 'Actor']);

/**
 * Counts title words at the start of a person match ("Secretary", "President", "Gen."). An unpunctuated
 * abbreviation such as "Gen" is also a given name (Gen Nakatani), so it is only a title when at least two
 * name words follow it.
 */
function leadingTitleTokens(terms: TermJson[]): number {
  let n = 0;
  while (n < terms.length - 1) {
    const term = terms[n]!;
    const tags = new Set(term.tags);
    const isName = tags.has('FirstName') || tags.has('LastName');
    if (isName || !(tags.has('Honorific') || tags.has('Actor'))) break;
    const bareAbbreviation = tags.has('Abbreviation') && !term.text.endsWith('.');
    if (bareAbbreviation && terms.length - n - 1 < 2) break;
    n++;
  }
  return n;
}

/**
 * Keeps the longest names, title words not counted ("President Emmanuel" loses to "Emmanuel Macron");
 * on equal length the earlier-listed detector (gazetteer, people, places, orgs, titled names) wins.
 */
function resolveOverlaps(spans: Span[]): Span[] {
  const size = (s: Span): number => s.end - s.start - (s.titleLength ?? 0);
  const ordered = spans.map((s, i) => ({ s, i })).sort((a, b) => size(b.s) - size(a.s) || a.i - b.i);
  const kept: Span[] = [];
  for (const { s } of ordered) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Turns a detector span into zero or more cleaned mentions (without positions). */
function normaliseSpan(span: Span): Array<Omit<Mention, 'order'>> {
  if (span.canonical !== undefined) return [{ name: span.canonical, kind: span.kind, derived: false }];
  let tokens = normaliseApostrophes(span.text).trim().split(/\s+/u).slice(span.titleTokens ?? 0);
  tokens = tokens.map((t) => t.replace(/^[("'“‘[]+|[)"'”’\],;:!?]+$/gu, ''));
  tokens = stripEdgeTokens(tokens);
  if (tokens.length === 0) return [];
  const last = tokens.length - 1;
  tokens[last] = tokens[last]!.replace(/\.$/u, (dot) => (isAbbreviation(tokens[last]!) ? dot : ''));
  tokens[last] = tokens[last]!.replace(/'s?$/u, '');

  // "Japan's News Agency", "Ishiba's government": the possessor is the name; what follows describes it.
  const possessive = tokens.findIndex((t, i) => i < last && /'s?$/u.test(t));
  if (possessive !== -1) {
    const possessor = tokens.slice(0, possessive + 1).join(' ').replace(/'s?$/u, '');
    return [{ name: possessor, kind: 'unknown', derived: true }];
  }

  // "Italian city of Naples", "Chinese military", "UK team": keep the last run of capitalised words.
  const hasLowercase = tokens.some((t) => /^\p{Ll}/u.test(t) && !CONNECTORS.has(t));
  if (hasLowercase) {
    const chunks: string[][] = [[]];
    for (const t of tokens) {
      if (/^\p{Ll}/u.test(t) && !CONNECTORS.has(t)) chunks.push([]);
      else chunks[chunks.length - 1]!.push(t);
    }
    const tail = stripEdgeTokens(chunks.filter((c) => stripEdgeTokens(c).length > 0).pop() ?? []);
    return tail.length === 0 ? [] : [{ name: tail.join(' '), kind: span.kind, derived: true }];
  }

  const name = tokens.join(' ');
  // "Japan-US alliance": split a hyphenated pair only when each half is itself a known place.
  if (span.kind !== 'person' && /^\p{Lu}[^-\s]*(?:-\p{Lu}[^-\s]*)+$/u.test(name)) {
    const parts = name.split('-');
    if (parts.every((p) => ALIAS_BY_FORM.has(p) || lexiconTags(p).some((t) => PLACE_TAGS.has(t)))) {
      return parts.map((p) => ({ name: p, kind: 'place' as const, derived: true }));
    }
  }
  return [{ name, kind: span.kind, derived: false }];
}

function stripEdgeTokens(tokens: string[]): string[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && (tokens[start] === '' || CONNECTORS.has(tokens[start]!.toLowerCase()))) start++;
  while (end > start && (tokens[end - 1] === '' || CONNECTORS.has(tokens[end - 1]!))) end--;
  return tokens.slice(start, end);
}

const isAbbreviation = (token: string): boolean => /^(?:\p{Lu}\.)+$/u.test(token) || /^(?:Jr|Sr|Co|Corp|Inc|Ltd|St)\.$/u.test(token);

const lastToken = (name: string): string => name.split(' ').pop() ?? name;

/** A character that makes the text after it part of the same word: the last character (or surrogate pair) of the two. */
const joinsWord = /[\p{L}\p{N}'’-]$/u;

/** Finds bare-surname mentions ("Nakatani assured Austin") outside the spans already accepted. */
function surnameMentions(
  paragraphs: readonly string[],
  accepted: ReadonlyArray<{ paragraph: number; spans: Span[] }>,
  surnames: ReadonlySet<string>,
): Mention[] {
  if (surnames.size === 0) return [];
  const found: Mention[] = [];
  for (const { paragraph, spans } of accepted) {
    for (const { name, start, end } of findSurnames(paragraphs[paragraph] ?? '', surnames)) {
      if (spans.some((s) => start < s.end && end > s.start)) continue;
      found.push({ name, kind: 'person', order: paragraph * 1_000_000 + start, derived: true });
    }
  }
  return found;
}

/**
 * Where the surnames stand in a text as words of their own, left to right and never overlapping:
 * not after a letter, digit, apostrophe or hyphen, and not before a letter or digit, though a
 * possessive ("Nakatani's") may follow. Where two could start, the one listed first is taken.
 *
 * Why not one regular expression of all the surnames: it was built and compiled again for every
 * seed, and took 5 % of tagging a seed's entities.
 */
export function findSurnames(text: string, surnames: Iterable<string>): Array<{ name: string; start: number; end: number }> {
  const byFirstUnit = new Map<number, string[]>();
  for (const name of surnames) {
    if (name === '') continue;
    const unit = name.charCodeAt(0);
    const list = byFirstUnit.get(unit);
    if (list) list.push(name);
    else byFirstUnit.set(unit, [name]);
  }
  const found: Array<{ name: string; start: number; end: number }> = [];
  let at = 0;
  while (at < text.length) {
    const candidates = byFirstUnit.get(text.charCodeAt(at));
    let end = -1;
    if (candidates !== undefined && !(at > 0 && joinsWord.test(text.slice(Math.max(0, at - 2), at)))) {
      for (const name of candidates) {
        end = text.startsWith(name, at) ? wordEnd(text, at + name.length) : -1;
        if (end !== -1) {
          found.push({ name, start: at, end });
          break;
        }
      }
    }
    if (end !== -1) at = end;
    else at += isPairAt(text, at) ? 2 : 1;
  }
  return found;
}

/** The end of a word whose letters end at `end`, past a possessive `'s` or `'`; -1 when a letter or digit goes on. */
function wordEnd(text: string, end: number): number {
  const next = text[end];
  if (next === "'" || next === '’') {
    if (text[end + 1] === 's' && !continuesWord(text, end + 2)) return end + 2;
    if (!continuesWord(text, end + 1)) return end + 1;
  }
  return continuesWord(text, end) ? -1 : end;
}

const letterOrDigitFirst = /^[\p{L}\p{N}]/u;
const continuesWord = (text: string, at: number): boolean => letterOrDigitFirst.test(text.slice(at, at + 2));

interface Tally {
  name: string;
  first: number;
  count: number;
  kinds: Map<EntityKind, number>;
}

/** Merges mentions into entities: aliases, surnames to full names, unknowns to known names; drops noise. */
function resolveMentions(mentions: Mention[], fullNames: Mention[], lowercaseWords: ReadonlySet<string>): Tally[] {
  const sorted = [...mentions].sort((a, b) => a.order - b.order);
  const fullBySurname = new Map<string, Mention[]>();
  for (const f of [...fullNames].sort((a, b) => a.order - b.order)) {
    const list = fullBySurname.get(lastToken(f.name)) ?? [];
    if (!list.some((x) => x.name === f.name)) list.push(f);
    fullBySurname.set(lastToken(f.name), list);
  }

  const canonical = (m: Mention): { name: string; kind: Kind } => {
    const alias = ALIAS_BY_FORM.get(m.name);
    if (alias !== undefined) return { name: alias.canonical, kind: alias.kind };
    const candidates = fullBySurname.get(m.name);
    if (candidates !== undefined && (m.kind === 'person' || m.kind === 'unknown')) {
      // Two people sharing a surname: a bare surname refers to the one most recently named in full.
      const before = candidates.filter((c) => c.order <= m.order);
      const person = before[before.length - 1] ?? candidates[0]!;
      return { name: person.name, kind: 'person' };
    }
    return { name: m.name, kind: m.kind };
  };

  const tallies = new Map<string, Tally>();
  const unknowns: Array<{ name: string; order: number }> = [];
  for (const m of sorted) {
    const { name, kind } = canonical(m);
    if (isNoise(name, kind, m.derived, lowercaseWords)) continue;
    if (kind === 'unknown') {
      unknowns.push({ name, order: m.order });
      continue;
    }
    const tally = tallies.get(name) ?? { name, first: m.order, count: 0, kinds: new Map<EntityKind, number>() };
    tally.count++;
    tally.kinds.set(kind, (tally.kinds.get(kind) ?? 0) + 1);
    tallies.set(name, tally);
  }
  // A possessor ("Japan's ...") counts only when it names an entity found elsewhere or a known place.
  for (const u of unknowns) {
    const known = tallies.get(u.name);
    if (known !== undefined) {
      known.count++;
      known.first = Math.min(known.first, u.order);
    } else if (lexiconTags(u.name).some((t) => PLACE_TAGS.has(t))) {
      tallies.set(u.name, { name: u.name, first: u.order, count: 1, kinds: new Map([['place', 1]]) });
    }
  }
  return [...tallies.values()];
}

function isNoise(name: string, kind: Kind, derived: boolean, lowercaseWords: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  if (name.length < 2 || !/\p{L}/u.test(name)) return true;
  if (STOPWORDS.has(lower) || CALENDAR.has(lower.replace(/\.$/u, ''))) return true;
  if (name.includes(' ')) return false;
  const tags = lexiconTags(name);
  if (tags.includes('Demonym') && (derived || kind !== 'place')) return true;
  // A single word is a common word when the lexicon knows it only as one, or the text also uses it in lowercase.
  const proper = tags.some((t) => PROPER_TAGS.has(t)) || /^\p{Lu}{2,}$/u.test(name);
  if (proper) return false;
  return tags.length > 0 || lowercaseWords.has(lower);
}

function rank(tallies: Tally[]): Entity[] {
  return tallies
    .map((t) => ({ tally: t, kind: majorityKind(t.kinds) }))
    .sort((a, b) => b.tally.count - a.tally.count || a.tally.first - b.tally.first || cmp(a.tally.name, b.tally.name))
    .map(({ tally, kind }) => ({ name: tally.name, kind, count: tally.count }));
}

function majorityKind(kinds: ReadonlyMap<EntityKind, number>): EntityKind {
  let best: EntityKind = 'organization';
  let bestCount = -1;
  // Ties resolve person > place > organization, a fixed order so the result never depends on input order.
  for (const kind of ['person', 'place', 'organization'] as const) {
    const n = kinds.get(kind) ?? 0;
    if (n > bestCount) {
      best = kind;
      bestCount = n;
    }
  }
  return best;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
