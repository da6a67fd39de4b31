import { it } from 'vitest';
import { findSameStories } from '../../src/story/same-story.js';
import { generateSyntheticStories } from '../../src/story/synthetic.js';
it('x', () => {
  const s = generateSyntheticStories(5000, 42);
  const r = findSameStories(s);
  const key = (id: string) => id.replace(/-copy-\d+$/, '');
  const clusterOf = new Map<string, string>();
  for (const c of r.clusters) { clusterOf.set(c.canonical, c.canonical); for (const x of c.copies) clusterOf.set(x.id, c.canonical); }
  const byId = new Map(s.map(a => [a.id, a]));
  for (const a of s) if (a.id.includes('-copy-') && (clusterOf.get(a.id) === undefined || clusterOf.get(a.id) !== clusterOf.get(key(a.id)))) {
    const b = byId.get(key(a.id))!;
    const pair = findSameStories([a, b], {});
    const pairLoose = findSameStories([a, b], { jaccard: 0.01 });
    console.log(a.id, a.paragraphs.length, b.paragraphs.length, JSON.stringify(pair.clusters), JSON.stringify(pairLoose.clusters));
  }
}, 600000);
