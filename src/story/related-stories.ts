import { termTable } from '../term-table.js';
import type { StoryItem } from './same-story.js';

/** What relating stories is told to do (see `SameStoryOptions`). */
export interface RelatingSettings {
  readonly maxRelated: number;
  readonly topTerms: number;
  readonly maxPosting: number;
  readonly minRelatedScore: number;
}

/** Related stories by article id, best first. */
export type RelatedStories = Map<string, Array<{ id: string; score: number }>>;

/**
 * What relating stories found, kept for the next time: each article's term counts, its vector
 * (top terms and their weights) and its related stories. With it, the next relating reads the
 * term lists of changed articles only, and scores only the articles whose neighbours changed.
 */
export interface RelatingMemory {
  /** The settings it was made with: other settings make other vectors and lists. */
  readonly settings: RelatingSettings;
  /** Every term the lists below name, by number. */
  readonly names: readonly string[];
  /** The articles related, in canonical order: their content keys and ids. */
  readonly keys: readonly string[];
  readonly ids: readonly string[];
  /**
   * Article k's term counts: terms and counts from `termStarts[k]` to `termStarts[k + 1]`; two
   * bytes each where every one fits (8 million of each at 50,000 articles).
   */
  readonly termStarts: Int32Array;
  readonly terms: Int32Array | Uint16Array;
  readonly counts: Int32Array | Uint16Array;
  /** Article k's vector: terms (in name order) and weights from `vectorStarts[k]` to `vectorStarts[k + 1]`. */
  readonly vectorStarts: Int32Array;
  readonly vectorTerms: Int32Array;
  readonly vectorWeights: Float64Array;
  /** Article k's related stories, best first: articles (by place here) and scores. */
  readonly relatedStarts: Int32Array;
  readonly relatedArticles: Int32Array;
  readonly relatedScores: Float64Array;
}

/** An article's terms (by number) and how often it uses each. */
interface TermCounts {
  readonly ids: Int32Array | Uint16Array;
  readonly tfs: Int32Array | Uint16Array;
}

interface Vector {
  readonly ids: Int32Array;
  readonly weights: Float64Array;
  readonly norm: number;
}

/**
 * Relates stories that share rare terms. Each article contributes only its top TF-IDF terms to an
 * inverted index, and terms found in more than `maxPosting` articles are skipped, so scoring touches
 * at most topTerms × maxPosting postings per article instead of all pairs.
 *
 * With `memory` from an earlier call, an article it knows by content key takes its term counts
 * from there, and an article keeps its related stories when neither its vector nor that of any
 * article sharing one of its terms changed: the same inputs to the same sums. Why: at 10,000
 * articles, reading every article's term list and scoring every article took a third of a
 * second of each one-article rebuild.
 */
export function relatedStories(docs: readonly StoryItem[], settings: RelatingSettings, memory?: RelatingMemory): { related: RelatedStories; memory: RelatingMemory } {
  const usable = memory && sameSettings(memory.settings, settings) ? memory : undefined;
  // Terms are interned to numbers, one article at a time: a map of strings per article would hold
  // every article's vocabulary at once.
  const table = termTable(usable?.names);
  const names = table.names;
  const known = new Map(usable?.keys.map((key, k) => [key, k]));
  // Each list's counts are read here first, then kept in an array of the width they need.
  let counted = new Int32Array(256);
  // Each article's place in the memory, -1 where it has none.
  const places = new Int32Array(docs.length).fill(-1);
  const docTerms: TermCounts[] = docs.map((doc, i) => {
    const k = doc.key ? known.get(doc.key) : undefined;
    if (usable && k !== undefined) {
      places[i] = k;
      const [from, to] = [usable.termStarts[k]!, usable.termStarts[k + 1]!];
      return { ids: usable.terms.subarray(from, to), tfs: usable.counts.subarray(from, to) };
    }
    const text = doc.features.terms;
    let lines = text === '' ? 0 : 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
    const ids = new Int32Array(lines);
    if (counted.length < lines) counted = new Int32Array(lines * 2);
    let line = 0;
    let most = 0;
    table.readLines(text, (id, count) => {
      ids[line] = id;
      counted[line++] = count;
      most = Math.max(most, count);
    });
    // Counts take two bytes where they fit, as good as always: every article's counts are held
    // while stories are related (eight million at 50,000 articles).
    const tfs = most <= 0xffff ? new Uint16Array(lines) : new Int32Array(lines);
    tfs.set(counted.subarray(0, lines));
    return { ids, tfs };
  });
  const df = new Int32Array(names.length);
  for (const { ids } of docTerms) for (const id of ids) df[id] = df[id]! + 1;

  const n = docs.length;
  const choose = topTermsOf(names, settings.topTerms);
  // Terms in more or fewer articles than when the memory was made; all of them when the articles
  // are not as many (their number weighs every term).
  const recounted = usable && usable.keys.length === n ? termsRecounted(usable, df) : undefined;
  // Each article's top terms, as term ids in name order with their weights: scores are summed in
  // that order, so they never depend on how the index happened to number terms.
  const vectors: Vector[] = docTerms.map(({ ids, tfs }, i) => {
    // The same counts weighed the same way choose the same terms: the memory's vector. Why: choosing
    // them again for every article was a fifth of relating stories in a one-article rebuild.
    if (recounted && places[i] !== -1 && !ids.some((t) => recounted[t] === 1)) return rememberedVector(usable!, places[i]!);
    return choose(ids, (k) => {
      const f = df[ids[k]!]!;
      // A term only this article uses cannot relate it to anything, nor can one that is everywhere.
      return f >= 2 && f <= settings.maxPosting ? (1 + Math.log(tfs[k]!)) * Math.log(1 + n / f) : -1;
    });
  });

  // Postings carry each article's weight for the term, so scoring needs no lookups.
  const postings = new Map<number, { docs: number[]; weights: number[] }>();
  vectors.forEach((v, i) => {
    v.ids.forEach((t, k) => {
      let list = postings.get(t);
      if (list === undefined) postings.set(t, (list = { docs: [], weights: [] }));
      list.docs.push(i);
      list.weights.push(v.weights[k]!);
    });
  });

  const kept = usable ? unchangedLists(docs, vectors, usable, names.length) : new Map<number, number>();
  const related: RelatedStories = new Map();
  // Scores accumulate in typed arrays reused for every article: a map of small objects per
  // article would allocate millions of them on a large site.
  const sum = new Float64Array(n);
  const shared = new Int32Array(n);
  const entities = new Int32Array(n);
  const touched: number[] = [];
  vectors.forEach((v, i) => {
    const before = kept.get(i);
    if (usable && before !== undefined) {
      const list = [];
      for (let at = usable.relatedStarts[before]!; at < usable.relatedStarts[before + 1]!; at++) list.push({ id: usable.ids[usable.relatedArticles[at]!]!, score: usable.relatedScores[at]! });
      if (list.length > 0) related.set(docs[i]!.id, list);
      return;
    }
    v.ids.forEach((t, k) => {
      const w = v.weights[k]!;
      const entity = names[t]!.startsWith('#');
      const list = postings.get(t)!;
      for (let p = 0; p < list.docs.length; p++) {
        const j = list.docs[p]!;
        if (j === i) continue;
        if (shared[j] === 0) touched.push(j);
        sum[j] = sum[j]! + w * list.weights[p]!;
        shared[j] = shared[j]! + 1;
        if (entity) entities[j] = entities[j]! + 1;
      }
    });
    const list: Array<{ id: string; score: number }> = [];
    for (const j of touched) {
      // One shared word is coincidence, and shared generic words ("capital", "damaged") are what every
      // disaster story has in common: related stories must share two terms, one of them a named entity.
      if (shared[j]! >= 2 && entities[j]! >= 1) {
        const score = round(sum[j]! / (v.norm * vectors[j]!.norm));
        if (score >= settings.minRelatedScore) list.push({ id: docs[j]!.id, score });
      }
      sum[j] = 0;
      shared[j] = 0;
      entities[j] = 0;
    }
    touched.length = 0;
    list.sort((x, y) => y.score - x.score || cmp(x.id, y.id));
    if (list.length > 0) related.set(docs[i]!.id, list.slice(0, settings.maxRelated));
  });
  return { related, memory: rememberRelating(docs, settings, names, docTerms, vectors, related) };
}

/**
 * A chooser of an article's `size` heaviest terms (ties to the name first in order), given in
 * name order with their weights: what sorting all its weighted terms and taking the first `size`
 * gives. `weightOf(k)` is the weight of its k-th term (`ids[k]`), or -1 to leave it out. Why not that sort:
 * it made a pair of numbers for every term of every article, 7 million of them at 50,000
 * articles, while only a dozen an article are kept.
 */
function topTermsOf(names: readonly string[], size: number): (ids: ArrayLike<number>, weightOf: (k: number) => number) => Vector {
  const bestIds = new Int32Array(size);
  const bestWeights = new Float64Array(size);
  // Whether term a, of weight wa, goes before term b, of weight wb.
  const before = (wa: number, a: number, wb: number, b: number): boolean => wa > wb || (wa === wb && names[a]! < names[b]!);
  return (ids, weightOf) => {
    let kept = 0;
    for (let k = 0; k < ids.length; k++) {
      const w = weightOf(k);
      if (w < 0) continue;
      const id = ids[k]!;
      if (kept === size && !before(w, id, bestWeights[size - 1]!, bestIds[size - 1]!)) continue;
      // Insert in order, the last one falling off when all places are taken.
      let at = kept < size ? kept++ : size - 1;
      while (at > 0 && before(w, id, bestWeights[at - 1]!, bestIds[at - 1]!)) {
        bestIds[at] = bestIds[at - 1]!;
        bestWeights[at] = bestWeights[at - 1]!;
        at--;
      }
      bestIds[at] = id;
      bestWeights[at] = w;
    }
    const order = Array.from({ length: kept }, (_, i) => i).sort((x, y) => cmp(names[bestIds[x]!]!, names[bestIds[y]!]!));
    const vectorIds = new Int32Array(kept);
    const weights = new Float64Array(kept);
    let squares = 0;
    order.forEach((i, k) => {
      vectorIds[k] = bestIds[i]!;
      weights[k] = bestWeights[i]!;
      squares += weights[k]! * weights[k]!;
    });
    return { ids: vectorIds, weights, norm: Math.sqrt(squares) };
  };
}

/**
 * The articles whose related stories are what `memory` holds, each with its place there: an
 * article it knows by id, whose vector is the same, and none of whose terms is in the vector,
 * before or now, of an article that changed (new, gone, or of another vector). Only when the
 * articles are as many as before: their number weighs every term.
 */
function unchangedLists(docs: readonly StoryItem[], vectors: readonly Vector[], memory: RelatingMemory, terms: number): Map<number, number> {
  const unchanged = new Map<number, number>();
  if (memory.ids.length !== docs.length) return unchanged;
  const before = new Map(memory.ids.map((id, k) => [id, k]));
  const changedTerm = new Uint8Array(terms);
  const markBefore = (k: number) => {
    for (let at = memory.vectorStarts[k]!; at < memory.vectorStarts[k + 1]!; at++) changedTerm[memory.vectorTerms[at]!] = 1;
  };
  const places = docs.map((doc, i) => {
    const k = before.get(doc.id);
    before.delete(doc.id);
    if (k !== undefined && sameVector(vectors[i]!, memory, k)) return k;
    if (k !== undefined) markBefore(k);
    for (const t of vectors[i]!.ids) changedTerm[t] = 1;
    return -1;
  });
  // Articles gone since: their vectors' terms lose a posting.
  for (const k of before.values()) markBefore(k);
  places.forEach((k, i) => {
    if (k !== -1 && vectors[i]!.ids.every((t) => changedTerm[t] === 0)) unchanged.set(i, k);
  });
  return unchanged;
}

/** Which terms (by number, 1 for yes) are in more or fewer articles than the memory's articles had them in. */
function termsRecounted(memory: RelatingMemory, df: Int32Array): Uint8Array {
  const before = new Int32Array(df.length);
  for (let at = 0; at < memory.terms.length; at++) before[memory.terms[at]!]!++;
  const recounted = new Uint8Array(df.length);
  for (let t = 0; t < df.length; t++) if (df[t] !== before[t]) recounted[t] = 1;
  return recounted;
}

/** Article k's vector as the memory holds it, its norm summed in the same order as when it was made. */
function rememberedVector(memory: RelatingMemory, k: number): Vector {
  const [from, to] = [memory.vectorStarts[k]!, memory.vectorStarts[k + 1]!];
  const weights = memory.vectorWeights.subarray(from, to);
  let squares = 0;
  for (let at = 0; at < weights.length; at++) squares += weights[at]! * weights[at]!;
  return { ids: memory.vectorTerms.subarray(from, to), weights, norm: Math.sqrt(squares) };
}

function sameVector(vector: Vector, memory: RelatingMemory, k: number): boolean {
  const from = memory.vectorStarts[k]!;
  if (memory.vectorStarts[k + 1]! - from !== vector.ids.length) return false;
  for (let at = 0; at < vector.ids.length; at++) {
    if (memory.vectorTerms[from + at] !== vector.ids[at] || memory.vectorWeights[from + at] !== vector.weights[at]) return false;
  }
  return true;
}

/** The memory of this relating: the terms the articles use, renumbered so that no other term is kept. */
function rememberRelating(docs: readonly StoryItem[], settings: RelatingSettings, names: readonly string[], docTerms: readonly TermCounts[], vectors: readonly Vector[], related: RelatedStories): RelatingMemory {
  const renumber = new Int32Array(names.length).fill(-1);
  const used: string[] = [];
  const numberOf = (t: number) => (renumber[t] === -1 ? (renumber[t] = used.push(names[t]!) - 1) : renumber[t]!);
  const termStarts = new Int32Array(docs.length + 1);
  docTerms.forEach(({ ids }, i) => (termStarts[i + 1] = termStarts[i]! + ids.length));
  const total = termStarts[docs.length]!;
  const narrow = (largest: number) => (largest <= 0xffff ? new Uint16Array(total) : new Int32Array(total));
  let mostCount = 0;
  for (const { tfs } of docTerms) for (let k = 0; k < tfs.length; k++) mostCount = Math.max(mostCount, tfs[k]!);
  // Terms are numbered as first used: the numbers reach only as far as the terms used.
  for (const { ids } of docTerms) for (let k = 0; k < ids.length; k++) numberOf(ids[k]!);
  const terms = narrow(used.length - 1);
  const counts = narrow(mostCount);
  docTerms.forEach(({ ids, tfs }, i) => {
    for (let k = 0; k < ids.length; k++) terms[termStarts[i]! + k] = renumber[ids[k]!]!;
    counts.set(tfs, termStarts[i]!);
  });
  const vectorStarts = new Int32Array(docs.length + 1);
  vectors.forEach((v, i) => (vectorStarts[i + 1] = vectorStarts[i]! + v.ids.length));
  const vectorTerms = new Int32Array(vectorStarts[docs.length]!);
  const vectorWeights = new Float64Array(vectorTerms.length);
  vectors.forEach((v, i) => {
    v.ids.forEach((t, k) => (vectorTerms[vectorStarts[i]! + k] = renumber[t]!));
    vectorWeights.set(v.weights, vectorStarts[i]!);
  });
  const place = new Map(docs.map((doc, i) => [doc.id, i]));
  const relatedStarts = new Int32Array(docs.length + 1);
  docs.forEach((doc, i) => (relatedStarts[i + 1] = relatedStarts[i]! + (related.get(doc.id)?.length ?? 0)));
  const relatedArticles = new Int32Array(relatedStarts[docs.length]!);
  const relatedScores = new Float64Array(relatedArticles.length);
  docs.forEach((doc, i) => {
    related.get(doc.id)?.forEach((entry, k) => {
      relatedArticles[relatedStarts[i]! + k] = place.get(entry.id)!;
      relatedScores[relatedStarts[i]! + k] = entry.score;
    });
  });
  const { maxRelated, topTerms, maxPosting, minRelatedScore } = settings;
  return { settings: { maxRelated, topTerms, maxPosting, minRelatedScore }, names: used, keys: docs.map((doc) => doc.key ?? ''), ids: docs.map((doc) => doc.id), termStarts, terms, counts, vectorStarts, vectorTerms, vectorWeights, relatedStarts, relatedArticles, relatedScores };
}

function sameSettings(a: RelatingSettings, b: RelatingSettings): boolean {
  return a.maxRelated === b.maxRelated && a.topTerms === b.topTerms && a.maxPosting === b.maxPosting && a.minRelatedScore === b.minRelatedScore;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const round = (x: number): number => Math.round(x * 10_000) / 10_000;
