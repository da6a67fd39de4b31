import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dedupeArticle } from '../src/dedupe.js'
import { parseArticle } from '../src/parse.js'
import { resolveConfig, type ResolvedConfig } from '../src/config.js'
import { findRepeats } from '../src/text/dedupe-paragraphs.js'
import { foldForComparison } from '../src/text/normalize.js'
import { article } from './helpers.js'

const config = (resolveConfig({}) as { config: ResolvedConfig }).config

function kept(paragraphs: string[]): string[] {
  const removed = new Set(findRepeats(paragraphs).map((repeat) => repeat.index))
  return paragraphs.filter((_, index) => !removed.has(index))
}

const base = 'The central bank kept its key interest rate unchanged on Thursday, citing persistent price pressures.'

describe('findRepeats: Chinese and Japanese', () => {
  const beijing = '北京市政府周一宣布了新的交通规则，许多市民表示支持，但也有人担心执行难度。'
  const rules = '新规则将于下月生效，违规者将被处以罚款。'
  const tokyo = '東京都は月曜日、新しい駅の開業を発表した。'

  it('removes a paragraph repeated whole, though it holds no spaces to count words by', () => {
    expect(kept([beijing, rules, tokyo, beijing, tokyo])).toEqual([beijing, rules, tokyo])
  })

  it('keeps a near copy: without capitals or spaces a changed name or number looks like a typo', () => {
    for (const copy of [beijing.replace('北京', '上海'), tokyo.replace('月曜日', '火曜日'), beijing.replace('执行难度', '执行的难度')]) {
      expect(kept([beijing, tokyo, copy])).toEqual([beijing, tokyo, copy])
    }
  })

  it('keeps a short line repeated on its own, as in any script', () => {
    expect(kept(['更新', beijing, '更新'])).toEqual(['更新', beijing, '更新'])
  })
})

describe('findRepeats', () => {
  it.each([
    ['an exact copy', [base, base], [base]],
    ['a copy with curly quotes and NBSP', ['He said the “plan” is ready to go now.', 'He said the "plan"\u00a0is ready to go now.'], ['He said the “plan” is ready to go now.']],
    ['a copy differing in case and a final full stop', [base, base.toUpperCase().replace(/\.$/, '')], [base]],
    ['a copy in another Unicode form', ['Café owners in Zürich said prices rose sharply.', 'Cafe\u0301 owners in Zu\u0308rich said prices rose sharply.'], ['Café owners in Zürich said prices rose sharply.']],
    ['a copy with other dashes', ['The talks — held in Naples — ended without a deal for now.', 'The talks – held in Naples – ended without a deal for now.'], ['The talks — held in Naples — ended without a deal for now.']],
    ['a near copy with a typo', [base, base.replace('unchanged', 'unchaged')], [base]],
    ['a near copy with an article dropped', [base, base.replace('The central', 'Central')], [base]],
    ['a near copy with two words added that state nothing', [base, base.replace('kept', 'also kept').replace('citing', 'citing the')], [base]]
  ])('removes %s', (_name, input, expected) => {
    expect(kept(input)).toEqual(expected)
  })

  it.each([
    ['two facts that differ in a number', ['Inflation reached 3.4% in April, the statistics office said on its website.', 'Inflation reached 3.7% in May, the statistics office said on its website.']],
    ['a month changed', ['The ministry said exports to the region grew strongly in April after the new deal.', 'The ministry said exports to the region grew strongly in March after the new deal.']],
    ['a negation added', ['The minister said the government would raise the fuel tax this year.', 'The minister said the government would not raise the fuel tax this year.']],
    ['a word replaced by another', [base, base.replace('kept', 'held')]],
    ['a word dropped that says something', [base, base.replace(' key', '')]],
    ['words added that say something', [base, base.replace('unchanged', 'unchanged once again')]],
    ['a different person', ['Prime Minister Shigeru Ishiba met the delegation in Tokyo on Tuesday afternoon.', 'Prime Minister Fumio Kishida met the delegation in Tokyo on Tuesday afternoon.']],
    ['short texts that differ by a word', ['Markets fell sharply.', 'Markets rose sharply.']],
    ['paragraphs on the same topic', ['Japan and the US agreed to deepen defence ties at a meeting in Naples.', 'Japan and Australia agreed to deepen trade ties at a summit in Canberra.']]
  ])('keeps %s', (_name, input) => {
    expect(kept(input)).toEqual(input)
  })

  it('keeps a short line that repeats on its own, but drops it inside a repeated run', () => {
    expect(kept(['Yes.', 'The reporter asked again whether the talks had failed.', 'Yes.'])).toEqual(['Yes.', 'The reporter asked again whether the talks had failed.', 'Yes.'])
    const run = ['Update', 'The reporter asked again whether the talks had failed.']
    expect(kept([...run, ...run])).toEqual(run)
  })

  it('points each removed copy at its first copy', () => {
    expect(findRepeats([base, 'Another paragraph with quite different words in it.', base])).toEqual([{ index: 2, original: 0, kind: 'exact' }])
  })

  it('dedupes thousands of paragraphs with many near-twins', () => {
    const paragraphs = Array.from({ length: 5000 }, (_, i) => `Report number ${i} says the committee met in room ${i % 97} to discuss item ${i * 7} of the agenda.`)
    const doubled = [...paragraphs, ...paragraphs]
    expect(kept(doubled)).toEqual(paragraphs)
  })
})

const paragraphArb = fc
  .array(fc.constantFrom('the', 'minister', 'said', 'talks', 'would', 'continue', 'in', 'Tokyo', 'on', 'Monday', '3.4%', 'growth', 'slowed', 'sharply', 'after', 'rates', 'rose', 'café', '“quoted”'), { minLength: 1, maxLength: 14 })
  .map((words) => words.join(' '))

describe('foldForComparison', () => {
  it('drops a final full stop and the spaces before it, as `/\\s*\\.$/` does', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\u00a0', '\t', '\n', '.', '…', '\u2028'), maxLength: 16 })
    fc.assert(fc.property(text, (value) => {
      const spaced = value.normalize('NFKC').replace(/[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]+/g, ' ').trim().toLowerCase()
      expect(foldForComparison(value)).toBe(spaced.replace(/\s*\.$/, ''))
    }), { numRuns: 2000 })
  })

  it('folds quotes, dashes and white space as the four expressions it stands for do', () => {
    const byExpressions = (value: string) =>
      value
        .normalize('NFKC')
        .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
        .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A]/g, '"')
        .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
        .replace(/[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]+/g, ' ')
        .trim()
        .toLowerCase()
        .replace(/\s*\.$/, '')
    // Every character the expressions name, their neighbours, and characters NFKC turns into them (″ is two ′, ＂ is ").
    const special = [...'\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A\u2010\u2011\u2012\u2013\u2014\u2015\u2016\u200F\u2212\uFE58\uFE63\uFF0D\u00A0\u1680\u2000\u2005\u200A\u200B\u200C\u2028\u2029\u202F\u205F\u3000\uFEFF\t\n\u000b\f\r\u0008\u001f\u0085\uFF02\uFF07\u2034\u00C9\u0301']
    const text = fc.string({ unit: fc.oneof(fc.constantFrom(...special, 'a', 'Q', ' ', '.', "'", '"', '-'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 24 })
    fc.assert(fc.property(text, (value) => {
      expect(foldForComparison(value)).toBe(byExpressions(value))
    }), { numRuns: 5000 })
  })
})

describe('findRepeats properties', () => {
  it('is idempotent: deduped text has no repeats left', () => {
    fc.assert(fc.property(fc.array(paragraphArb, { maxLength: 30 }), (paragraphs) => {
      const once = kept(paragraphs)
      expect(kept(once)).toEqual(once)
    }))
  })

  it('keeps order: the output is a subsequence of the input', () => {
    fc.assert(fc.property(fc.array(paragraphArb, { maxLength: 30 }), (paragraphs) => {
      const output = kept(paragraphs)
      let cursor = 0
      for (const paragraph of output) {
        cursor = paragraphs.indexOf(paragraph, cursor) + 1
        expect(cursor).toBeGreaterThan(0)
      }
    }))
  })

  it('never drops a paragraph that has no twin', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 40 }), (ids) => {
      // Distinct facts: every paragraph carries its own number.
      const paragraphs = ids.map((id) => `The agency reported ${id} new cases in the region over the past week.`)
      expect(kept(paragraphs)).toEqual(paragraphs)
    }))
  })

  it('removes every exact copy of any paragraph of four or more words', () => {
    fc.assert(fc.property(fc.array(paragraphArb, { maxLength: 20 }), (paragraphs) => {
      const long = paragraphs.filter((p) => p.split(' ').length >= 4)
      const output = kept([...long, ...long])
      expect(output.length).toBeLessThanOrEqual(long.length)
    }))
  })
})

describe('dedupeArticle', () => {
  it('removes repeated blocks from the tree and reports each at its position with the first copy', () => {
    const text = article({ title: 'T', date: '2026-01-01' }, `${base}\n\nSecond paragraph that is different.\n\n${base}`)
    const parsed = parseArticle({ path: 'content/t.md', kind: 'markdown', bytes: new TextEncoder().encode(text) }, config)
    const deduped = dedupeArticle(parsed.article!)
    expect(deduped.removed).toBe(1)
    expect(deduped.tree.children).toHaveLength(2)
    expect(parsed.article!.tree.children).toHaveLength(3)
    expect(deduped.file.messages.map(String)).toEqual(['content/t.md:10:1-10:102: Removed a repeated paragraph.'])
    expect(String(deduped.file.messages[0]!.cause)).toBe('content/t.md:6:1-6:102: first copy')
  })
})
