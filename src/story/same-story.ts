import { chunkedList, type ChunkedList } from '../chunked-list.js';
import { letterRuns } from '../text/letter-runs.js';
import { mayHoldUnspaced, unspacedApart } from '../text/words.js';
import { relatedStories, type RelatingMemory } from './related-stories.js';

/** One article as seen by story de-duplication. */
export interface StoryInput {
  id: string;
  /** ISO 8601 publication date. */
  date: string;
  path: string;
  title: string;
  paragraphs: readonly string[];
}

/** A group of articles carrying the same story; `canonical` is the copy to publish. */
export interface StoryCluster {
  canonical: string;
  /** `similarity` is the exact shingle Jaccard to the canonical copy; a truncated copy matched by containment can score below the threshold. */
  copies: Array<{ id: string; similarity: number }>;
}

export interface StoryClusters {
  /** Only groups with at least one copy; singletons are not listed. */
  clusters: StoryCluster[];
  /**
   * Keyed by the id of each story's canonical article (or the article itself when it has no copies) and
   * pointing at other stories' canonical articles; articles with no related stories have no entry.
   */
  related: Map<string, Array<{ id: string; score: number }>>;
  /** The pairs compared this time and what they gave, for the next clustering to reuse (`PairMemory`). */
  pairs: PairMemory;
  /** What relating stories found this time, for the next relating to reuse. */
  relating: RelatingMemory;
}

/**
 * Pairs of articles already compared, and the answers: each pair is a pure function of the two
 * articles' contents, so a later clustering need not compare them again. Articles are named by
 * content key (`keys`); `checked` holds, sorted, `(a · n + b) · 2 + same` for the pair of the
 * a-th and b-th key (a < b, n keys).
 */
export interface PairMemory {
  readonly keys: readonly string[];
  readonly checked: Float64Array;
}

export interface SameStoryOptions {
  /** Words per shingle (default 5). */
  shingleSize?: number;
  /**
   * LSH bands × rows = MinHash permutations (default 50 × 2 = 100). A pair becomes a candidate with
   * probability 1 - (1 - J^rows)^bands: 0.99999 at J = 0.45, so the exact threshold decides, not luck;
   * 0.39 at J = 0.1 and 0.12 at J = 0.05, so unrelated articles are rarely compared.
   */
  bands?: number;
  rows?: number;
  /**
   * Exact Jaccard similarity at or above which two articles are the same story (default 0.45). If a
   * fraction f of one text is replaced, J = (1 - f) / (1 + f): 0.45 accepts copies with about 38% of the
   * text changed, while different stories that share one or two background paragraphs score near 0.2.
   */
  jaccard?: number;
  /** Containment (overlap / smaller set) at or above which a shortened copy still matches (default 0.8)... */
  containment?: number;
  /** ...provided the shorter article has at least this many shingles (default 20). */
  minContainmentShingles?: number;
  /** Related stories per article (default 5). */
  maxRelated?: number;
  /** Terms per article entered into the related-story index (default 12). */
  topTerms?: number;
  /** Terms in more articles than this are too common to relate stories (default 100). */
  maxPosting?: number;
  /** Minimum cosine score for a related story (default 0.1). */
  minRelatedScore?: number;
}

type Settings = Required<SameStoryOptions>;

const DEFAULTS: Settings = {
  shingleSize: 5,
  bands: 50,
  rows: 2,
  jaccard: 0.45,
  containment: 0.8,
  minContainmentShingles: 20,
  maxRelated: 5,
  topTerms: 12,
  maxPosting: 100,
  minRelatedScore: 0.1,
};

// Buckets larger than this are linked as a chain instead of all pairs, keeping candidate generation near-linear.
const MAX_BUCKET_PAIRS = 16;

/** What story detection needs of one article; computed once per article, so it can be cached. */
export interface StoryFeatures {
  /** Sorted, unique hashes of the body's word shingles. */
  shingles: Uint32Array;
  /** MinHash signature of the shingles. */
  signature: Uint32Array;
  /**
   * Term counts for relating stories, as `term<TAB>count` lines (entity terms start with "#"):
   * one string an article, so tens of thousands of articles do not hold millions of small arrays.
   */
  terms: string;
}

/** An article with its features computed. */
export interface StoryItem {
  id: string;
  date: string;
  path: string;
  features: StoryFeatures;
  /** A key that changes whenever the features may (the article's content key): names the article in `PairMemory`. */
  key?: string;
}

/** Computes an article's shingles, MinHash signature and term counts. */
export function storyFeatures(article: Pick<StoryInput, 'title' | 'paragraphs'>, options: SameStoryOptions = {}): StoryFeatures {
  const opts: Settings = { ...DEFAULTS, ...definedOnly(options) };
  // Each paragraph is normalised and tokenised once, for both the shingles and the term counts.
  const normals = article.paragraphs.map((paragraph) => paragraph.normalize('NFKC'));
  const tokens = normals.map(normalTokens);
  const shingles = shingleSet(article, opts.shingleSize, tokens);
  const terms = [...termCounts(article.title.normalize('NFKC'), normals, tokens)].map(([term, count]) => `${term}\t${count}`).join('\n');
  return { shingles, signature: minHash(shingles, opts.bands * opts.rows), terms };
}

/** Groups articles that carry the same story text (wire copies, re-headlined or trimmed copies) and finds related stories. */
export function findSameStories(articles: readonly StoryInput[], options: SameStoryOptions = {}): Omit<StoryClusters, 'pairs' | 'relating'> {
  const { clusters, related } = clusterStories(articles.map((article) => ({ id: article.id, date: article.date, path: article.path, features: storyFeatures(article, options) })), options);
  return { clusters, related };
}

/**
 * Clusters articles whose features are already computed: candidates from LSH bands, confirmed by
 * exact overlap. What an earlier call found (`memory`, `relating`) spares comparing again what has
 * not changed.
 */
export function clusterStories(articles: readonly StoryItem[], options: SameStoryOptions = {}, memory?: PairMemory, relating?: RelatingMemory): StoryClusters {
  const opts: Settings = { ...DEFAULTS, ...definedOnly(options) };
  // Work in a canonical order so results never depend on input order.
  const docs = inCanonicalOrder(articles);
  // Read only for the pairs compared: a record loaded from the cache decodes its shingles when asked.
  const shingles = (i: number): Uint32Array => docs[i]!.features.shingles;
  const signatures = docs.map((d) => d.features.signature);

  // Candidates and remembered answers are both sorted by pair code: one walk matches them up.
  const known = rememberedPairs(docs, memory);
  const candidates = candidatePairs(signatures, opts.bands, opts.rows);
  // The answers take the place of the candidates they answer (`count` never passes the candidate
  // being read): at 50,000 articles a second array was 18 MB more at the build's peak.
  const checked = candidates;
  let count = 0;
  let k = 0;
  const n = docs.length;
  const sets = new UnionFind(n);
  for (let at = 0; at < candidates.length; at++) {
    const code = candidates[at]!;
    const a = Math.floor(code / n);
    const b = code - a * n;
    if (sets.find(a) === sets.find(b)) continue;
    while (k < known.length && known[k]! < code * 2) k++;
    const remembered = k < known.length && Math.floor(known[k]! / 2) === code;
    const same = remembered ? known[k]! % 2 === 1 : sameStory(shingles(a), shingles(b), opts);
    checked[count++] = code * 2 + (same ? 1 : 0);
    if (same) sets.union(a, b);
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < docs.length; i++) {
    const root = sets.find(i);
    const group = members.get(root);
    if (group === undefined) members.set(root, [i]);
    else group.push(i);
  }
  const clusters: StoryCluster[] = [];
  const representatives: number[] = [];
  for (const group of [...members.values()].sort((x, y) => x[0]! - y[0]!)) {
    // Indices follow inCanonicalOrder, so the first member is the earliest (then lowest path) article.
    const [canonical, ...copies] = group;
    representatives.push(canonical!);
    if (copies.length === 0) continue;
    clusters.push({
      canonical: docs[canonical!]!.id,
      copies: copies.map((c) => ({ id: docs[c]!.id, similarity: round(jaccard(shingles(canonical!), shingles(c))) })),
    });
  }

  const { related, memory: relatingNow } = relatedStories(representatives.map((i) => docs[i]!), opts, relating);
  const pairs: PairMemory = { keys: docs.map((d) => d.key ?? ''), checked: checked.subarray(0, count) };
  return { clusters, related, pairs, relating: relatingNow };
}

/**
 * The answers memory holds for pairs of these articles, as `(a · n + b) · 2 + same` of their
 * indices here, sorted.
 * Only articles with a key held by no other article are matched: two articles with the same
 * content are told apart by nothing else.
 */
function rememberedPairs(docs: readonly StoryItem[], memory: PairMemory | undefined): Float64Array {
  if (!memory || memory.keys.length === 0) return new Float64Array(0);
  const index = uniqueIndex(docs.map((d) => d.key ?? ''));
  const old = uniqueIndex(memory.keys);
  // Old index to new index, -1 where the article is gone or changed.
  const now = new Int32Array(memory.keys.length).fill(-1);
  for (const [key, i] of old) now[i] = index.get(key) ?? -1;
  const oldN = memory.keys.length;
  const n = docs.length;
  const known = new Float64Array(memory.checked.length);
  let count = 0;
  // Articles keep their order from one build to the next unless a date changed, and then the
  // answers come out in order already: sorting them was a tenth of a one-article rebuild's clustering.
  let sorted = true;
  for (const entry of memory.checked) {
    const code = Math.floor(entry / 2);
    const a = now[Math.floor(code / oldN)]!;
    const b = now[code % oldN]!;
    if (a < 0 || b < 0) continue;
    const next = (Math.min(a, b) * n + Math.max(a, b)) * 2 + (entry % 2);
    if (count > 0 && next < known[count - 1]!) sorted = false;
    known[count++] = next;
  }
  const answers = known.subarray(0, count);
  return sorted ? answers : answers.sort();
}

function uniqueIndex(keys: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  const repeated = new Set<string>();
  keys.forEach((key, i) => {
    if (key === '' || repeated.has(key)) return;
    if (index.has(key)) {
      index.delete(key);
      repeated.add(key);
    } else index.set(key, i);
  });
  return index;
}

function definedOnly(options: SameStoryOptions): Partial<Settings> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<Settings>;
}

/**
 * Articles by date (unparseable dates last), then date text, path and id. Each date is parsed
 * once, not once per comparison: at 50,000 articles that was 0.4 s of every clustering.
 */
function inCanonicalOrder<T extends Pick<StoryInput, 'id' | 'date' | 'path'>>(articles: readonly T[]): T[] {
  const keyed = articles.map((article) => ({ article, time: Date.parse(article.date) }));
  keyed.sort((a, b) => {
    if (Number.isNaN(a.time) !== Number.isNaN(b.time)) return Number.isNaN(a.time) ? 1 : -1;
    return (a.time - b.time || 0) || cmp(a.article.date, b.article.date) || cmp(a.article.path, b.article.path) || cmp(a.article.id, b.article.id);
  });
  return keyed.map(({ article }) => article);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const round = (x: number): number => Math.round(x * 10_000) / 10_000;

// ---------------------------------------------------------------------------------------------
// Text normalisation and shingling

/** Lowercased word tokens with quotes/dashes unified and punctuation removed ("Japan’s" → "japans"). */
export function storyTokens(text: string): string[] {
  return normalTokens(text.normalize('NFKC'));
}

/** `storyTokens` of a text already in NFKC. */
function normalTokens(text: string): string[] {
  // Double quotes and dashes separate words like any other punctuation; only an apostrophe inside
  // a word, in any of its forms, is dropped. One pass each: this runs on every word of every article.
  const normal = text.toLowerCase().replace(apostropheInWord, '');
  const words = letterRuns(normal);
  // Chinese, Japanese or Thai text has no spaces to find words by: each letter is a token, and a
  // shingle of five of them stands for a phrase, as five words do. As one token, a paragraph
  // shared no shingle with a copy that changed a letter of it.
  return mayHoldUnspaced(normal) ? words.flatMap(unspacedApart) : words;
}

/**
 * An apostrophe before a letter or digit. Removing it joins two words only when a letter or digit
 * also stands before it, so this gives the same tokens as asking for both, without a look-behind:
 * that ran at every character of the text and took half the time of tokenising.
 */
const apostropheInWord = /['\u2018\u2019\u201a\u201b\u2032`\u00b4](?=[\p{L}\p{N}])/gu;

/**
 * Sorted, unique 32-bit hashes of the k-word shingles of the body. The paragraphs are one token stream,
 * so copies that break paragraphs differently still match; the headline is left out because copies
 * are routinely re-headlined. Bodies shorter than k words fall back to a single shingle of all words
 * (headline included when the body is empty) so that short texts still match their exact copies.
 */
function shingleSet(doc: Pick<StoryInput, 'title' | 'paragraphs'>, k: number, paragraphTokens: readonly string[][]): Uint32Array {
  let length = 0;
  for (const tokens of paragraphTokens) length += tokens.length;
  const lists = length === 0 ? [storyTokens(doc.title)] : paragraphTokens;
  const hashes = new Uint32Array(length === 0 ? lists[0]!.length : length);
  let at = 0;
  for (const tokens of lists) for (const token of tokens) hashes[at++] = fnv1a(token);
  const sorted = new Uint32Array(hashes.length < k ? 1 : hashes.length - k + 1);
  if (hashes.length < k) sorted[0] = combine(hashes, 0, hashes.length);
  else for (let i = 0; i + k <= hashes.length; i++) sorted[i] = combine(hashes, i, i + k);
  sorted.sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** MurmurHash3's 32-bit finaliser: a fast bijective mixer. */
function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Order-sensitive hash of hashes[from..to). Exported for the tests of `candidatePairs`. */
export function combine(hashes: ArrayLike<number>, from: number, to: number): number {
  let h = 0x9e3779b9 ^ (to - from);
  for (let i = from; i < to; i++) h = fmix32((h ^ hashes[i]!) + 0x9e3779b9 + (h << 6) + (h >>> 2));
  return h;
}

// ---------------------------------------------------------------------------------------------
// MinHash + LSH

const permutationCache = new Map<number, { xor: Uint32Array; mul: Uint32Array }>();

/** Seeded per-permutation constants, derived deterministically (no Math.random). Exported for the tests of `minHash`. */
export function permutations(n: number): { xor: Uint32Array; mul: Uint32Array } {
  let p = permutationCache.get(n);
  if (p === undefined) {
    const xor = new Uint32Array(n);
    const mul = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      xor[i] = fmix32(0x5bd1e995 + i * 2);
      mul[i] = (fmix32(0x27d4eb2f + i * 2 + 1) | 1) >>> 0; // odd, so multiplication is a bijection
    }
    p = { xor, mul };
    permutationCache.set(n, p);
  }
  return p;
}

/** The least hash of the shingles under each of `n` permutations (see `permuted`). Exported for its tests. */
export function minHash(shingles: Uint32Array, n: number): Uint32Array {
  const { xor, mul } = permutations(n);
  const sig = new Uint32Array(n);
  // Four permutations at a time over all shingles, their minimums kept in locals: 1.5 times faster
  // than one at a time (the four are independent, so the processor works on them together), and
  // one at a time was 1.7 times faster than one shingle at a time over all permutations.
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = xor[i]!, m0 = mul[i]!, x1 = xor[i + 1]!, m1 = mul[i + 1]!;
    const x2 = xor[i + 2]!, m2 = mul[i + 2]!, x3 = xor[i + 3]!, m3 = mul[i + 3]!;
    let min0 = 0xffffffff, min1 = 0xffffffff, min2 = 0xffffffff, min3 = 0xffffffff;
    for (let j = 0; j < shingles.length; j++) {
      const shingle = shingles[j]!;
      const v0 = permuted(shingle, x0, m0), v1 = permuted(shingle, x1, m1);
      const v2 = permuted(shingle, x2, m2), v3 = permuted(shingle, x3, m3);
      if (v0 < min0) min0 = v0;
      if (v1 < min1) min1 = v1;
      if (v2 < min2) min2 = v2;
      if (v3 < min3) min3 = v3;
    }
    sig[i] = min0;
    sig[i + 1] = min1;
    sig[i + 2] = min2;
    sig[i + 3] = min3;
  }
  for (; i < n; i++) {
    let min = 0xffffffff;
    for (let j = 0; j < shingles.length; j++) {
      const v = permuted(shingles[j]!, xor[i]!, mul[i]!);
      if (v < min) min = v;
    }
    sig[i] = min;
  }
  return sig;
}

/**
 * A shingle's hash under one permutation. Shingle hashes are already well mixed, so a permutation
 * needs only a cheap xor-multiply-xorshift (a bijection on 32 bits), not a full finaliser.
 */
function permuted(shingle: number, xor: number, mul: number): number {
  const v = Math.imul(shingle ^ xor, mul);
  return (v ^ (v >>> 15)) >>> 0;
}

/**
 * Pairs of article indices that share at least one LSH band, each pair once, as sorted codes
 * `a · n + b` (a < b). (Clusters are the connected components of the confirmed pairs, so the
 * order pairs are checked in does not change them.)
 *
 * Each band's buckets come from a hash table of the band's hashes, and the pairs are put in order
 * by counting, not by comparing. Why: sorting every band's hashes, then all the pairs, was 0.25 s
 * of each one-article rebuild at 10,000 articles, and grows faster than the articles do.
 * Exported for its tests.
 */
export function candidatePairs(signatures: readonly Uint32Array[], bands: number, rows: number): Float64Array {
  const n = signatures.length;
  // Each article's place in the order a crowded bucket is chained in: by full signature, then index.
  const fullHash = signatures.map((s) => combine(s, 0, s.length));
  const byChain = Int32Array.from({ length: n }, (_, doc) => doc).sort((x, y) => fullHash[x]! - fullHash[y]! || x - y);
  const chainRank = new Int32Array(n);
  byChain.forEach((doc, rank) => (chainRank[doc] = rank));
  // Pairs in two lists, first and second article, as they come (x < y); a pair seldom shares
  // more than one band (2.32 million pairs, nearly all different, at 50,000 articles).
  const firsts = chunkedList((length) => new Int32Array(length));
  const seconds = chunkedList((length) => new Int32Array(length));
  const add = (x: number, y: number): void => {
    firsts.push(Math.min(x, y));
    seconds.push(Math.max(x, y));
  };
  // A band's buckets: an open-addressing table of its hashes, each slot the first and last
  // article of its bucket; `next` links a bucket's articles in the order they were put in.
  let size = 2;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slotHash = new Uint32Array(size);
  const first = new Int32Array(size);
  const last = new Int32Array(size);
  const next = new Int32Array(n);
  const heads = new Int32Array(n);
  const bucket = new Int32Array(n);
  const hashes = new Uint32Array(n);
  for (let b = 0; b < bands; b++) {
    first.fill(-1);
    let buckets = 0;
    bandHashes(signatures, b * rows, (b + 1) * rows, hashes);
    for (let doc = 0; doc < n; doc++) {
      const hash = hashes[doc]!;
      let slot = hash & mask;
      while (first[slot] !== -1 && slotHash[slot] !== hash) slot = (slot + 1) & mask;
      next[doc] = -1;
      if (first[slot] === -1) {
        slotHash[slot] = hash;
        first[slot] = doc;
        heads[buckets++] = slot;
      } else next[last[slot]!] = doc;
      last[slot] = doc;
    }
    for (let k = 0; k < buckets; k++) {
      const slot = heads[k]!;
      if (first[slot] === last[slot]) continue;
      // Articles go in in index order, so a bucket lists them in index order.
      let count = 0;
      for (let doc = first[slot]!; doc !== -1; doc = next[doc]!) bucket[count++] = doc;
      if (count <= MAX_BUCKET_PAIRS) {
        for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) add(bucket[i]!, bucket[j]!);
        continue;
      }
      // A crowded bucket (e.g. many copies of one story) is linked as a chain: sorting by the full signature
      // puts exact copies next to each other, and union-find makes the chain transitive.
      const ranks = bucket.subarray(0, count);
      for (let i = 0; i < count; i++) ranks[i] = chainRank[ranks[i]!]!;
      ranks.sort();
      for (let i = 1; i < count; i++) add(byChain[ranks[i - 1]!]!, byChain[ranks[i]!]!);
    }
  }
  return sortedCodes(firsts, seconds, n);
}

/** Each signature's hash of its values from `from` to `to`: one band's hashes, into `into`. */
function bandHashes(signatures: readonly Uint32Array[], from: number, to: number, into: Uint32Array): void {
  for (let doc = 0; doc < signatures.length; doc++) into[doc] = combine(signatures[doc]!, from, to) >>> 0;
}

/**
 * The pairs `(firsts[i], seconds[i])`, of numbers below `n`, as sorted unique codes `a · n + b`:
 * put in order by the second number, then (keeping that order) by the first, each by counting.
 * The lists are emptied as they are read.
 */
function sortedCodes(firstList: ChunkedList<Int32Array>, secondList: ChunkedList<Int32Array>, n: number): Float64Array {
  const count = firstList.length;
  // Copied out of the lists a list at a time, each list let go of once copied, and each pass's
  // input let go of once read: 8 bytes a pair in the lists, then 16 while a pass runs (as the codes
  // and their sorted copy took before), with what is let go of held until it is collected.
  let firsts: Int32Array | undefined = firstList.toArray();
  firstList.clear();
  let seconds: Int32Array | undefined = secondList.toArray();
  secondList.clear();
  const starts = new Int32Array(n + 1);
  for (let i = 0; i < count; i++) starts[seconds[i]! + 1]!++;
  for (let v = 0; v < n; v++) starts[v + 1]! += starts[v]!;
  const byFirst = new Int32Array(count);
  const bySecond = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const at = starts[seconds[i]!]!++;
    byFirst[at] = firsts[i]!;
    bySecond[at] = seconds[i]!;
  }
  firsts = seconds = undefined;
  starts.fill(0);
  for (let i = 0; i < count; i++) starts[byFirst[i]! + 1]!++;
  for (let v = 0; v < n; v++) starts[v + 1]! += starts[v]!;
  const codes = new Float64Array(count);
  for (let i = 0; i < count; i++) codes[starts[byFirst[i]!]!++] = byFirst[i]! * n + bySecond[i]!;
  let unique = 0;
  for (let i = 0; i < count; i++) if (i === 0 || codes[i] !== codes[unique - 1]) codes[unique++] = codes[i]!;
  return codes.subarray(0, unique);
}

/**
 * How many values two sorted sets share; -1 as soon as they cannot share `atLeast`. Most candidate
 * pairs are unrelated stories that share a band by chance, and stop early.
 */
function intersectionSize(a: Uint32Array, b: Uint32Array, atLeast = 0): number {
  // Each value of a that b lacks is a miss on a; once either side misses more than it can spare,
  // fewer than `atLeast` shared values remain possible. (The same test as comparing what is left
  // to what is still needed at every step, with one comparison per miss instead.)
  const spareA = a.length - atLeast;
  const spareB = b.length - atLeast;
  if (spareA < 0 || spareB < 0) return -1;
  let i = 0;
  let j = 0;
  let missA = 0;
  let missB = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      i++;
      j++;
    } else if (x < y) {
      i++;
      if (++missA > spareA) return -1;
    } else {
      j++;
      if (++missB > spareB) return -1;
    }
  }
  const n = i - missA;
  return n >= atLeast ? n : -1;
}

function jaccard(a: Uint32Array, b: Uint32Array): number {
  const inter = intersectionSize(a, b);
  const union = a.length + b.length - inter;
  return union === 0 ? 1 : inter / union;
}

/** Confirms an LSH candidate with exact set overlap: high Jaccard, or a long-enough copy contained in the other. */
export function isSameStory(a: Uint32Array, b: Uint32Array, options: SameStoryOptions = {}): boolean {
  return sameStory(a, b, { ...DEFAULTS, ...definedOnly(options) });
}

function sameStory(a: Uint32Array, b: Uint32Array, opts: Settings): boolean {
  if (a.length + b.length === 0) return true;
  const smaller = Math.min(a.length, b.length);
  // Jaccard ≥ j  ⟺  overlap ≥ j·(|a| + |b|) / (1 + j); containment needs c·smaller of a long-enough text.
  const forJaccard = (opts.jaccard * (a.length + b.length)) / (1 + opts.jaccard);
  // A hair below the bound, so rounding can never stop a pair that meets a test exactly.
  const needed = (smaller >= opts.minContainmentShingles ? Math.min(forJaccard, opts.containment * smaller) : forJaccard) - 1e-9;
  const n = intersectionSize(a, b, needed);
  if (n < 0) return false;
  const union = a.length + b.length - n;
  if (n / union >= opts.jaccard) return true;
  return smaller >= opts.minContainmentShingles && n / smaller >= opts.containment;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root]!;
    for (let y = x; this.parent[y] !== root; ) {
      const next = this.parent[y]!;
      this.parent[y] = root;
      y = next;
    }
    return root;
  }
  /** Links the two sets under the smaller index, so roots are deterministic. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

// ---------------------------------------------------------------------------------------------
// Related stories

// Function words and newsroom filler that say nothing about what a story is about.
const STOPWORDS = new Set(
  (
    'the and for that with this from have has had was were are been being will would could should can may might must ' +
    'not but its his her their they them she him who whom whose which what when where why how than then there these ' +
    'those into onto over under about after before during while also more most such some any all each other only own ' +
    'same very just said says say told tell according including include includes per our out off one two three four ' +
    'five six seven eight nine ten new year years week weeks day days time times month months last first next since ' +
    'until amid around against between through across because however although though whether both either neither ' +
    'source link read more reported report reports reuters associated press news monday tuesday wednesday thursday ' +
    'friday saturday sunday january february march april june july august september october november december'
  ).split(' '),
);

/**
 * Term counts for relatedness: content words from headline and body, plus entity terms ("#japan",
 * "#gen nakatani", "#nakatani") for capitalised phrases and their words, except a word that is capitalised
 * only because it starts a sentence; entity terms are rarer and more telling than ordinary words.
 * The headline and the paragraphs come in NFKC, the paragraphs with their tokens.
 */
function termCounts(title: string, paragraphs: readonly string[], paragraphTokens: readonly string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (t: string): void => {
    counts.set(t, (counts.get(t) ?? 0) + 1);
  };
  // A name comes back in most paragraphs that mention it: its words are found once.
  const phraseWords = new Map<string, string[]>();
  const texts = [title, ...paragraphs];
  const tokenLists = [normalTokens(title), ...paragraphTokens];
  for (const [index, text] of texts.entries()) {
    for (const t of tokenLists[index]!) {
      if (t.length >= 3 && !STOPWORDS.has(t) && !isDigits(t)) add(t);
    }
    for (const m of text.matchAll(CAPITALISED_PHRASE)) {
      const phrase = m[0];
      let words = phraseWords.get(phrase);
      if (words === undefined) phraseWords.set(phrase, (words = storyTokens(phrase.replace(/['’]s\b/gu, '')).filter((w) => !STOPWORDS.has(w))));
      if (words.length === 0) continue;
      const atSentenceStart = startsSentence(text, m.index);
      if (atSentenceStart && words.length === 1 && !hasWhiteSpace(phrase)) continue;
      // Both the phrase and its words: "Defense Minister Gen Nakatani" must still meet a bare "Nakatani".
      if (words.length > 1) add(`#${words.join(' ')}`);
      for (let i = atSentenceStart ? 1 : 0; i < words.length; i++) add(`#${words[i]}`);
    }
  }
  return counts;
}

/** Capitalised words, one or several in a row. */
const CAPITALISED_PHRASE = /\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+\p{Lu}[\p{L}\p{N}'’.-]*)*/gu;

/** Whether a word is made of ASCII digits only, as `/^\d+$/u` tests. */
function isDigits(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) {
    const unit = word.charCodeAt(i);
    if (unit < 0x30 || unit > 0x39) return false;
  }
  return true;
}

/** Whether a code unit is white space as `\s` means it in a regular expression. */
function isWhiteSpace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x2028 || unit === 0x2029 || unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff;
}

function hasWhiteSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isWhiteSpace(text.charCodeAt(i))) return true;
  return false;
}

/**
 * Whether the text before `index` is empty or ends a sentence: `.`, `!` or `?`, an optional
 * closing quote or bracket, then white space. Scans backwards from `index` only, so finding
 * every capitalised word in a paragraph stays linear; by code unit, as it runs at every
 * capitalised word of every article.
 */
function startsSentence(text: string, index: number): boolean {
  if (index === 0) return true;
  let i = index - 1;
  while (i >= 0 && isWhiteSpace(text.charCodeAt(i))) i--;
  if (i === index - 1 || i < 0) return false;
  const unit = text.charCodeAt(i);
  if (i > 0 && (unit === 0x22 || unit === 0x27 || unit === 0x201d || unit === 0x2019 || unit === 0x29) && isSentenceEnd(text.charCodeAt(i - 1))) return true;
  return isSentenceEnd(unit);
}

const isSentenceEnd = (unit: number): boolean => unit === 0x2e || unit === 0x21 || unit === 0x3f;
