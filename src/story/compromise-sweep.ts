/**
 * compromise's `bulkMatch` (the sweep that runs its post-tagger's rules over each sentence), with
 * the same results in the same order, for `nlp.plugin({ methods: { one: { bulkMatch } } })`.
 *
 * Why: to find the rules a sentence may need, compromise walks every key of its rule index (730
 * in compromise 14.17) for each sentence, joins the lists with `concat` one key at a time, and
 * filters the result three times. Here the sentence's own words and tags are looked up in the index, which
 * is read once into numbers, and each rule is checked in one pass over small arrays. compromise then
 * tries each rule from every term of the sentence; here it starts at the first term the rule's first
 * step can match, when that step is a plain word, tag or choice of words. The matching itself is
 * compromise's own `match`, unchanged.
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
    match(document: ReadonlyArray<readonly unknown[]>, rule: Rule): { ptrs: number[][] };
  };
}

/** A rule's three filters, with each word or tag as its number in the index. */
interface Filter {
  readonly needs: Int32Array;
  readonly ifNo: Int32Array;
  readonly wants: Int32Array;
  readonly minWant: number;
}

/** A rule index as read once (compromise never changes one it built). */
interface ReadIndex {
  /** The number of every word or tag a rule names, and of every key. */
  readonly numbers: ReadonlyMap<string, number>;
  /** For each number, the key's place among the index's keys, or -1 if it is no key. */
  readonly placeOf: Int32Array;
  /** The rules under each key, by the key's place. */
  readonly rulesAt: ReadonlyArray<readonly Rule[]>;
  /** Their filters. */
  readonly filtersAt: ReadonlyArray<readonly Filter[]>;
  /** The number of each of those rules' match text. */
  readonly textsAt: ReadonlyArray<Int32Array>;
  /** For each match text, the last sentence that visited it: compromise takes a text's first rule only. */
  readonly visited: Int32Array;
  /** For each word or tag, the last sentence that has it. */
  readonly present: Int32Array;
  /** The number of the sentence being swept. */
  sentence: number;
}

const indexes = new WeakMap<object, ReadIndex>();

function read(hooks: Record<string, readonly Rule[]>): ReadIndex {
  let index = indexes.get(hooks);
  if (index) return index;
  const keys = Object.keys(hooks);
  const numbers = new Map<string, number>();
  const number = (name: string): number => {
    let n = numbers.get(name);
    if (n === undefined) numbers.set(name, (n = numbers.size));
    return n;
  };
  for (const key of keys) number(key);
  const texts = new Map<string, number>();
  const rulesAt = keys.map((key) => hooks[key]!);
  const filtersAt = rulesAt.map((rules) =>
    rules.map((rule) => ({
      needs: Int32Array.from(rule.needs, number),
      ifNo: Int32Array.from(rule.ifNo ?? [], number),
      wants: Int32Array.from(rule.wants, number),
      minWant: rule.minWant
    }))
  );
  const textsAt = rulesAt.map((rules) =>
    Int32Array.from(rules, (rule) => {
      let n = texts.get(rule.match);
      if (n === undefined) texts.set(rule.match, (n = texts.size));
      return n;
    })
  );
  const placeOf = new Int32Array(numbers.size).fill(-1);
  keys.forEach((key, place) => (placeOf[numbers.get(key)!] = place));
  index = {
    numbers,
    placeOf,
    rulesAt,
    filtersAt,
    textsAt,
    visited: new Int32Array(texts.size).fill(-1),
    present: new Int32Array(numbers.size).fill(-1),
    sentence: -1
  };
  indexes.set(hooks, index);
  return index;
}

/** The rules that match each sentence of `document`, as compromise's own sweep finds them. */
export function sweep(document: readonly unknown[][], net: Net, methods: Methods, options: { matchOne?: boolean } = {}): Array<Rule & { pointer: number[] }> {
  const cache = methods.one.cacheDoc(document);
  const index = read(net.hooks);
  const { numbers, placeOf, rulesAt, filtersAt, textsAt, visited, present } = index;
  const found: Array<Rule & { pointer: number[] }> = [];
  for (let n = 0; n < cache.length; n++) {
    if (index.sentence === 0x7fffffff) {
      index.sentence = -1;
      visited.fill(-1);
      present.fill(-1);
    }
    const sentence = ++index.sentence;
    // The sentence's keys that name rules, in the index's order.
    const places: number[] = [];
    for (const have of cache[n]!) {
      const number = numbers.get(have);
      if (number === undefined) continue;
      present[number] = sentence;
      if (placeOf[number]! >= 0) places.push(placeOf[number]!);
    }
    places.sort((a, b) => a - b);
    const rules: Rule[] = [];
    for (const at of places) {
      const under = rulesAt[at]!;
      const filters = filtersAt[at]!;
      const texts = textsAt[at]!;
      for (let i = 0; i < under.length; i++) {
        // A match text listed under several keys is taken once, at its first place.
        if (visited[texts[i]!] === sentence) continue;
        visited[texts[i]!] = sentence;
        if (fits(filters[i]!, present, sentence)) rules.push(under[i]!);
      }
    }
    rules.push(...net.always);
    const terms = document[n]! as readonly Term[];
    for (const rule of rules) {
      if (terms.length < rule.minWords) continue;
      const first = firstTermOf(rule);
      const from = first === undefined ? 0 : firstFrom(terms, first);
      if (from === -1) continue;
      const result = methods.one.match([from === 0 ? terms : terms.slice(from)], rule);
      if (result.ptrs.length === 0) continue;
      for (const pointer of result.ptrs) {
        pointer[0] = n;
        pointer[1]! += from;
        pointer[2]! += from;
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
function fits(filter: Filter, present: Int32Array, sentence: number): boolean {
  const { needs, ifNo, wants } = filter;
  for (let i = 0; i < needs.length; i++) if (present[needs[i]!] !== sentence) return false;
  for (let i = 0; i < ifNo.length; i++) if (present[ifNo[i]!] === sentence) return false;
  if (wants.length === 0) return true;
  let wanted = 0;
  for (let i = 0; i < wants.length; i++) if (present[wants[i]!] === sentence) wanted++;
  return wanted >= filter.minWant;
}

/** What compromise's `match` reads of a term when it tests the simple first steps below. */
interface Term {
  readonly text: string;
  readonly normal: string;
  readonly machine?: string | null;
  readonly root?: string;
  readonly implicit?: string;
  readonly alias?: readonly string[];
  readonly switch?: string;
  readonly tags: ReadonlySet<string>;
}

/** One step of a parsed match, with the fields a simple first step may have. */
interface Step {
  readonly word?: string;
  readonly tag?: string;
  readonly switch?: string;
  readonly fastOr?: ReadonlySet<string>;
}

/** The fields a first step may have and still be tested here; any other (optional, negative, `^`, `$`, a choice, …) leaves the rule to compromise. */
const simpleFields = new Set(['word', 'tag', 'switch', 'fastOr', 'operator', 'group', 'groupStart', 'groupEnd', 'greedy']);

const firstTerms = new WeakMap<object, Step | null>();

/** The rule's first step if it must match the first term of every match and is tested here as compromise tests it. */
function firstTermOf(rule: Rule): Step | undefined {
  let first = firstTerms.get(rule);
  if (first === undefined) {
    const step = (rule as Rule & { regs?: ReadonlyArray<Record<string, unknown>> }).regs?.[0];
    const simple = step !== undefined && Object.keys(step).every((field) => step[field] === undefined || simpleFields.has(field));
    first = simple ? (step as Step) : null;
    firstTerms.set(rule, first);
  }
  return first ?? undefined;
}

/**
 * The first term `step` matches, or -1. compromise tries a match from every term of the sentence and
 * fails at once from those before it, so the sweep hands it the sentence from there: the same matches,
 * with positions shifted back. Nothing else in a match depends on where the part begins: the later
 * steps' `^` never holds past the first term, and `$` counts from the end.
 */
function firstFrom(terms: readonly Term[], step: Step): number {
  for (let i = 0; i < terms.length; i++) if (matchesStep(terms[i]!, step)) return i;
  return -1;
}

/** compromise's test of one term against a word, a tag, a `%switch%` or a fast `(a|b)` choice. */
function matchesStep(term: Term, step: Step): boolean {
  if (step.word !== undefined) {
    const word = step.word;
    return (term.machine != null && term.machine === word) || (term.alias?.includes(word) ?? false) || word === term.text || word === term.normal;
  }
  if (step.tag !== undefined) return term.tags.has(step.tag);
  if (step.switch !== undefined) return term.switch === step.switch;
  if (step.fastOr !== undefined) {
    const text = term.root || term.implicit || term.machine || term.normal;
    return step.fastOr.has(text) || step.fastOr.has(term.text);
  }
  return true;
}
