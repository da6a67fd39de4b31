/**
 * compromise's `bulkMatch` (the sweep that runs its post-tagger's rules over each sentence), with
 * the same results in the same order, for `nlp.plugin({ methods: { one: { bulkMatch } } })`.
 *
 * Why: to find the rules a sentence may need, compromise walks every key of its rule index (730
 * in compromise 14.17) for each sentence, joins the lists with `concat` one key at a time, and
 * filters the result three times. Here the sentence's own words and tags are looked up in the index, which
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

/** A rule index as read once (compromise never changes one it built): each key's place in its order, and its rules. */
interface ReadIndex {
  /** The rules under each key, by the key's place among the index's keys. */
  readonly rulesAt: ReadonlyArray<readonly Rule[]>;
  /** The number of each of those rules' match text. */
  readonly textsAt: ReadonlyArray<readonly number[]>;
  readonly place: ReadonlyMap<string, number>;
  /** For each match text, the last sentence that visited it: compromise takes a text's first rule only. */
  readonly visited: Int32Array;
  /** The number of the sentence being swept. */
  sentence: number;
}

const indexes = new WeakMap<object, ReadIndex>();

function read(hooks: Record<string, readonly Rule[]>): ReadIndex {
  let index = indexes.get(hooks);
  if (index) return index;
  const keys = Object.keys(hooks);
  const texts = new Map<string, number>();
  const rulesAt = keys.map((key) => hooks[key]!);
  const textsAt = rulesAt.map((rules) =>
    rules.map((rule) => {
      let number = texts.get(rule.match);
      if (number === undefined) texts.set(rule.match, (number = texts.size));
      return number;
    })
  );
  index = { rulesAt, textsAt, place: new Map(keys.map((key, place) => [key, place])), visited: new Int32Array(texts.size).fill(-1), sentence: -1 };
  indexes.set(hooks, index);
  return index;
}

/** The rules that match each sentence of `document`, as compromise's own sweep finds them. */
export function sweep(document: readonly unknown[][], net: Net, methods: Methods, options: { matchOne?: boolean } = {}): Array<Rule & { pointer: number[] }> {
  const cache = methods.one.cacheDoc(document);
  const index = read(net.hooks);
  const { rulesAt, textsAt, place } = index;
  const found: Array<Rule & { pointer: number[] }> = [];
  for (let n = 0; n < cache.length; n++) {
    const haves = cache[n]!;
    if (index.sentence === 0x7fffffff) {
      index.sentence = -1;
      index.visited.fill(-1);
    }
    const sentence = ++index.sentence;
    const visited = index.visited;
    // The sentence's keys that name rules, in the index's order.
    const places: number[] = [];
    for (const have of haves) {
      const at = place.get(have);
      if (at !== undefined) places.push(at);
    }
    places.sort((a, b) => a - b);
    const rules: Rule[] = [];
    for (const at of places) {
      const under = rulesAt[at]!;
      const numbers = textsAt[at]!;
      for (let i = 0; i < under.length; i++) {
        // A match text listed under several keys is taken once, at its first place.
        if (visited[numbers[i]!] === sentence) continue;
        visited[numbers[i]!] = sentence;
        if (fits(under[i]!, haves)) rules.push(under[i]!);
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
