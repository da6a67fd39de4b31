/**
 * The words of a text as runs of letters and digits: what `/[\p{L}\p{N}]+/gu` finds, or with
 * `marks`, what `/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*\/gu` finds (a combining mark goes on a word, never
 * starts one).
 *
 * Why by hand: this runs on every paragraph of every article, for story features and for search
 * terms, and with the expression, tokenising for story features took 2.4 times as long (1.6 s
 * against 0.7 s of each thread in a cold build of 10,000 articles). Most characters are ASCII,
 * which needs no lookup.
 */
export function letterRuns(text: string, marks = false): string[] {
  const runs: string[] = []
  let start = -1
  for (let at = 0; at < text.length; ) {
    const unit = text.charCodeAt(at)
    let width = 1
    let kind: Kind
    if (unit < 0x80) kind = isAsciiLetterOrDigit(unit) ? letterOrDigit : other
    else {
      const point = text.codePointAt(at)!
      if (point > 0xffff) width = 2
      kind = kindOf(point)
    }
    if (kind === letterOrDigit || (kind === mark && marks && start >= 0)) {
      if (start < 0) start = at
    } else if (start >= 0) {
      runs.push(text.slice(start, at))
      start = -1
    }
    at += width
  }
  if (start >= 0) runs.push(text.slice(start))
  return runs
}

/**
 * Words with the numbers in them whole ("3.4%", "1,200", "o'brien"): what
 * `/[\p{L}\p{M}\p{N}]+(?:[.,'’%-][\p{L}\p{M}\p{N}]+)*%?/gu` finds. A run of letters, marks and
 * digits goes on through one of `.,'’%-` when another such run follows it, and takes a final `%`.
 * By hand for the same reason as `letterRuns`: with the expression, finding repeated paragraphs
 * spent 1.4 s of each thread on it in a cold build of 10,000 articles, against 0.55 s.
 */
export function joinedRuns(text: string): string[] {
  const runs: string[] = []
  for (let at = 0; at < text.length; ) {
    let end = runEnd(text, at)
    if (end === at) {
      at += isPairAt(text, at) ? 2 : 1
      continue
    }
    for (;;) {
      const unit = text.charCodeAt(end)
      const joiner = unit === 0x2e || unit === 0x2c || unit === 0x27 || unit === 0x2019 || unit === 0x25 || unit === 0x2d
      const next = joiner ? runEnd(text, end + 1) : end + 1
      if (!joiner || next === end + 1) break
      end = next
    }
    if (text.charCodeAt(end) === 0x25) end++
    runs.push(text.slice(at, end))
    at = end
  }
  return runs
}

/** Where the run of letters, marks and digits that starts at `at` ends (`at` itself when none starts there). */
function runEnd(text: string, at: number): number {
  let end = at
  while (end < text.length) {
    const unit = text.charCodeAt(end)
    if (unit < 0x80) {
      if (!isAsciiLetterOrDigit(unit)) break
      end++
    } else {
      const point = text.codePointAt(end)!
      if (kindOf(point) === other) break
      end += point > 0xffff ? 2 : 1
    }
  }
  return end
}

const isAsciiLetterOrDigit = (unit: number): boolean => (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a)

/** Whether a surrogate pair (one character of two code units) starts at `at`. */
export function isPairAt(text: string, at: number): boolean {
  const unit = text.charCodeAt(at)
  const next = text.charCodeAt(at + 1)
  return unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff
}

type Kind = 0 | 1 | 2
const other = 0
const letterOrDigit = 1
const mark = 2

/** What a code point is to `letterRuns`, remembered once asked. */
function kindOf(point: number): Kind {
  let kind = kinds.get(point)
  if (kind === undefined) {
    const character = String.fromCodePoint(point)
    kind = /^[\p{L}\p{N}]$/u.test(character) ? letterOrDigit : /^\p{M}$/u.test(character) ? mark : other
    kinds.set(point, kind)
  }
  return kind
}

const kinds = new Map<number, Kind>()
