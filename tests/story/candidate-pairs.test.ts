import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatePairs, combine } from '../../src/story/same-story.js';

/**
 * What `candidatePairs` must give, said the plain way: each band's buckets in a map, every pair of
 * a bucket of up to 16 articles, a chain through a larger one in the order of the articles' full
 * hashes (then their indices), and all the pairs sorted and made unique at the end.
 */
function referencePairs(signatures: readonly Uint32Array[], bands: number, rows: number): number[] {
  const n = signatures.length;
  const fullHash = signatures.map((s) => combine(s, 0, s.length));
  const codes = new Set<number>();
  const add = (x: number, y: number) => codes.add(Math.min(x, y) * n + Math.max(x, y));
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<number, number[]>();
    signatures.forEach((s, doc) => {
      const hash = combine(s, b * rows, (b + 1) * rows) >>> 0;
      buckets.set(hash, [...(buckets.get(hash) ?? []), doc]);
    });
    for (const docs of buckets.values()) {
      if (docs.length <= 16) docs.forEach((x, i) => docs.slice(i + 1).forEach((y) => add(x, y)));
      else {
        const chain = [...docs].sort((x, y) => fullHash[x]! - fullHash[y]! || x - y);
        chain.slice(1).forEach((y, i) => add(chain[i]!, y));
      }
    }
  }
  return [...codes].sort((a, b) => a - b);
}

/**
 * Signatures made from a few originals with some values changed: values from a small range and
 * few originals put many articles in one bucket, so buckets of more than 16 are common.
 */
const signatureSets = fc
  .record({ rows: fc.integer({ min: 1, max: 3 }), bands: fc.integer({ min: 1, max: 12 }), originals: fc.integer({ min: 1, max: 6 }), range: fc.integer({ min: 2, max: 1000 }), count: fc.integer({ min: 0, max: 120 }) })
  .chain(({ rows, bands, originals, range, count }) =>
    fc.record({
      rows: fc.constant(rows),
      bands: fc.constant(bands),
      originals: fc.array(fc.array(fc.integer({ min: 0, max: range - 1 }), { minLength: rows * bands, maxLength: rows * bands }), { minLength: originals, maxLength: originals }),
      copies: fc.array(fc.record({ of: fc.nat(), changes: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: range - 1 }) }), { maxLength: 3 }) }), { minLength: count, maxLength: count }),
    }),
  )
  .map(({ rows, bands, originals, copies }) => ({
    rows,
    bands,
    signatures: copies.map(({ of, changes }) => {
      const signature = Uint32Array.from(originals[of % originals.length]!);
      for (const { at, value } of changes) signature[at % signature.length] = value;
      return signature;
    }),
  }));

describe('candidatePairs', () => {
  it('gives the pairs a map of each band\'s buckets gives, crowded buckets chained', () => {
    let crowded = 0;
    fc.assert(
      fc.property(signatureSets, ({ signatures, bands, rows }) => {
        const expected = referencePairs(signatures, bands, rows);
        expect([...candidatePairs(signatures, bands, rows)]).toEqual(expected);
        // How often a bucket was crowded: the chain must be tested, not only all pairs.
        const largest = Math.max(0, ...Array.from({ length: bands }, (_, b) => {
          const sizes = new Map<number, number>();
          for (const s of signatures) {
            const hash = combine(s, b * rows, (b + 1) * rows);
            sizes.set(hash, (sizes.get(hash) ?? 0) + 1);
          }
          return Math.max(0, ...sizes.values());
        }));
        if (largest > 16) crowded++;
      }),
      { numRuns: 300 },
    );
    expect(crowded).toBeGreaterThan(30);
  });

  it('keeps every pair apart when there are more articles than 65,536 (codes past 2³²)', () => {
    // Two copies at each end of a long list, every other article different in every band.
    const n = 70_000;
    const signatures = Array.from({ length: n }, (_, doc) => Uint32Array.of(doc, doc + 1));
    signatures[1] = Uint32Array.of(7, 7);
    signatures[n - 1] = Uint32Array.of(7, 7);
    expect([...candidatePairs(signatures, 1, 2)]).toEqual([1 * n + (n - 1)]);
  });
});
