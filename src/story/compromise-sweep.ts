/**
 * compromise's `bulkMatch` (the sweep that runs its post-tagger's rules over each sentence), with
 * the same results in the same order, for `nlp.plugin({ methods: { one: { bulkMatch } } })`.
 *
 * Why: to find the rules a sentence may need, compromise walks every key of its rule index
 * (thousands) for each sentence, joins the lists with `concat` one key at a time, and filters the
 * result three times. Here the sentence's own words and tags are looked up in the index, which
 * is read once, and each rule is checked in one pass. In a cold build of 10,000 articles the sweep's
 * bookkeeping was about 3 s of each processing thread's 13 s of entity tagging; the matching
 * itself is compromise's own `match`, unchanged.
 */

/** A rule of compromise's index, as its `buildNet` makes it. */
interface Rule {
  readonly match: string;
  readonly needs: readonly string[];
  readonly wants: readonly string[];
  readonly minWant: number;
  readonly minWords: number;
  readonly ifNo?: readonly string[];
  readonly unTag?: unknown;
}

interface Net {
  readonly hooks: Record<string, readonly Rule[]>;
  readonly always: readonly Rule[];
}

interface Methods {
  readonly one: {
    cacheDoc(document: readonly unknown[][]): Array<Set<string>>;
    match(document: readonly unknown[][], rule: Rule): { ptrs: number[][] };
  };
}

/** Each index's keys, and each key's place among them: compromise visits keys in that order. */
const indexes = new WeakMap<object, { readonly keys: readonly string[]; readonly place: ReadonlyMap<string, number> }>();

function indexOf(hooks: Record<string, readonly Rule[]>): { readonly keys: readonly string[]; readonly place: ReadonlyMap<string, number> } {
  let index = indexes.get(hooks);
  if (!index) {
    const keys = Object.keys(hooks);
    index = { keys, place: new Map(keys.map((key, place) => [key, place])) };
    indexes.set(hooks, index);
  }
  return index;
}

/** The rules that match each sentence of `document`, as compromise's own sweep finds them. */
export function sweep(document: readonly unknown[][], net: Net, methods: Methods, options: { matchOne?: boolean } = {}): Array<Rule & { pointer: number[] }> {
  const cache = methods.one.cacheDoc(document);
  const { keys, place } = indexOf(net.hooks);
  const found: Array<Rule & { pointer: number[] }> = [];
  for (let n = 0; n < cache.length; n++) {
    const haves = cache[n]!;
    // The sentence's keys that name rules, in the index's order.
    const places: number[] = [];
    for (const have of haves) {
      const at = place.get(have);
      if (at !== undefined) places.push(at);
    }
    places.sort((a, b) => a - b);
    const seen = new Set<string>();
    const rules: Rule[] = [];
    for (const at of places) {
      for (const rule of net.hooks[keys[at]!]!) {
        // A rule listed under several of the sentence's keys is taken once, at its first place.
        if (seen.has(rule.match)) continue;
        seen.add(rule.match);
        if (fits(rule, haves)) rules.push(rule);
      }
    }
    rules.push(...net.always);
    const words = document[n]!.length;
    for (const rule of rules) {
      if (words < rule.minWords) continue;
      const result = methods.one.match([document[n]!], rule);
      if (result.ptrs.length === 0) continue;
      for (const pointer of result.ptrs) {
        pointer[0] = n;
        const todo = Object.assign({}, rule, { pointer });
        if (rule.unTag !== undefined) (todo as { unTag?: unknown }).unTag = rule.unTag;
        found.push(todo);
      }
      if (options.matchOne === true) return [found[0]!];
    }
  }
  return found;
}

/** compromise's three filters: every word or tag the rule needs, none it must not see, enough of those it wants. */
function fits(rule: Rule, haves: ReadonlySet<string>): boolean {
  for (const need of rule.needs) if (!haves.has(need)) return false;
  if (rule.ifNo !== undefined) for (const no of rule.ifNo) if (haves.has(no)) return false;
  if (rule.wants.length === 0) return true;
  let wanted = 0;
  for (const want of rule.wants) if (haves.has(want)) wanted++;
  return wanted >= rule.minWant;
}
