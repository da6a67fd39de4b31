import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import nlp from 'compromise';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sweep } from '../../src/story/compromise-sweep.js';
import '../../src/story/entities.js';

// compromise's CommonJS build is a copy of its own, whose sweep Gazette never replaces: the reference.
const reference = createRequire(import.meta.url)('compromise') as typeof nlp;
const world = reference.world() as { methods: { one: { bulkMatch: unknown } } };
const ownSweep = world.methods.one.bulkMatch;

/** Every term's text, tags and chunk after tagging `text` with the given sweep. */
function tagged(text: string, bulkMatch: unknown): string {
  world.methods.one.bulkMatch = bulkMatch;
  try {
    return JSON.stringify(reference(text).json(), (key, value: unknown) => (key === 'id' ? undefined : value));
  } finally {
    world.methods.one.bulkMatch = ownSweep;
  }
}

// Words that set off the post-tagger's rules: titles, names, places, months that are names too,
// auxiliaries, numbers, contractions, abbreviations and punctuation.
const word = fc.constantFrom(
  'Prime', 'Minister', 'President', 'Gen', 'Gen.', 'Dr.', 'Mr', 'Mrs.', 'Shigeru', 'Ishiba', 'Lloyd', 'Austin', 'Will', 'Smith', 'May', 'March', 'April', 'Paris', 'Texas', 'New', 'York',
  'Bank', 'of', 'America', 'the', 'a', 'US', 'U.S.', 'EU', 'Toyota', 'Inc.', 'said', 'says', 'will', 'would', 'have', 'been', 'is', 'was', 'not', "can't", "it's", "Japan's", 'met', 'running',
  'quickly', 'red', 'very', 'on', 'Monday', '3', '1,200', '4.5%', '$20', 'million', 'and', 'or', 'but', 'who', 'that', ',', '.', '?', '!', ';', '"', '(', ')', '-', 'well-known', 'e-mail', 'NATO'
);
const text = fc.array(word, { minLength: 1, maxLength: 30 }).map((words) => words.join(' ').replace(/ ([,.?!;)])/g, '$1'));

describe('the faster sweep', () => {
  it('is the sweep compromise runs for Gazette', () => {
    expect((nlp.world() as typeof world).methods.one.bulkMatch).toBe(sweep);
    expect(ownSweep).not.toBe(sweep);
  });

  it('tags random sentences exactly as compromise does', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(tagged(value, sweep)).toBe(tagged(value, ownSweep));
      }),
      { numRuns: 600 }
    );
  });

  it('tags real articles exactly as compromise does', () => {
    const pairs = JSON.parse(readFileSync(new URL('fixtures/pairs.json', import.meta.url), 'utf8')) as { articles: Array<{ title: string; paragraphs: string[] }> };
    const seed = readFileSync(new URL('../../seeds/000_127977346a318ce7.txt', import.meta.url), 'utf8');
    const texts = [seed, ...pairs.articles.flatMap((article) => [article.title, ...article.paragraphs])];
    expect(texts.length).toBeGreaterThan(100);
    for (const value of texts) expect(tagged(value, sweep)).toBe(tagged(value, ownSweep));
  });

  it('finds what compromise finds with rules of every kind, and stops at the first when asked to', () => {
    // Rules that need a tag, want one of several words, run always (`.` needs nothing), or must not see a tag.
    // The last seven start after a sentence's first term: with a word, a word's other form (`and/or`, `they're`), a `%switch%`,
    // a fast choice, a tag in a group, and one ends with `$`.
    const net = reference.buildNet([
      { match: '#Person' }, { match: '(president|minister) #ProperNoun+' }, { match: '#Place' }, { match: 'will #Verb' }, { match: '^.' }, { match: '#Person+', ifNo: ['#Place'] },
      { match: 'austin will' }, { match: 'or write' }, { match: 'they are' }, { match: '%Person|Place% will' }, { match: '(would|will) speak' }, { match: 'in [#Place]', group: 0 },
      { match: 'on monday$' }
    ]);
    const doc = reference('The minister met President Ishiba in Paris. Lloyd Austin will speak and/or write on Monday. Nothing here, they\'re gone.');
    const run = (bulkMatch: unknown, matchOne: boolean) => {
      world.methods.one.bulkMatch = bulkMatch;
      try {
        return doc.sweep(net, { tagger: false, matchOne }).found.map((found: { match: string; view: { text(): string } }) => [found.match, found.view.text()]);
      } finally {
        world.methods.one.bulkMatch = ownSweep;
      }
    };
    for (const matchOne of [false, true]) {
      const expected = run(ownSweep, matchOne);
      expect(expected.length).toBeGreaterThan(0);
      expect(run(sweep, matchOne)).toEqual(expected);
    }
    expect(run(ownSweep, true)).toHaveLength(1);
    // `#Person+` is not tried in the sentence with a place; `^.` is tried in every sentence.
    expect(run(ownSweep, false).filter(([match]) => match === '#Person+')).toEqual([['#Person+', 'Lloyd Austin']]);
    expect(run(ownSweep, false).filter(([match]) => match === '^.')).toHaveLength(3);
    const lateRules = new Set(['austin will', 'or write', 'they are', '%Person|Place% will', '(would|will) speak', 'in [#Place]', 'on monday$']);
    const late = new Map((run(ownSweep, false) as Array<[string, string]>).filter(([match]) => lateRules.has(match)));
    expect(late).toEqual(new Map([['austin will', 'Austin will'], ['or write', 'and/or write'], ['they are', "they're"], ['%Person|Place% will', 'Austin will'], ['(would|will) speak', 'will speak'], ['in [#Place]', 'Paris'], ['on monday$', 'on Monday']]));
  });
});
