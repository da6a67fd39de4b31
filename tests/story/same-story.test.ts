import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { clusterStories, findSameStories, isSameStory, minHash, permutations, storyFeatures, storyTokens, type StoryClusters, type StoryInput } from '../../src/story/same-story.js';
import { generateSyntheticStories } from '../../src/story/synthetic.js';

interface LabelledPair {
  a: string;
  b: string;
  duplicate: boolean;
  kind: string;
  note: string;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/pairs.json', import.meta.url), 'utf8')) as {
  articles: StoryInput[];
  pairs: LabelledPair[];
};
const byId = new Map(fixture.articles.map((a) => [a.id, a]));
const article = (id: string): StoryInput => {
  const a = byId.get(id);
  if (a === undefined) throw new Error(`no fixture article ${id}`);
  return a;
};
const seed = readFileSync(new URL('../../seeds/000_127977346a318ce7.txt', import.meta.url), 'utf8').split('\n');

/** Maps every clustered id to its canonical id; unclustered articles map to themselves. */
function clusterOf(result: StoryClusters, ids: readonly string[]): Map<string, string> {
  const map = new Map(ids.map((id) => [id, id]));
  for (const c of result.clusters) {
    map.set(c.canonical, c.canonical);
    for (const copy of c.copies) map.set(copy.id, c.canonical);
  }
  return map;
}
const sameCluster = (articles: StoryInput[], a: string, b: string): boolean => {
  const map = clusterOf(findSameStories(articles), articles.map((x) => x.id));
  return map.get(a) === map.get(b);
};
const variant = (base: StoryInput, id: string, changes: Partial<StoryInput>): StoryInput => ({
  ...base,
  id,
  path: `/copies/${id}`,
  date: '2024-10-05T00:00:00Z',
  ...changes,
});

describe('findSameStories: copies of one story are clustered', () => {
  const base = article('a-orig');
  it.each<[string, StoryInput]>([
    ['exact wire copy', variant(base, 'copy', {})],
    ['different headline', variant(base, 'copy', { title: 'Tokyo and Washington vow to deter Beijing and Pyongyang' })],
    ['paragraph added', variant(base, 'copy', { paragraphs: [...base.paragraphs, article('c-copy').paragraphs.at(-1)!] })],
    ['paragraph cut', variant(base, 'copy', { paragraphs: base.paragraphs.slice(0, -1) })],
    ['first paragraph cut', variant(base, 'copy', { paragraphs: base.paragraphs.slice(1) })],
    ['trailing "Source link"', variant(base, 'copy', { paragraphs: [...base.paragraphs, 'Source link'] })],
    ['the raw seed: paragraphs repeated plus "Source link"', variant(base, 'copy', { paragraphs: seed })],
    ['paragraphs merged', variant(base, 'copy', { paragraphs: [base.paragraphs.join(' ')] })],
    [
      'quotes, dashes and case changed',
      variant(base, 'copy', {
        paragraphs: base.paragraphs.map((p) => p.replace(/[“”]/g, '"').replace(/’/g, "'").replace(/-/g, '\u2014').toUpperCase()),
      }),
    ],
    ['truncated to half, found by containment', variant(base, 'copy', { paragraphs: base.paragraphs.slice(0, 4) })],
  ])('%s', (_name, copy) => {
    expect(sameCluster([base, copy], base.id, copy.id)).toBe(true);
  });
});

describe('findSameStories: different stories are kept apart', () => {
  it.each([
    ['two Japan defense stories: alliance talks vs budget request', 'a-orig', 'b-orig'],
    ['next-day follow-up reusing two paragraphs', 'd-orig', 'd-follow'],
    ['another meeting of the same central bank, same boilerplate', 'e-orig', 'e3-june'],
    ['two Japan defense stories: alliance talks vs airspace intrusion', 'a-orig', 'c-orig'],
    ['the same meeting reported independently', 'a-orig', 'a2-indep'],
    ['follow-up that reuses a background paragraph', 'b-orig', 'b-follow'],
    ['templated central bank stories', 'e-orig', 'e2-fed'],
    ['a briefing quoting the lede', 'a-orig', 'brief'],
  ])('%s', (_name, a, b) => {
    expect(sameCluster([article(a), article(b)], a, b)).toBe(false);
  });

  it('does not relate stories that share only generic words', () => {
    // An earthquake and a wildfire share "capital", "kilometers", "damaged", "authorities"... but no named entity.
    expect(findSameStories([article('d-orig'), article('h2-greece')]).related).toEqual(new Map());
  });

  it('may relate two Japan defense stories without merging them', () => {
    const result = findSameStories([article('a-orig'), article('a2-indep'), article('c-orig'), article('g-orig'), article('h-orig')]);
    expect(result.clusters).toEqual([]);
    expect(result.related.get('a-orig')?.map((r) => r.id)).toEqual(expect.arrayContaining(['c-orig']));
    expect(result.related.get('a-orig')?.map((r) => r.id)).not.toContain('g-orig');
    expect(result.related.get('g-orig')).toBeUndefined();
  });
});

describe('findSameStories: thresholds', () => {
  // One row per band makes every pair that shares a MinHash value a candidate, isolating the confirmation step.
  const exhaustive = { bands: 100, rows: 1 };
  const clustered = (a: string, b: string, options: Parameters<typeof findSameStories>[1]): boolean =>
    findSameStories([article(a), article(b)], options).clusters.length === 1;

  it.each<[string, string, string, Parameters<typeof findSameStories>[1], boolean]>([
    ['heavily edited copy (Jaccard ≈ 0.49) matches by default', 'b-orig', 'b-heavy-edit', exhaustive, true],
    ['...but not with a stricter Jaccard threshold', 'b-orig', 'b-heavy-edit', { ...exhaustive, jaccard: 0.6 }, false],
    ['templated story (Jaccard ≈ 0.22) does not match by default', 'e-orig', 'e3-june', exhaustive, false],
    ['...but does with a very loose threshold', 'e-orig', 'e3-june', { ...exhaustive, jaccard: 0.2 }, true],
    ['truncated copy matches by containment', 'i-orig', 'i-trunc', { ...exhaustive, jaccard: 0.99 }, true],
    ['...unless containment is disabled', 'i-orig', 'i-trunc', { ...exhaustive, jaccard: 0.99, containment: 1.01 }, false],
    ['...or the shorter text is below the containment minimum', 'i-orig', 'i-trunc', { ...exhaustive, jaccard: 0.99, minContainmentShingles: 500 }, false],
  ])('%s', (_name, a, b, options, expected) => {
    expect(clustered(a, b, options)).toBe(expected);
  });
});

describe('findSameStories: output', () => {
  it('picks the earliest copy as canonical, then the lowest path, and reports similarity to it', () => {
    const base = article('a-orig');
    const later = variant(base, 'later', { date: '2024-10-04T00:00:00Z', path: '/a' });
    const earlyB = variant(base, 'early-b', { date: '2024-10-01T00:00:00Z', path: '/b', paragraphs: base.paragraphs.slice(0, -1) });
    const earlyA = variant(base, 'early-a', { date: '2024-10-01T00:00:00Z', path: '/a' });
    const result = findSameStories([later, earlyB, earlyA]);
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0]!.canonical).toBe('early-a');
    expect(result.clusters[0]!.copies.map((c) => c.id)).toEqual(['early-b', 'later']);
    expect(result.clusters[0]!.copies.find((c) => c.id === 'later')?.similarity).toBe(1);
    expect(result.clusters[0]!.copies.find((c) => c.id === 'early-b')?.similarity).toBeGreaterThan(0.5);
    expect(result.clusters[0]!.copies.find((c) => c.id === 'early-b')?.similarity).toBeLessThan(1);
  });

  it('compares dates as instants, not strings', () => {
    const base = article('l-orig');
    const utc = variant(base, 'utc', { date: '2024-05-29T00:30:00Z', path: '/z' });
    const tokyo = variant(base, 'tokyo', { date: '2024-05-29T08:00:00+09:00', path: '/y' }); // 23:00 UTC the day before
    expect(findSameStories([utc, tokyo]).clusters[0]?.canonical).toBe('tokyo');
  });

  it('is idempotent: the canonical articles contain no further duplicates, and a rerun is identical', () => {
    const first = findSameStories(fixture.articles);
    const copies = new Set(first.clusters.flatMap((c) => c.copies.map((x) => x.id)));
    const canonicals = fixture.articles.filter((a) => !copies.has(a.id));
    const second = findSameStories(canonicals);
    expect(second.clusters).toEqual([]);
    expect(second.related).toEqual(first.related);
    expect(findSameStories(fixture.articles)).toEqual(first);
  });

  it.each([1, 2, 3, 4, 5])('does not depend on input order (permutation %i)', (permutationSeed) => {
    const expected = findSameStories(fixture.articles);
    const shuffled = [...fixture.articles];
    let state = permutationSeed;
    for (let i = shuffled.length - 1; i > 0; i--) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const j = state % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(shuffled.map((a) => a.id)).not.toEqual(fixture.articles.map((a) => a.id));
    expect(findSameStories(shuffled)).toEqual(expected);
  });

  it('handles empty input and empty articles', () => {
    expect(findSameStories([])).toEqual({ clusters: [], related: new Map() });
    const empty = (id: string, title: string): StoryInput => ({ id, date: '2024-01-01', path: `/${id}`, title, paragraphs: [] });
    expect(findSameStories([empty('x', 'One headline'), empty('y', 'A different headline')]).clusters).toEqual([]);
  });

  it('limits related stories to maxRelated, ordered by score', () => {
    const result = findSameStories(fixture.articles, { maxRelated: 2 });
    for (const list of result.related.values()) {
      expect(list.length).toBeLessThanOrEqual(2);
      expect([...list].sort((x, y) => y.score - x.score)).toEqual(list);
    }
    expect([...result.related.values()].some((l) => l.length === 2)).toBe(true);
  });
});

describe('findSameStories: properties', () => {
  const storyArb = fc.record({
    title: fc.string({ maxLength: 40 }),
    paragraphs: fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.lorem({ maxCount: 40 })), { maxLength: 8 }),
  });

  it('always puts an article in the same cluster as an exact copy of itself', () => {
    fc.assert(
      fc.property(storyArb, fc.array(storyArb, { maxLength: 6 }), (story, others) => {
        const original: StoryInput = { id: 'original', date: '2024-01-01T00:00:00Z', path: '/original', ...story };
        const copy: StoryInput = { ...original, id: 'copy', path: '/copy', date: '2024-01-02T00:00:00Z' };
        const rest = others.map((o, i): StoryInput => ({ id: `other-${i}`, date: '2024-01-03T00:00:00Z', path: `/other-${i}`, ...o }));
        const result = findSameStories([...rest, copy, original]);
        const map = clusterOf(result, ['original', 'copy']);
        return map.get('copy') === map.get('original') && map.get('original') !== 'copy';
      }),
      { numRuns: 200 },
    );
  });
});

describe('findSameStories: labelled evaluation set', () => {
  it('has at least 40 labelled pairs of both kinds', () => {
    expect(fixture.pairs.length).toBeGreaterThanOrEqual(40);
    expect(fixture.pairs.filter((p) => p.duplicate).length).toBeGreaterThanOrEqual(15);
    expect(fixture.pairs.filter((p) => !p.duplicate).length).toBeGreaterThanOrEqual(15);
  });

  const score = (predict: (p: LabelledPair) => boolean): { precision: number; recall: number; errors: string[] } => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const errors: string[] = [];
    for (const p of fixture.pairs) {
      const predicted = predict(p);
      if (predicted && p.duplicate) tp++;
      if (predicted && !p.duplicate) fp++;
      if (!predicted && p.duplicate) fn++;
      if (predicted !== p.duplicate) errors.push(`${p.a} / ${p.b} (${p.kind})`);
    }
    return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn), errors };
  };

  it('reaches precision ≥ 0.95 and recall ≥ 0.9 with all articles clustered together', () => {
    const map = clusterOf(findSameStories(fixture.articles), fixture.articles.map((a) => a.id));
    const { precision, recall, errors } = score((p) => map.get(p.a) === map.get(p.b));
    console.log(`same-story evaluation (pool of ${fixture.articles.length} articles, ${fixture.pairs.length} pairs): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}${errors.length ? `; errors: ${errors.join(', ')}` : ''}`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('reaches the same bar when each pair is judged on its own', () => {
    const { precision, recall, errors } = score((p) => sameCluster([article(p.a), article(p.b)], p.a, p.b));
    console.log(`same-story evaluation (each pair alone): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}${errors.length ? `; errors: ${errors.join(', ')}` : ''}`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('storyTokens', () => {
  it('drops an apostrophe only between letters or digits, in any of its forms', () => {
    expect(storyTokens('Japan’s O\'Brien ‘quoted’ rock ’n’ roll 90’s l′été')).toEqual(['japans', 'obrien', 'quoted', 'rock', 'n', 'roll', '90s', 'lété']);
    // The reference: the look-behind written before the apostrophe, and letters of scripts
    // written without spaces (here 東 and 𠀋) a token each.
    const unspaced = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}])/u;
    const reference = (text: string): string[] =>
      (text.normalize('NFKC').toLowerCase().replace(/(?<=[\p{L}\p{N}])['\u2018\u2019\u201a\u201b\u2032`\u00b4](?=[\p{L}\p{N}])/gu, '').match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((word) => word.split(unspaced).filter((part) => part !== ''));
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', 'É', 'ß', '7', '²', '٣', '𝐀', '𠀋', '東', 'ж', '\u0301', '\u00a0', '\ud800', '\udc00', '👍', ' ', '\n', "'", '’', '‘', '`', '´', '′', '-', '.', '_'), maxLength: 20 });
    fc.assert(fc.property(text, (value) => {
      expect(storyTokens(value)).toEqual(reference(value));
    }), { numRuns: 3000 });
  });
});

describe('minHash', () => {
  it('gives the least hash of the shingles under each permutation, for any number of permutations', () => {
    // The plain definition, one permutation at a time, against minHash's four at a time and the rest one by one.
    const reference = (shingles: Uint32Array, n: number): number[] => {
      const { xor, mul } = permutations(n);
      return Array.from({ length: n }, (_, i) => Math.min(...[...shingles].map((shingle) => {
        const v = Math.imul(shingle ^ xor[i]!, mul[i]!);
        return (v ^ (v >>> 15)) >>> 0;
      })));
    };
    const shingles = fc.uint32Array({ minLength: 1, maxLength: 60 });
    fc.assert(fc.property(shingles, fc.integer({ min: 1, max: 23 }), (list, n) => {
      expect([...minHash(list, n)]).toEqual(reference(list, n));
    }), { numRuns: 300 });
    const { shingles: real } = storyFeatures({ title: 'Harbour', paragraphs: seed.filter((line) => line.trim() !== '') });
    expect(real.length).toBeGreaterThan(100);
    expect([...minHash(real, 100)]).toEqual(reference(real, 100));
  });
});

describe('isSameStory', () => {
  // The overlap tests spelled out, with no early exit, to check the fast merge against.
  function reference(a: Uint32Array, b: Uint32Array): boolean {
    const other = new Set(b);
    const overlap = [...a].filter((x) => other.has(x)).length;
    const union = a.length + b.length - overlap;
    if (union === 0 || overlap / union >= 0.45) return true;
    const smaller = Math.min(a.length, b.length);
    return smaller >= 20 && overlap / smaller >= 0.8;
  }
  const shingles = (values: number[]) => Uint32Array.from(new Set(values)).sort();

  it('gives the answer of the full overlap, whatever the sizes and overlap', () => {
    // Sets drawn from a small range overlap often, across the whole range of Jaccard values.
    const set = fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 150 }).map(shingles);
    fc.assert(
      fc.property(set, set, (a, b) => {
        expect(isSameStory(a, b)).toBe(reference(a, b));
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts a pair exactly at the Jaccard threshold, and a copy exactly at the containment threshold', () => {
    // 9 shared of a union of 20: Jaccard 0.45 exactly.
    const a = Uint32Array.from({ length: 14 }, (_, i) => i);
    const b = Uint32Array.from({ length: 15 }, (_, i) => i + 5);
    expect(isSameStory(a, b)).toBe(true);
    expect(isSameStory(a, b.slice(1))).toBe(false);
    // 20 of 25 contained in a text ten times longer: containment 0.8 exactly.
    const short = Uint32Array.from({ length: 25 }, (_, i) => (i < 20 ? i : 1000 + i));
    const long = Uint32Array.from({ length: 250 }, (_, i) => i);
    expect(isSameStory(short, long)).toBe(true);
    expect(isSameStory(short.slice(1), long)).toBe(false);
  });
});

describe('clusterStories: remembered pairs', () => {
  const items = (articles: readonly StoryInput[]) => articles.map((article) => ({ id: article.id, date: article.date, path: article.path, key: `key:${article.id}:${article.paragraphs.join('|').length}`, features: storyFeatures(article) }))
  const outcome = (result: Omit<StoryClusters, 'pairs'>) => ({ clusters: result.clusters, related: [...result.related] })

  it('gives what a clustering from scratch gives, after articles change, come and go', () => {
    const articles = generateSyntheticStories(400, 3)
    const first = clusterStories(items(articles))
    expect(first.pairs.checked.length).toBeGreaterThan(0)
    // One copy edited into a different story, one original removed, a new copy of a story added.
    const edited = articles.map((article, index) => (index === 10 ? { ...article, paragraphs: ['An unrelated story about a city council vote on the new budget for parks and the harbour, taken on Monday after a long debate in the chamber.'] } : article)).filter((_, index) => index !== 20)
    const added = [...edited, { ...articles[30]!, id: 'late-copy', path: 'late-copy', date: '2099-01-01T00:00:00Z' }]
    const remembered = clusterStories(items(added), {}, first.pairs)
    expect(outcome(remembered)).toEqual(outcome(clusterStories(items(added))))
    expect(remembered.clusters.some((cluster) => cluster.copies.some((copy) => copy.id === 'late-copy'))).toBe(true)
  })

  it('takes a remembered answer for the same two contents, and only for them', () => {
    const articles = generateSyntheticStories(200, 5)
    const first = clusterStories(items(articles))
    // Turn every remembered "different" into "same": the answers are used as remembered...
    const lying = { keys: first.pairs.keys, checked: first.pairs.checked.map((code) => (code % 2 === 0 ? code + 1 : code)) }
    const fooled = clusterStories(items(articles), {}, lying)
    const copies = (result: Omit<StoryClusters, 'pairs'>) => result.clusters.reduce((sum, cluster) => sum + cluster.copies.length, 0)
    expect(copies(fooled)).toBeGreaterThan(copies(first))
    // ...and not once the contents are others (new keys).
    const rekeyed = items(articles).map((item) => ({ ...item, key: `${item.key}:v2` }))
    expect(outcome(clusterStories(rekeyed, {}, lying))).toEqual(outcome(first))
    // Every answer is found too when the articles come in another order (dates changed, the
    // contents the same): the same articles go together, however the canonical copies change.
    const groups = (result: Omit<StoryClusters, 'pairs'>) => result.clusters.map((cluster) => [cluster.canonical, ...cluster.copies.map((copy) => copy.id)].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!))
    const dates = items(articles).map((item) => item.date)
    const reordered = items(articles).map((item, index) => ({ ...item, date: dates[dates.length - 1 - index]! }))
    expect(groups(clusterStories(reordered, {}, lying))).toEqual(groups(fooled))
  })
})

describe('findSameStories: Chinese and Japanese', () => {
  const story = (id: string, paragraphs: string[]): StoryInput => ({ id, path: `/cjk/${id}`, date: '2026-01-05T00:00:00Z', title: paragraphs[0]!.slice(0, 10), paragraphs });
  const tokyo = ['東京都は月曜日、新しい駅の開業を発表した。多くの利用者が訪れ、駅前は朝から混雑した。', '駅は午前五時に営業を開始し、深夜まで運行する予定だ。関係者によると、周辺の再開発も進む見込みだという。', '都の担当者は、通勤時間の短縮に期待を示した。'];
  const beijing = ['北京市政府周一宣布了新的交通规则。许多市民表示支持，但也有人担心执行难度。', '新规则将于下月生效，违规者将被处以罚款。交通部门表示会加强宣传。', '专家认为，这将有助于缓解城市拥堵。'];

  it('tokenises each letter of a script written without spaces, and other words as before', () => {
    expect(storyTokens('JR東日本は New Line を発表')).toEqual(['jr', '東', '日', '本', 'は', 'new', 'line', 'を', '発', '表']);
  });

  it('finds a copy that changed a few letters, and keeps two different stories apart', () => {
    // A letter or two changed in every paragraph, as copies edited for another paper are.
    const copy = story('tokyo-copy', [tokyo[0]!.replace('月曜日', '火曜日'), tokyo[1]!.replace('午前五時', '午前六時').replace('見込み', '予定'), tokyo[2]!.replace('期待', '強い期待')]);
    const articles = [story('tokyo', tokyo), copy, story('beijing', beijing)];
    expect(sameCluster(articles, 'tokyo', 'tokyo-copy')).toBe(true);
    expect(sameCluster(articles, 'tokyo', 'beijing')).toBe(false);
  });
});

