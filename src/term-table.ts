/** Slots the table starts with: it doubles when half full. */
const firstSlots = 1024

/** Terms interned to numbers, counting from 0 in the order they were first seen. */
export interface TermTable {
  /** Each term's text, by its number. */
  readonly names: readonly string[]
  /**
   * Read `term<TAB>count` lines (counts in decimal), interning each term, and give `visit` its
   * number and count, in the order of the lines. Returns how many lines there were.
   */
  readLines(text: string, visit: (term: number, count: number) => void): number
}

/** FNV-1a over the UTF-16 code units of `text` from `start` to `end`. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193)
  return hash
}

/**
 * A table that reads term lists in place, starting from the terms `known` (each once, numbered
 * as there). Why not a `Map` of strings: both the related stories and the search index read
 * every article's list on each build, 1.6 million lines at 10,000 articles, and cutting each
 * term out of its list to look it up (a new string to make and hash) was most of the time either
 * took. Here a term is hashed where it stands and compared to the term of the same hash
 * character by character; only a term not seen before is cut out.
 */
export function termTable(known: readonly string[] = []): TermTable {
  const names: string[] = []
  let hashes = new Int32Array(firstSlots)
  // The number of the term in each slot, plus one: 0 is an empty slot.
  let slots = new Int32Array(firstSlots)
  let mask = firstSlots - 1

  const grow = (): void => {
    const size = slots.length * 2
    const nextHashes = new Int32Array(size)
    const nextSlots = new Int32Array(size)
    const nextMask = size - 1
    for (let slot = 0; slot < slots.length; slot++) {
      if (slots[slot] === 0) continue
      let at = hashes[slot]! & nextMask
      while (nextSlots[at] !== 0) at = (at + 1) & nextMask
      nextSlots[at] = slots[slot]!
      nextHashes[at] = hashes[slot]!
    }
    hashes = nextHashes
    slots = nextSlots
    mask = nextMask
  }

  const same = (name: string, text: string, start: number, end: number): boolean => {
    if (name.length !== end - start) return false
    for (let k = 0; k < name.length; k++) if (name.charCodeAt(k) !== text.charCodeAt(start + k)) return false
    return true
  }

  const numberOf = (text: string, start: number, end: number, hash: number): number => {
    let at = hash & mask
    for (let entry = slots[at]!; entry !== 0; entry = slots[at]!) {
      if (hashes[at] === hash && same(names[entry - 1]!, text, start, end)) return entry - 1
      at = (at + 1) & mask
    }
    const number = names.push(text.slice(start, end)) - 1
    slots[at] = number + 1
    hashes[at] = hash
    if (names.length * 2 > slots.length) grow()
    return number
  }

  // Terms known from before keep their numbers (each must be there once).
  for (const name of known) numberOf(name, 0, name.length, hashOf(name, 0, name.length))
  return {
    names,
    readLines(text, visit) {
      let lines = 0
      for (let start = 0; start < text.length; ) {
        // The term's hash (as `hashOf`) made while finding its tab.
        let hash = 0x811c9dc5 | 0
        let tab = start
        for (let c = text.charCodeAt(tab); c !== 9 && tab < text.length; c = text.charCodeAt(++tab)) hash = Math.imul(hash ^ c, 0x01000193)
        let count = 0
        let end = tab + 1
        for (let c = text.charCodeAt(end); c !== 10 && end < text.length; c = text.charCodeAt(++end)) count = count * 10 + c - 48
        visit(numberOf(text, start, tab, hash), count)
        lines++
        start = end + 1
      }
      return lines
    }
  }
}
