import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { findAttribution } from '../../src/story/attribution.js';

const seed = readFileSync(new URL('../../seeds/000_127977346a318ce7.txt', import.meta.url), 'utf8').split('\n');

describe('findAttribution', () => {
  it.each<[string, string[], string | undefined]>([
    [
      'seed paragraph: parenthetical short name before "reported"',
      ['New Japanese Defense Minister Gen Nakatani and US Defense Secretary Lloyd Austin reached this agreement during their first face-to-face talks since Japanese Prime Minister Shigeru Ishiba took office on Oct. 1, Japan’s News Agency (Kyodo) reported.'],
      'Kyodo',
    ],
    ['trailing ", Reuters reported"', ['The central bank held rates steady, Reuters reported.'], 'Reuters'],
    ['sentence-initial word before the outlet', ['Talks stalled. Then Reuters reported a breakthrough.'], 'Reuters'],
    ['according to the Associated Press', ['Three people were hurt, according to the Associated Press.'], 'Associated Press'],
    ['according to two outlets picks the first', ['It sank, according to the Associated Press and Reuters.'], 'Associated Press'],
    ['AP dateline', ['WASHINGTON (AP) — The Senate passed the bill on Tuesday.'], 'AP'],
    ['Reuters dateline with hyphen', ['LONDON (Reuters) - Shares fell.'], 'Reuters'],
    ['multi-word dateline city', ['NEW YORK, N.Y. (AP) — Markets rallied.'], 'AP'],
    ['dateline city with its country', ['GENOA, Italy (AP) — A storm closed ports on Tuesday.'], 'AP'],
    ['dateline city with a country of two words', ['LONDON, United Kingdom (Reuters) - Shares fell.'], 'Reuters'],
    ['generic newspaper name', ['The deal was first disclosed, the Wall Street Journal reported on Monday.'], 'Wall Street Journal'],
    ['newspaper with a connector-free multiword name', ['Sales slowed, the New York Times reported.'], 'New York Times'],
    ['known wire with "said"', ['The launch succeeded, Xinhua said.'], 'Xinhua'],
    ['reported by', ['The figures were reported by Bloomberg.'], 'Bloomberg'],
    ['found in a later paragraph', ['The minister resigned.', 'He will be replaced next week, Kyodo News reported.'], 'Kyodo News'],
    ['"told CNN" is a quote, not the article source', ['The senator told CNN that the vote would pass.'], undefined],
    ['interview with the BBC is not attribution', ['In an interview with the BBC, she denied the claim.'], undefined],
    ['government ministry is a source of a statement, not an outlet', ['The Defense Ministry reported two incursions.'], undefined],
    ['according to officials', ['Ten were injured, according to officials.'], undefined],
    ['according to a ministry', ['Exports rose, according to the Finance Ministry.'], undefined],
    ['acronym in parentheses that is not an outlet', ['A Group of Seven (G7) gathering was held.'], undefined],
    ['agency in parentheses but no reporting verb', ['The Japanese Defense Ministry (JDM) said it was monitoring.'], undefined],
    ['no text', [], undefined],
    ['no source named', ['Japan and the US agreed to enhance deterrence.'], undefined],
  ])('%s', (_name, paragraphs, expected) => {
    expect(findAttribution(paragraphs)).toBe(expected);
  });

  it('finds Kyodo in the full seed file', () => {
    expect(findAttribution(seed)).toBe('Kyodo');
  });

  it('reads the name nearest the verb when another starts inside it', () => {
    expect(findAttribution(['Shares of eBay News reported a loss.'])).toBe('Bay News');
    expect(findAttribution(['The talks, Then Reuters reported, failed.'])).toBe('Reuters');
  });

  it('takes time that grows with a run of capitalised words, not its square (30,000 words and no verb)', () => {
    // Each capital of the run started a name that ran to its end: 34 s for 20,000 words, over
    // a minute for these, past the test's timeout.
    expect(findAttribution([`${'Word '.repeat(30_000)}.`, `${'Word '.repeat(30_000)}(Kyodo).`])).toBeUndefined();
  });

  it('takes time that grows with a long name before "reported", not its square (30,000 capitalised words)', () => {
    // Every run of its words touching "reported" was written out to be looked up: over a minute.
    expect(findAttribution([`${'Word '.repeat(30_000)}Reuters reported.`])).toBe('Reuters');
    expect(findAttribution([`Japan’s News ${'Word '.repeat(30_000)}Agency reported.`])).toBe(`News ${'Word '.repeat(30_000)}Agency`);
  });
});
