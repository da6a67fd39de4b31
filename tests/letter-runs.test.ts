import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { joinedRuns, letterRuns } from '../src/text/letter-runs.js'

// Letters and digits of every plane, combining marks, separators, emoji and lone surrogates.
const unit = fc.constantFrom('a', 'Z', '0', '9', 'É', 'ß', '²', '٣', 'ж', '東', '𝐀', '𠀋', '\u0301', '\u0903', '\u20dd', ' ', '\u00a0', '\n', "'", '’', '-', '_', '.', '👍', '\ud800', '\udc00')
const text = fc.string({ unit, maxLength: 24 })

describe('letterRuns', () => {
  it('finds the runs /[\\p{L}\\p{N}]+/gu finds', () => {
    fc.assert(fc.property(text, (value) => {
      expect(letterRuns(value)).toEqual(value.match(/[\p{L}\p{N}]+/gu) ?? [])
    }), { numRuns: 5000 })
  })

  it('with marks, finds the runs /[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*/gu finds', () => {
    fc.assert(fc.property(text, (value) => {
      expect(letterRuns(value, true)).toEqual(value.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? [])
    }), { numRuns: 5000 })
  })

  it('joined, finds the words /[\\p{L}\\p{M}\\p{N}]+(?:[.,\'’%-][\\p{L}\\p{M}\\p{N}]+)*%?/gu finds', () => {
    const joined = fc.string({ unit: fc.oneof(unit, fc.constantFrom('.', ',', "'", '’', '%', '-', '%')), maxLength: 24 })
    fc.assert(fc.property(joined, (value) => {
      expect(joinedRuns(value)).toEqual(value.match(/[\p{L}\p{M}\p{N}]+(?:[.,'’%-][\p{L}\p{M}\p{N}]+)*%?/gu) ?? [])
    }), { numRuns: 5000 })
    expect(joinedRuns("up 3.4% to 1,200, o'brien's 5%. a-%b -x- 7%%")).toEqual(['up', '3.4%', 'to', '1,200', "o'brien's", '5%', 'a', 'b', 'x', '7%'])
  })

  it('keeps a mark inside a word only when asked, and never starts a word with one', () => {
    expect(letterRuns('e\u0301te \u0301x 𝐀b')).toEqual(['e', 'te', 'x', '𝐀b'])
    expect(letterRuns('e\u0301te \u0301x 𝐀b', true)).toEqual(['e\u0301te', 'x', '𝐀b'])
  })
})
