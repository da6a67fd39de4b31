import { describe, expect, it } from 'vitest'
import { wordCount } from '../src/text/words.js'

describe('wordCount', () => {
  it.each([
    ['English, as white space splits it', 'The council approved the budget — after a long debate.', 10],
    ['nothing', '  \n ', 0],
    ['Japanese: a word for every two letters of a run, punctuation between runs a word', '東京都は月曜日、新しい駅の開業を発表した。', 12],
    ['Chinese', '北京市政府周一宣布了新的交通规则', 8],
    ['Thai', 'กรุงเทพมหานครประกาศ', 10],
    ['Korean, written with spaces', '서울시는 월요일 새로운 지하철 노선을 발표했다', 6],
    ['Japanese and English together', 'JR東日本 said 新駅 opens', 6],
  ])('counts %s', (_name, text, words) => {
    expect(wordCount(text)).toBe(words)
  })
})

describe('wordCount and the scripts it looks for', () => {
  it('finds letters of every script written without spaces, outside the basic plane too', () => {
    for (const [text, words] of [['ພາສາລາວ', 4], ['ភាសាខ្មែរ', 5], ['မြန်မာ', 3], ['𠀋𠀋', 1], ['ｶﾀｶﾅ', 2]] as const) expect(wordCount(text), text).toBe(words)
  })
})
