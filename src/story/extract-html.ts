import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { nestsDeeperThan } from './page-depth.js';
import { unspacedLetters, wordCount } from '../text/words.js';
import { readWrittenDate } from '../text/written-date.js';

/** The article found in an HTML page: metadata plus plain-text paragraphs. */
export interface ExtractedArticle {
  title?: string;
  byline?: string;
  /** ISO 8601 (a bare YYYY-MM-DD date is kept as is). */
  date?: string;
  canonicalUrl?: string;
  siteName?: string;
  /** The story's lead photo, at an absolute http(s) address: the page's own choice (og:image), else the first image of the article. */
  /** The story's lead photo, by its address on the web, with the caption the page gives it. */
  image?: { src: string; alt: string; caption?: string };
  paragraphs: string[];
}

// The project compiles without the DOM lib, so describe the little of the DOM this module touches.
interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: Iterable<DomNode>;
  previousSibling: DomNode | null;
  parentElement: DomElement | null;
}
interface DomElement extends DomNode {
  tagName: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  closest(selector: string): DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  remove(): void;
}
interface DomDocument {
  documentElement: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

type JsonObject = Record<string, unknown>;

const BLOCKS = new Set(['P', 'LI', 'BLOCKQUOTE', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'DT', 'DD', 'CAPTION', 'TR']);
// A table row is a paragraph of its cells, one after another with this between them.
const CELL_SEPARATOR = ' | ';
// Elements that never hold article text; removed before Readability scores the page.
const NEVER_CONTENT = 'script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, select, nav';
const ARTICLE_TYPES = /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|Report|LiveBlogPosting|OpinionNewsArticle)$/;
// class/id tokens of advertising slots; Readability's own heuristics miss short ones like "ad".
const AD_TOKEN = /^(?:ad|ads|adv|advert|adverts|advertisement|adslot|ad-[\w-]+|[\w-]+-ad|sponsor|sponsored|promo|banner)$/i;
// Slot labels that survive when an ad container is not recognisable.
const BOILERPLATE = /^(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?)$/i;
// Readability returns its best guess even for a home page; below this much prose there is no article.
const MIN_ARTICLE_CHARS = 120;

/**
 * Most levels of elements a page may nest. Why: Readability's time grows faster than the square of
 * the depth (1,000 nested <div>s, 5 kB, took a minute), and saved news pages nest a few dozen.
 */
export const maxPageDepth = 128;

/** What `extractArticleFromHtml` throws for a page that nests its elements more than `maxPageDepth` levels deep. */
export class PageTooDeep extends Error {
  constructor() {
    super(`The page nests its elements more than ${maxPageDepth} levels deep.`);
  }
}

/** Extracts the main article (metadata and plain-text paragraphs) from an HTML page, or undefined when it has none; throws `PageTooDeep` for a page nested too deep to read. */
export function extractArticleFromHtml(html: string, url?: string): ExtractedArticle | undefined {
  // A page nested thousands deep is known before it is parsed, which took 113 s at 300,000
  // levels; the margin leaves every page nearer the limit to be looked at as parsed.
  if (nestsDeeperThan(html, 4 * maxPageDepth)) throw new PageTooDeep();
  const document = parseDocument(html);
  if (document.documentElement !== null && deeperThan(document.documentElement, maxPageDepth)) throw new PageTooDeep();
  // Read metadata first: Readability rewrites the document it is given.
  const ld = jsonLdArticle(document);
  const headline = pageHeadline(document);
  const bylineElement = pageBylineElement(document);
  const pageTitles = [meta(document, 'property', 'og:title'), textOf(document.querySelector('title'))];
  // Structured data and meta tags name the publication's date; a <time> may date anything (timeDate).
  const metaDate = [stringField(ld, 'datePublished'), ...publishedMeta(document)].map((d) => (d === undefined ? undefined : writtenDate(d))).find((d) => d !== undefined);
  const times = metaDate === undefined ? markTimes(document) : [];
  const canonicalUrl = [document.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? undefined, meta(document, 'property', 'og:url')]
    .map((href) => (href === undefined ? undefined : httpUrl(href, url)))
    .find((u) => u !== undefined);
  const pageImage = meta(document, 'property', 'og:image') ?? meta(document, 'name', 'twitter:image');
  const sharedImage = pageImage === undefined ? undefined : httpUrl(pageImage, url ?? canonicalUrl);

  for (const el of [...document.querySelectorAll(NEVER_CONTENT)]) el.remove();
  for (const el of [...document.querySelectorAll('[class], [id]')]) {
    const tokens = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/u);
    if (tokens.some((t) => AD_TOKEN.test(t))) el.remove();
  }
  const parsed = new Readability(document as never, { charThreshold: 200 }).parse();
  if (parsed === null || typeof parsed.content !== 'string') return undefined;

  const content = parseHTML(`<!DOCTYPE html><html><body>${parsed.content}</body></html>`) as unknown as { document: DomDocument };
  const paragraphs = contentParagraphs(content.document);
  const image = leadImage(sharedImage, meta(document, 'property', 'og:image:alt'), content.document, url ?? canonicalUrl);
  // Readability keeps the page's headline in the text when it does not find it like the title
  // word for word, as with any headline in Chinese or Japanese: it is the headline, not a paragraph.
  const keptHeadline = headline !== undefined && paragraphs[0] === headline;
  if (keptHeadline) paragraphs.shift();
  const prose = paragraphs.join(' ');
  // A letter of Chinese or Japanese says about as much as two of English.
  if (prose.length + unspacedLetters(prose) < MIN_ARTICLE_CHARS || !paragraphs.some((p) => wordsOfLetters(p) >= 8)) return undefined;

  const date = metaDate ?? timeDate(times, content.document);
  const siteName = meta(document, 'property', 'og:site_name') ?? clean(parsed.siteName) ?? personName(ld?.['publisher']);
  // Every name the page gives its site, to be cut from its title.
  const siteNames = defined([siteName, personName(ld?.['publisher']), meta(document, 'name', 'application-name')]);
  const title = articleTitle(defined([clean(parsed.title), ...pageTitles]), { stated: stringField(ld, 'headline'), h1: headline }, siteNames);
  const byline = clean(parsed.byline) ?? meta(document, 'name', 'author') ?? personName(ld?.['author']) ?? bylineElement;
  return {
    ...(title === undefined ? {} : { title }),
    ...(byline === undefined ? {} : { byline }),
    ...(date === undefined ? {} : { date }),
    ...(canonicalUrl === undefined ? {} : { canonicalUrl }),
    ...(siteName === undefined ? {} : { siteName }),
    ...(image === undefined ? {} : { image }),
    paragraphs,
  };
}

/**
 * The story's lead photo: the one the page names for sharing (og:image), described by its own
 * alt text or the article's image of the same address; else the article's first image with an
 * address that can be reached from anywhere. Why keep one: a saved page's paragraphs are text,
 * and its photo was lost with the page.
 */
function leadImage(shared: string | undefined, sharedAlt: string | undefined, content: DomDocument, base: string | undefined): { src: string; alt: string; caption?: string } | undefined {
  const images = [...content.querySelectorAll('img')].flatMap((img) => {
    const src = httpUrl(img.getAttribute('src') ?? '', base);
    if (src === undefined) return [];
    // The caption of the figure the photo stands in, which the story's text leaves out (see `contentParagraphs`).
    const caption = textOf(img.closest('figure')?.querySelector('figcaption') ?? null);
    return [{ src, alt: clean(img.getAttribute('alt')) ?? '', ...(caption === undefined ? {} : { caption }) }];
  });
  // A page with no photo of its own often shares the site's logo: that is no photo of the story.
  const photo = (src: string) => !/logo|favicon|placeholder|default[-_.]|sprite|icon|\.svg(?:$|\?)/i.test(new URL(src).pathname)
  if (shared !== undefined && photo(shared)) {
    const inStory = images.find((image) => image.src === shared);
    return { src: shared, alt: sharedAlt ?? inStory?.alt ?? '', ...(inStory?.caption === undefined ? {} : { caption: inStory.caption }) };
  }
  return images.find((image) => photo(image.src));
}

/** Whether elements nest more than `limit` levels below `root`; looked at level by level, with no recursion. */
function deeperThan(root: DomNode, limit: number): boolean {
  let level: DomNode[] = [root];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > limit) return true;
    const next: DomNode[] = [];
    for (const node of level) for (const child of node.childNodes) if (child.nodeType === ELEMENT_NODE) next.push(child);
    level = next;
  }
  return false;
}

/**
 * Parses a page with linkedom, which builds no <html> element for text or fragments ("<p>..</p>" becomes the
 * document element itself); Readability needs a real document, so such input is wrapped in a <body>.
 */
function parseDocument(html: string): DomDocument {
  const parse = (s: string): DomDocument => (parseHTML(s) as unknown as { document: DomDocument }).document;
  const document = parse(html);
  if (document.documentElement?.tagName.toUpperCase() === 'HTML') return document;
  return parse(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
}

/**
 * Plain text of the block elements of Readability's output, each text once: a block's own text
 * stops where a block inside it starts (a <p> inside a <blockquote> or <li>), and two or more <br>
 * in a row split it, one being a space. Link lists that survived Readability (related stories) are
 * dropped. Why walk the nodes: textContent skips a <br> ("closed<br>Schools" came out
 * "closedSchools"), and the text of an <li> whose two <br> Readability turned into a <p> was lost.
 * A table row is a paragraph of its cells, and a term of a definition list one of its own: their
 * text was lost without a word.
 */
function contentParagraphs(document: DomDocument): string[] {
  const paragraphs: string[] = [];
  let text = '';
  let linkChars = 0;
  const endRun = (): void => {
    const prose = collapse(text).length;
    if (prose > 0 && linkChars / prose <= 0.5) {
      for (const line of text.split(/\n *(?:\n *)+/u).map(collapse)) if (line !== '' && !BOILERPLATE.test(line)) paragraphs.push(line);
    }
    text = '';
    linkChars = 0;
  };
  const walk = (node: DomNode, inBlock: boolean, inLink: boolean, inCell = false): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === TEXT_NODE) {
        if (!inBlock) continue;
        const words = (child.textContent ?? '').replace(/\s+/gu, ' ');
        text += words;
        if (inLink) linkChars += words.trim().length;
      } else if (child.nodeType === ELEMENT_NODE) {
        const tag = (child as DomElement).tagName.toUpperCase();
        if (tag === 'BR') {
          if (inBlock) text += inCell ? ' ' : '\n';
        } else if (tag === 'FIGCAPTION') {
          // A photo's caption is no paragraph of the story: its photo is not in the text (the lead photo keeps its own, see `leadImage`).
          continue;
        } else if (BLOCKS.has(tag) && inCell) {
          // A paragraph or list inside a cell is part of the cell's text.
          text += ' ';
          walk(child, true, inLink, true);
        } else if (BLOCKS.has(tag)) {
          endRun();
          walk(child, true, inLink);
          endRun();
        } else if ((tag === 'TD' || tag === 'TH') && inBlock) {
          if (collapse(text) !== '') text += CELL_SEPARATOR;
          walk(child, true, inLink, true);
        } else walk(child, inBlock, inLink || tag === 'A', inCell);
      }
    }
  };
  if (document.documentElement !== null) walk(document.documentElement, false, false);
  return paragraphs;
}

/** A date as the page writes it, as ISO 8601 (see `readWrittenDate`); one without a zone is the publisher's wall-clock time. */
const writtenDate = (value: string): string | undefined => readWrittenDate(value, 'UTC');

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

function jsonLdArticle(document: DomDocument): JsonObject | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // Broken JSON-LD is common; the page may still carry metadata elsewhere.
    }
    const found = findArticle(data);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findArticle(data: unknown): JsonObject | undefined {
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findArticle(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(data)) return undefined;
  const type = data['@type'];
  const types = Array.isArray(type) ? type : [type];
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) return data;
  return findArticle(data['@graph']);
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringField(obj: JsonObject | undefined, key: string): string | undefined {
  const v = obj?.[key];
  return typeof v === 'string' ? clean(v) : undefined;
}

/** Reads `name` from a JSON-LD person/organisation, a list of them, or a bare string. */
function personName(v: unknown): string | undefined {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) {
    const names = v.map(personName).filter((n): n is string => n !== undefined);
    return names.length > 0 ? names.join(', ') : undefined;
  }
  return isObject(v) ? stringField(v, 'name') : undefined;
}

/**
 * Names of the meta tags that give a page's publication date (`name`, `property` or `itemprop`,
 * in lower case), the most specific first: Open Graph's, schema.org's, then the generic `date`
 * and Dublin Core names of older and smaller sites.
 */
const PUBLISHED_META = [
  'article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date',
  'publication_date', 'dc.date', 'dc.date.issued', 'dc.date.created', 'dcterms.date', 'dcterms.issued', 'dcterms.created',
  'parsely-pub-date', 'sailthru.date',
];

/** The publication dates a page's meta tags give, in the order of PUBLISHED_META. */
function publishedMeta(document: DomDocument): string[] {
  const byName = new Map<string, string>();
  for (const tag of document.querySelectorAll('meta[content]')) {
    const content = clean(tag.getAttribute('content'));
    for (const attr of ['property', 'name', 'itemprop']) {
      const name = tag.getAttribute(attr)?.trim().toLowerCase();
      if (name !== undefined && content !== undefined && !byName.has(name)) byName.set(name, content);
    }
  }
  return PUBLISHED_META.map((name) => byName.get(name)).filter((d): d is string => d !== undefined);
}

/** A `<time datetime>` of the page: what it says it dates, and whether it stands in the page's chrome. */
interface PageTime {
  datetime: string;
  role: 'published' | 'updated' | 'plain';
  chrome: boolean;
}

/** Marks each `<time datetime>` with its index, so that the copy in Readability's article can be told apart. */
const TIME_INDEX = 'data-gazette-time';

/** Reads the page's `<time datetime>` elements before Readability rewrites the page, and marks each with its index. */
function markTimes(document: DomDocument): PageTime[] {
  return [...document.querySelectorAll('time[datetime]')].map((el, index) => {
    el.setAttribute(TIME_INDEX, String(index));
    return { datetime: el.getAttribute('datetime') ?? '', role: timeRole(el), chrome: inPageChrome(el) };
  });
}

/**
 * The date of the first usable `<time datetime>`: one marked as the publication's, else one in the
 * article Readability found, else one elsewhere outside the page's chrome, and one marked as an
 * update's only when there is no other. Why not the page's first: a header's "Today:" date, a sidebar's
 * "Most read" list or an "Updated" time standing before "Published" came first on real pages.
 */
function timeDate(times: readonly PageTime[], article: DomDocument): string | undefined {
  const inArticle = new Set([...article.querySelectorAll(`time[${TIME_INDEX}]`)].map((el) => Number(el.getAttribute(TIME_INDEX))));
  const usable = times.map((time, index) => ({ ...time, index })).filter((time) => !time.chrome);
  const ranked = [
    ...usable.filter((time) => time.role === 'published'),
    ...usable.filter((time) => time.role === 'plain' && inArticle.has(time.index)),
    ...usable.filter((time) => time.role === 'plain'),
    ...usable.filter((time) => time.role === 'updated'),
  ];
  return ranked.map((time) => writtenDate(time.datetime)).find((d) => d !== undefined);
}

const PUBLISHED_WORD = /(?:publish|posted|created|issued)/iu;
const UPDATED_WORD = /(?:updat|modif|edited|revised)/iu;
// The words that label a time: right before it ("Updated 4 Jan · Published 3 Jan on …") or its own first ("Updated 4 Jan").
const LABEL_BEFORE = /(?:^|[^\p{L}])(publish\p{L}*|posted|updated|modified|edited|revised)[^\p{L}\p{N}]*(?:(?:on|at)[^\p{L}\p{N}]*)?$/iu;
const LABEL_OPENING = /^[^\p{L}\p{N}]*(publish\p{L}*|posted|updated|modified|edited|revised)(?!\p{L})/iu;

/** Whether a `<time>` says it dates the publication or an update: by its itemprop, pubdate, class or id, its parent's, or the words before it. */
function timeRole(el: DomElement): PageTime['role'] {
  const itemprop = el.getAttribute('itemprop') ?? '';
  if (/^datePublished$/iu.test(itemprop) || el.getAttribute('pubdate') !== null) return 'published';
  if (/^dateModified$/iu.test(itemprop)) return 'updated';
  // The nearest says most: a class of the time's own, the words labelling it, then its parent's class.
  const label = LABEL_BEFORE.exec(precedingText(el))?.[1] ?? LABEL_OPENING.exec(el.textContent ?? '')?.[1];
  for (const names of [classAndId(el), label ?? '', classAndId(el.parentElement)]) {
    if (PUBLISHED_WORD.test(names)) return 'published';
    if (UPDATED_WORD.test(names)) return 'updated';
  }
  return 'plain';
}

/** The few words right before an element: its previous siblings', or, when it has none, its parent's ("<span>Updated</span> <span><time>"). */
function precedingText(el: DomElement): string {
  let text = '';
  for (let node: DomElement | null = el, depth = 0; node !== null && depth < 3 && text.trim() === ''; node = node.parentElement, depth++) {
    for (let sibling = node.previousSibling; sibling !== null && text.trim().length < 24; sibling = sibling.previousSibling) {
      text = (sibling.textContent ?? '') + text;
    }
  }
  return collapse(text);
}

const classAndId = (el: DomElement | null): string => (el === null ? '' : `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`);

/** Parts of a page that date other things: navigation, sidebars and the page's own header and footer. */
const CHROME = 'nav, aside, [role="navigation"], [role="complementary"], [role="contentinfo"]';
// class/id tokens of lists of other stories and of comments.
const CHROME_TOKEN = /^(?:sidebar|side-bar|related|most-?read|most-?popular|popular|trending|recommended|comments?)(?:$|[-_])/iu;

/**
 * Whether an element stands in the page's chrome rather than its article: in navigation or a sidebar,
 * a list of other stories, comments, or a header or footer of the page (one outside any article or
 * main, except a header that holds the page's headline).
 */
function inPageChrome(el: DomElement): boolean {
  if (el.closest(CHROME) !== null) return true;
  const edge = el.closest('header, footer, [role="banner"]');
  if (edge !== null && edge.closest('article, main, [role="main"]') === null && !(edge.tagName.toUpperCase() === 'HEADER' && edge.querySelector('h1') !== null)) {
    return true;
  }
  for (let node = el.parentElement; node !== null && !/^(?:body|html)$/iu.test(node.tagName); node = node.parentElement) {
    if (classAndId(node).split(/\s+/u).some((token) => CHROME_TOKEN.test(token))) return true;
  }
  return false;
}

function meta(document: DomDocument, attr: 'name' | 'property', value: string): string | undefined {
  return clean(document.querySelector(`meta[${attr}="${value}"]`)?.getAttribute('content'));
}

function textOf(el: DomElement | null): string | undefined {
  return clean(el?.textContent);
}

function clean(s: string | null | undefined): string | undefined {
  if (s === null || s === undefined) return undefined;
  const c = collapse(s);
  return c === '' ? undefined : c;
}

const collapse = (s: string): string => s.replace(/\s+/gu, ' ').trim();

const defined = (values: ReadonlyArray<string | undefined>): string[] => values.filter((v): v is string => v !== undefined);

// class/id tokens of a site's name set as a heading.
const LOGO_TOKEN = /^(?:logo|site-?logo|brand|branding|masthead|site-?(?:title|name))(?:$|[-_])/iu;

/** The text of the page's first <h1> that is not the site's name set as a logo. */
/** Elements a page marks as its writer's: a link to them, microdata, or a class WordPress and others use. */
const BYLINE_ELEMENTS = '[rel~="author"], [itemprop~="author"], .byline, .author, .entry-author, .post-author';

/**
 * The text of the element that names the story's writer, in the article (or the main part of the
 * page) and outside its comments: "by Jane Doe". Why, when Readability reads bylines: it drops a
 * header whose class says so, with the byline in it, before it looks for one, as WordPress pages
 * set theirs (`header.entry-header`, "Posted on January 5, 2026 by Jane Doe").
 */
function pageBylineElement(document: DomDocument): string | undefined {
  const scope = document.querySelector('article') ?? document.querySelector('main') ?? document.querySelector('body');
  if (scope === null) return undefined;
  for (const el of scope.querySelectorAll(BYLINE_ELEMENTS)) {
    if (el.closest('#comments, .comments, .comment, .comments-area, footer, aside, nav') !== null) continue;
    const text = textOf(el);
    if (text !== undefined && text.length < 100) return text;
  }
  return undefined;
}

function pageHeadline(document: DomDocument): string | undefined {
  for (const h1 of document.querySelectorAll('h1')) {
    const logo = [h1, h1.parentElement].some((el) => classAndId(el).split(/\s+/u).some((token) => LOGO_TOKEN.test(token)));
    const text = textOf(h1);
    if (!logo && h1.closest('nav') === null && text !== undefined) return text;
  }
  return undefined;
}

// What stands between a headline and the site's name in a page's title: "Headline | Site", "Site - Headline".
const TITLE_SEPARATOR = String.raw`\s*[|·•»/]\s*|\s+[-–—:]\s+`;
const SEPARATOR_AFTER = new RegExp(`^(?:${TITLE_SEPARATOR})`, 'u');
const SEPARATOR_BEFORE = new RegExp(`(?:${TITLE_SEPARATOR})$`, 'u');

/**
 * What a title holds besides `piece` when the piece stands at its start or end, parted from the
 * rest by a separator ("Storm hits coast | Harbour Herald" and "Storm hits coast" give "Harbour
 * Herald"); undefined when it does not.
 */
function besides(title: string, piece: string): string | undefined {
  const [t, p] = [title.toLowerCase(), piece.toLowerCase()];
  if (t.length <= p.length) return undefined;
  const after = t.startsWith(p) ? SEPARATOR_AFTER.exec(title.slice(p.length)) : null;
  if (after !== null) return clean(title.slice(p.length + after[0].length));
  const before = t.endsWith(p) ? title.slice(0, title.length - p.length) : '';
  const separator = SEPARATOR_BEFORE.exec(before);
  return separator === null ? undefined : clean(before.slice(0, separator.index));
}

/**
 * The article's title: the page's title without the site's name. The headline the page states
 * (JSON-LD's, else its <h1>) is the title when the page's title is it with a piece before or after
 * it; else a site name the page gives (og:site_name, …) is cut from either end. Why not Readability's
 * title alone: it keeps a title of four words or fewer whole ("Storm hits coast | Harbour Herald"),
 * and never cuts a site's name from the start. An <h1> is taken only when it has at least the words
 * of the piece it leaves, so a logo's "Harbour Herald" in "Harbour Herald | Storm hits coast" is not.
 */
function articleTitle(titles: readonly string[], headlines: { stated?: string | undefined; h1?: string | undefined }, siteNames: readonly string[]): string | undefined {
  const isSite = (text: string): boolean => siteNames.some((name) => name.toLowerCase() === text.toLowerCase());
  for (const title of titles) {
    for (const headline of defined([headlines.stated, headlines.h1])) {
      if (title === headline) return headline;
      const rest = besides(title, headline);
      if (rest !== undefined && !isSite(headline) && (headline === headlines.stated || isSite(rest) || wordsOfLetters(headline) >= wordsOfLetters(rest))) return headline;
    }
  }
  for (const title of titles) {
    for (const name of siteNames) {
      const rest = besides(title, name);
      if (rest !== undefined) return rest;
    }
  }
  const title = titles[0];
  return title === undefined || isSite(title) ? (headlines.stated ?? headlines.h1 ?? title) : title;
}

/** Words of a collapsed text that hold a letter ("|" and "—" are not words here). */
const wordsOfLetters = (s: string): number => wordCount(s.split(' ').filter((w) => /\p{L}/u.test(w)).join(' '));



/** Resolves `href` against the page URL and keeps it only if it is http(s). */
function httpUrl(href: string, base: string | undefined): string | undefined {
  try {
    const u = base === undefined ? new URL(href) : new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
