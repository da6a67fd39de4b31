import { unspacedLetters, wordCount } from './words.js'

/** Longest title kept whole; longer ledes are cut at a clause or word boundary. */
const maxTitle = 90
const minClause = 24

const trailingWords = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'as',
  'amid', 'among', 'after', 'before', 'over', 'under', 'into', 'onto', 'than', 'that', 'which', 'who', 'whose',
  'while', 'since', 'its', 'their', 'his', 'her', 'our', 'your', 'this', 'these', 'those', 'is', 'are', 'was',
  'were', 'be', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'said', 'says', 'not', 'no', 'if', 'so'
])

/** Words that open a subordinate clause: a cut before them keeps the main clause whole. */
const clauseOpeners = /\s(?:amid|as|while|after|before|despite|following|because|although|though|when|where|which|with|including|according to)\s/giu

/** Most words a question or an exclamation may have to read as a headline ("Will the port district ever be safe again?" has eight). */
const maxClosedHeadlineWords = 14

/**
 * Whether a first line reads as a headline: short, with no closing sentence punctuation, or, as a
 * question or an exclamation, one sentence as short as a title ("Will the port district ever be
 * safe again?"); a question as long as a paragraph's sentence is body text. Lengths count a
 * Chinese or Japanese letter as two, and words as `wordCount` does.
 */
export function isHeadline(line: string): boolean {
  const text = line.trim()
  const length = text.length + unspacedLetters(text)
  if (length < 8 || text.length > 140) return false
  const words = wordCount(text)
  if (/[?!？！]$/u.test(text)) return length <= maxTitle && words >= 2 && words <= maxClosedHeadlineWords && firstSentence(text) === text
  if (/[.:;,。；，：]$/u.test(text)) return false
  return words >= 2 && words <= 20
}

/** The first sentence of a paragraph; abbreviations such as "Oct." or "U.S." do not end it. */
export function firstSentence(paragraph: string): string {
  // A Chinese or Japanese full stop ends a sentence whatever follows it.
  const fullStop = /[。！？][」』”’)）]?/u.exec(paragraph)
  if (fullStop) paragraph = paragraph.slice(0, fullStop.index + fullStop[0].length)
  const pattern = /[.!?]["'”’)]?(?=\s+["'“‘(]?\p{Lu})/gu
  for (const match of paragraph.matchAll(pattern)) {
    const end = match.index + match[0].length
    const before = paragraph.slice(0, match.index + 1)
    // "Oct." "Mr." "U.S." and initials are not sentence ends.
    if (/(?:^|\s)(?:\p{Lu}[\p{Ll}]{0,3}|\p{Lu}(?:\.\p{Lu})+|[\p{L}]{1,2})\.$/u.test(before)) continue
    return paragraph.slice(0, end).trim()
  }
  return paragraph.trim()
}

function trimTail(text: string): string {
  let result = text.replace(/[\s,;:–—-]+$/u, '')
  for (;;) {
    const match = /\s(\S+)$/u.exec(result)
    if (!match || !trailingWords.has(match[1]!.toLowerCase().replace(/[^\p{L}]/gu, ''))) break
    result = result.slice(0, match.index).replace(/[\s,;:–—-]+$/u, '')
  }
  return result
}

/**
 * Derive a headline from a lede: its first sentence without the final full stop, or, when that
 * is too long, its main clause, or a cut at a word boundary that never ends mid-word, on a
 * dangling comma or on a word such as "amid" or "the".
 */
export function deriveTitle(lede: string): string {
  const sentence = firstSentence(lede.replace(/\s+/g, ' ')).replace(/[.!?。！？]+["'”’)」』）]?$/u, (m) => (/^[?!？！]/u.test(m) ? m : ''))
  if (sentence.length <= maxTitle) return /[?!]["'”’)]?$/u.test(sentence) ? sentence : trimTail(sentence) || sentence
  const clauseEnds: number[] = []
  for (const match of sentence.matchAll(/[,;:—–]\s|\s[—–-]\s/gu)) clauseEnds.push(match.index)
  for (const match of sentence.matchAll(clauseOpeners)) clauseEnds.push(match.index)
  const fitting = clauseEnds.filter((end) => end >= minClause && end <= maxTitle + 10).sort((a, b) => b - a)
  for (const end of fitting) {
    const clause = trimTail(sentence.slice(0, end))
    if (clause.length >= minClause) return clause
  }
  const cut = sentence.slice(0, maxTitle + 1)
  const boundary = cut.lastIndexOf(' ')
  return trimTail(boundary > minClause ? cut.slice(0, boundary) : cut.slice(0, maxTitle))
}
