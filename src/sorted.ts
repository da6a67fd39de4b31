/**
 * How many of the ascending `sorted` are below `value`: where `value` is, or would go, among them
 * (numbers by value, strings by UTF-16 code units, as `<` compares them).
 */
export function lowerBound<T extends number | string>(sorted: readonly T[], value: T): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle]! < value) low = middle + 1
    else high = middle
  }
  return low
}
