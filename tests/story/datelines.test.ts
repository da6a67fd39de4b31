import { describe, expect, it } from 'vitest';
import { findAttribution, readDateline } from '../../src/story/attribution.js';

const LEDE = 'Firefighters battled a large blaze at a chemical warehouse overnight, the fire service said.';

describe('wire datelines', () => {
  it.each<[string, string]>([
    ['HAMBURG, Jan 5 (Reuters) - ', 'Reuters'],
    ['HAMBURG, Jan. 5 (Reuters) - ', 'Reuters'],
    ['HAMBURG, January 5, 2026 (Reuters) - ', 'Reuters'],
    ['HAMBURG, 5 January (Reuters) - ', 'Reuters'],
    ['HAMBURG, Germany, Jan 5 (Reuters) - ', 'Reuters'],
    ['WASHINGTON, Sept. 30 (Reuters) - ', 'Reuters'],
    ['BEIJING, Jan. 5 (Xinhua) -- ', 'Xinhua'],
    ['SEOUL, Jan. 5 (Yonhap) -- ', 'Yonhap'],
    ['Hamburg (AFP) - ', 'AFP'],
    ['Hamburg (dpa) - ', 'dpa'],
    ['Hamburg (dpa/lno) - ', 'dpa'],
    ['Rio de Janeiro (AFP) - ', 'AFP'],
    ['New York (Reuters) - ', 'Reuters'],
    ['Kuwait City, Jan 5 (KUNA) -- ', 'KUNA'],
    ['KUWAIT CITY (QNA) -- ', 'QNA'],
    ['MOSCOW, January 5. /TASS/. ', 'TASS'],
    ['HAMBURG (Reuters) - ', 'Reuters'],
    ['HAMBURG, Germany (AP) — ', 'AP'],
    ['NEW YORK, N.Y. (AP) — ', 'AP'],
    ['(Reuters) - ', 'Reuters'],
  ])('%s', (dateline, agency) => {
    expect(findAttribution([`${dateline}${LEDE}`, 'No injuries were reported.'])).toBe(agency);
    expect(readDateline(`${dateline}${LEDE}`)).toEqual({ agency, length: dateline.length - 1 });
  });

  it.each([
    ['a company and its ticker', 'Apple (AAPL) - Shares rose after the results.'],
    ['a place and an unknown name in parentheses', 'Hamburg (Germany) - The port reopened.'],
    ['a mixed-case opening with an unknown outlet', 'Officials (ABC) - The port reopened.'],
    ['a date with no wire', 'HAMBURG, Jan 5 - The port reopened.'],
    ['a wire named later in the sentence', 'Hamburg officials told Reuters - in a call - that the port reopened.'],
    ['a parenthesis with no dash after it', 'HAMBURG (Reuters) The port reopened.'],
  ])('no dateline in %s', (_name, paragraph) => {
    expect(readDateline(paragraph)).toBeUndefined();
    expect(findAttribution([paragraph])).toBeUndefined();
  });

  it('prefers a later paragraph\'s dateline to an earlier mention', () => {
    expect(findAttribution(['Shares fell, Bloomberg reported.', `LONDON, Jan 5 (Reuters) - ${LEDE}`])).toBe('Reuters');
  });
});
