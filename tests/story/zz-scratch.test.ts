import { it } from 'vitest';
import { findSameStories } from '../../src/story/same-story.js';
import { generateSyntheticStories } from '../../src/story/synthetic.js';
it('x', () => {
  for (const n of [5000, 50000]) {
  const t0 = performance.now();
  const s = generateSyntheticStories(n, 42);
  const t1 = performance.now();
  const r = findSameStories(s);
  const t2 = performance.now();
  const key = (id: string) => id.replace(/-copy-\d+$/, '');
  let bad = 0, copies = 0;
  const clusterOf = new Map<string, string>();
  for (const c of r.clusters) { clusterOf.set(c.canonical, c.canonical); for (const x of c.copies) clusterOf.set(x.id, c.canonical); const keys = new Set([c.canonical, ...c.copies.map(x=>x.id)].map(key)); if (keys.size>1) bad++; }
  let missed = 0;
  for (const a of s) if (a.id.includes('-copy-')) { copies++; if (clusterOf.get(a.id) === undefined || clusterOf.get(a.id) !== clusterOf.get(key(a.id))) missed++; }
  console.log(n, 'gen', (t1-t0).toFixed(0), 'find', (t2-t1).toFixed(0), 'clusters', r.clusters.length, 'bad', bad, 'copies', copies, 'missed', missed, 'related', r.related.size, 'minsim', Math.min(...r.clusters.flatMap(c=>c.copies.map(x=>x.similarity))));
  console.log(s[0], s.find(a=>a.id.includes('copy')));
  }
}, 600000);
