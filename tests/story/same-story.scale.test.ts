import { beforeAll, describe, it, expect } from 'vitest';
import { findSameStories, type StoryClusters } from '../../src/story/same-story.js';
import { generateSyntheticStories } from '../../src/story/synthetic.js';

// Ground truth lives in the synthetic ids: "story-<k>" and its copies "story-<k>-copy-<j>".
const storyOf = (id: string): string => id.replace(/-copy-\d+$/u, '');

describe('findSameStories at scale (5,000 synthetic articles)', () => {
  const articles = generateSyntheticStories(5000, 20241003);
  let result: StoryClusters = { clusters: [], related: new Map() };
  const canonicalOf = new Map<string, string>();
  beforeAll(() => {
    result = findSameStories(articles);
    for (const c of result.clusters) {
      canonicalOf.set(c.canonical, c.canonical);
      for (const copy of c.copies) canonicalOf.set(copy.id, c.canonical);
    }
  });

  it('generates the requested number of unique articles, including copies', () => {
    expect(articles).toHaveLength(5000);
    expect(new Set(articles.map((a) => a.id)).size).toBe(5000);
    expect(articles.filter((a) => a.id.includes('-copy-')).length).toBeGreaterThan(500);
  });

  it('clusters every copy with its original', () => {
    const missed = articles
      .filter((a) => a.id.includes('-copy-'))
      .filter((a) => canonicalOf.get(a.id) === undefined || canonicalOf.get(a.id) !== canonicalOf.get(storyOf(a.id)))
      .map((a) => a.id);
    expect(missed).toEqual([]);
  });

  it('never merges different stories, even on a shared topic', () => {
    expect(result.clusters.length).toBeGreaterThan(500);
    const mixed = result.clusters.filter((c) => new Set([c.canonical, ...c.copies.map((x) => x.id)].map(storyOf)).size > 1);
    expect(mixed).toEqual([]);
  });

  it('makes the original (earliest) article canonical', () => {
    for (const c of result.clusters) expect(c.canonical).toBe(storyOf(c.canonical));
  });

  it('lists each article at most once and keeps related lists within bounds', () => {
    const listed = result.clusters.flatMap((c) => [c.canonical, ...c.copies.map((x) => x.id)]);
    expect(new Set(listed).size).toBe(listed.length);
    for (const [id, list] of result.related) {
      expect(canonicalOf.get(id) ?? id).toBe(id); // only canonical articles carry related lists
      expect(list.length).toBeLessThanOrEqual(5);
      expect(list.map((r) => r.id)).not.toContain(id);
    }
  });

  it('generates the same articles for the same seed and different ones for another seed', () => {
    expect(generateSyntheticStories(50, 7)).toEqual(generateSyntheticStories(50, 7));
    expect(generateSyntheticStories(50, 7)).not.toEqual(generateSyntheticStories(50, 8));
  });
});
