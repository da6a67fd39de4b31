import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relatedStories, type RelatingMemory, type RelatingSettings } from '../../src/story/related-stories.js';
import type { StoryItem } from '../../src/story/same-story.js';

const settings: RelatingSettings = { maxRelated: 5, topTerms: 12, maxPosting: 100, minRelatedScore: 0.1 };
// Entities and words enough that articles share some, so most have related stories.
const vocabulary = ['#oslo', '#malmö', '#nato', '#gen nakatani', '#nakatani', 'harbour', 'storm', 'budget', 'ferry', 'council', 'vote', 'tram', 'lava', 'coast', 'fishing'];

/** An article with these term counts; `reads` counts how often its term list is read. */
function item(id: string, key: string, counts: Record<string, number>, reads: { count: number }): StoryItem {
  const terms = Object.keys(counts)
    .sort()
    .map((term) => `${term}\t${counts[term]}`)
    .join('\n');
  return {
    id,
    key,
    date: '2025-01-01',
    path: id,
    features: {
      shingles: new Uint32Array(0),
      signature: new Uint32Array(0),
      get terms() {
        reads.count++;
        return terms;
      },
    },
  };
}

/** Each article's vector in a memory, by id: its terms by name, with their weights and in their order. */
function vectorsOf(memory: RelatingMemory): Map<string, Array<[string, number]>> {
  return new Map(
    memory.ids.map((id, k) => {
      const vector: Array<[string, number]> = [];
      for (let at = memory.vectorStarts[k]!; at < memory.vectorStarts[k + 1]!; at++) vector.push([memory.names[memory.vectorTerms[at]!]!, memory.vectorWeights[at]!]);
      return [id, vector];
    }),
  );
}

const counts = fc.dictionary(fc.constantFrom(...vocabulary), fc.integer({ min: 1, max: 9 }), { minKeys: 1, maxKeys: 7 });

describe('relatedStories with the memory of an earlier call', () => {
  it('finds what relating every article again finds, through edits, articles gone and come, reading only the changed articles’ terms', () => {
    const step = fc.record({ edits: fc.array(fc.tuple(fc.nat(), counts), { maxLength: 4 }), swap: fc.option(fc.tuple(fc.nat(), counts)), grow: fc.integer({ min: -1, max: 1 }) });
    fc.assert(
      fc.property(fc.array(counts, { minLength: 2, maxLength: 30 }), fc.array(step, { minLength: 1, maxLength: 3 }), (first, steps) => {
        const reads = { count: 0 };
        let version = 0;
        let articles = first.map((c, i) => ({ id: `a${i}`, key: `a${i}@0`, counts: c }));
        let memory = relatedStories(
          articles.map((a) => item(a.id, a.key, a.counts, reads)),
          settings,
        ).memory;
        for (const { edits, swap, grow } of steps) {
          version++;
          const changed = new Set<string>();
          articles = [...articles];
          for (const [at, c] of edits) {
            const i = at % articles.length;
            articles[i] = { id: articles[i]!.id, key: `${articles[i]!.id}@${version}`, counts: c };
            changed.add(articles[i]!.id);
          }
          // An article gone and another come in its place: as many articles as before.
          if (swap) {
            const i = swap[0] % articles.length;
            articles[i] = { id: `b${version}`, key: `b${version}@${version}`, counts: swap[1] };
            changed.add(`b${version}`);
          }
          if (grow > 0) {
            articles.push({ id: `c${version}`, key: `c${version}@${version}`, counts: { '#oslo': 1, harbour: 2 } });
            changed.add(`c${version}`);
          } else if (grow < 0 && articles.length > 2) articles.pop();
          reads.count = 0;
          const docs = articles.map((a) => item(a.id, a.key, a.counts, reads));
          const again = relatedStories(docs, settings, memory);
          expect(reads.count).toBe([...changed].filter((id) => articles.some((a) => a.id === id)).length);
          const fresh = relatedStories(
            articles.map((a) => item(a.id, a.key, a.counts, { count: 0 })),
            settings,
          );
          expect(again.related).toEqual(fresh.related);
          // Vectors the memory gave are the ones choosing again gives, to the last bit of each weight.
          expect(vectorsOf(again.memory)).toEqual(vectorsOf(fresh.memory));
          memory = again.memory;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('scores again an article whose related story is gone, even when no term became rarer or commoner', () => {
    // Two top terms an article. `a` and `j` share theirs; `j` goes, and `d` takes up both of its
    // terms below its own two: no term's article count, and no remaining vector, changes.
    const two = { ...settings, topTerms: 2 };
    const before = { a: { '#x': 1, y: 1 }, j: { '#x': 1, y: 1 }, d: { s1: 9, '#s2': 9 }, e: { s1: 1, '#s2': 1 }, f: { '#p': 1, q: 1 } };
    const after = { a: { '#x': 1, y: 1 }, b: { '#z': 1, w: 1 }, d: { s1: 9, '#s2': 9, '#x': 1, y: 1 }, e: { s1: 1, '#s2': 1 }, f: { '#p': 1, q: 1 } };
    const docsOf = (articles: Record<string, Record<string, number>>, keys: Record<string, string>) => Object.entries(articles).map(([id, c]) => item(id, keys[id] ?? `${id}@0`, c, { count: 0 }));
    const first = relatedStories(docsOf(before, {}), two);
    expect(first.related.get('a')?.map((entry) => entry.id)).toEqual(['j']);
    const again = relatedStories(docsOf(after, { d: 'd@1' }), two, first.memory);
    expect(again.related.has('a')).toBe(false);
    expect(again.related).toEqual(relatedStories(docsOf(after, { d: 'd@1' }), two).related);
    // The same with `j` edited to other terms instead of gone.
    const edited = { a: after.a, j: { '#z': 1, w: 1 }, d: after.d, e: after.e, f: after.f };
    const keys = { d: 'd@1', j: 'j@1' };
    const changed = relatedStories(docsOf(edited, keys), two, first.memory);
    expect(changed.related.has('a')).toBe(false);
    expect(changed.related).toEqual(relatedStories(docsOf(edited, keys), two).related);
  });

  it('keeps the related stories of articles an edit did not reach, and scores the rest again', () => {
    const reads = { count: 0 };
    const base = Array.from({ length: 40 }, (_, i) => ({ '#oslo': 1 + (i % 3), [`#place${i % 10}`]: 2, harbour: 1 + (i % 2), [`word${i % 7}`]: 1 }));
    const docs = base.map((c, i) => item(`a${i}`, `a${i}@0`, c, reads));
    const { related, memory } = relatedStories(docs, settings);
    expect(related.size).toBeGreaterThan(30);
    // An article's term list as it was, under a new key: same vector, so nothing changes.
    reads.count = 0;
    const same = relatedStories(
      base.map((c, i) => item(`a${i}`, i === 3 ? 'a3@1' : `a${i}@0`, c, reads)),
      settings,
      memory,
    );
    expect(reads.count).toBe(1);
    expect(same.related).toEqual(related);
    // Settings other than the memory's: every list is read and made again.
    reads.count = 0;
    const other = relatedStories(docs, { ...settings, maxRelated: 2 }, memory);
    expect(reads.count).toBe(40);
    expect(other.related).toEqual(relatedStories(base.map((c, i) => item(`a${i}`, `a${i}@0`, c, { count: 0 })), { ...settings, maxRelated: 2 }).related);
  });
});

describe("relatedStories' vectors", () => {
  /** What each article's vector is by definition: all its terms weighted, sorted heaviest first (ties by name), the first `topTerms` taken, in name order. */
  function expectedVectors(articles: ReadonlyArray<Record<string, number>>, relating: RelatingSettings): Array<Array<[string, number]>> {
    const df = new Map<string, number>();
    for (const counts of articles) for (const term of Object.keys(counts)) df.set(term, (df.get(term) ?? 0) + 1);
    return articles.map((counts) => {
      const weighted = Object.entries(counts).flatMap(([term, tf]): Array<[string, number]> => {
        const f = df.get(term)!;
        return f >= 2 && f <= relating.maxPosting ? [[term, (1 + Math.log(tf)) * Math.log(1 + articles.length / f)]] : [];
      });
      weighted.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      return weighted.slice(0, relating.topTerms).sort((x, y) => (x[0] < y[0] ? -1 : 1));
    });
  }

  it('hold the heaviest terms by TF-IDF, ties to the first name, in name order', () => {
    // Few counts and a small vocabulary: many terms weigh the same, so the ties decide.
    const sparse = fc.dictionary(fc.constantFrom(...vocabulary), fc.integer({ min: 1, max: 3 }), { minKeys: 1, maxKeys: 12 });
    fc.assert(
      fc.property(fc.array(sparse, { minLength: 2, maxLength: 30 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 2, max: 30 }), (articles, topTerms, maxPosting) => {
        const relating = { ...settings, topTerms, maxPosting };
        const reads = { count: 0 };
        const { memory } = relatedStories(articles.map((counts, i) => item(`a${i}`, `k${i}`, counts, reads)), relating);
        const vectors = articles.map((_, i) =>
          Array.from({ length: memory.vectorStarts[i + 1]! - memory.vectorStarts[i]! }, (_, k): [string, number] => {
            const at = memory.vectorStarts[i]! + k;
            return [memory.names[memory.vectorTerms[at]!]!, memory.vectorWeights[at]!];
          }),
        );
        expect(vectors).toEqual(expectedVectors(articles, relating));
      }),
      { numRuns: 300 },
    );
  });
});
