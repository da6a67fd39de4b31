/**
 * compromise's `bulkMatch` (the sweep that runs its post-tagger's rules over each sentence), with
 * the same results in the same order, for `nlp.plugin({ methods: { one: { bulkMatch } } })`.
 *
 * Why: to find the rules a sentence may need, compromise walks every key of its rule index (730
 * in compromise 14.17) for each sentence, joins the lists with `concat` one key at a time, and
 * filters the result three times. Here the index is read once into numbers, each rule is met only
 * when the sentence has a word or tag it needs (one it wants, for the few that need none), and is
 * checked in one pass over small arrays. compromise then tries each rule from every term of the
 * sentence; here it starts at the first term the rule's first step can match, when that step is a
 * plain word, tag or choice of words. The matching itself is compromise's own `match`, unchanged.
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

/** Where one match text stands in the index: each key it is listed under, in the index's order, and the rule there. */
interface Listing {
  /** The number of each key. */
  readonly keys: Int32Array;
  /** For each key, where compromise's walk meets the text under it: the key's place, then the text's place in its list. */
  readonly order: Float64Array;
  readonly rules: readonly Rule[];
  readonly filters: readonly Filter[];
}

/** A rule index as read once (compromise never changes one it built). */
interface ReadIndex {
  /** The number of every word or tag a rule names, and of every key. */
  readonly numbers: ReadonlyMap<string, number>;
  /** By number: the match texts a sentence must try when it has that word or tag. */
  readonly triggers: ReadonlyArray<Int32Array>;
  /** By match text. */
  readonly listings: readonly Listing[];
  /** For each match text, the last sentence that tried it: compromise takes a text once, under its first key. */
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
  const numbers = new Map<string, number>();
  const number = (name: string): number => {
    let n = numbers.get(name);
    if (n === undefined) numbers.set(name, (n = numbers.size));
    return n;
  };
  const filters = new Map<Rule, Filter>();
  const filterOf = (rule: Rule): Filter => {
    let filter = filters.get(rule);
    if (filter === undefined) {
      const ifNo = Int32Array.from(rule.ifNo ?? [], number);
      filter = { needs: Int32Array.from(rule.needs, number), ifNo, wants: Int32Array.from(rule.wants, number), minWant: rule.minWant };
      filters.set(rule, filter);
    }
    return filter;
  };
  const keys = Object.keys(hooks);
  const stride = Math.max(0, ...keys.map((key) => hooks[key]!.length)) + 1;
  const texts = new Map<string, { keys: number[]; order: number[]; rules: Rule[] }>();
  keys.forEach((key, place) => {
    hooks[key]!.forEach((rule, at) => {
      let listing = texts.get(rule.match);
      if (listing === undefined) texts.set(rule.match, (listing = { keys: [], order: [], rules: [] }));
      listing.keys.push(number(key));
      listing.order.push(place * stride + at);
      listing.rules.push(rule);
    });
  });
  const triggers: number[][] = [];
  const listings = [...texts.values()].map((listing, text) => {
    // A sentence without a word or tag that every rule of this text needs cannot fit any of them: only
    // such a word (the one with the fewest rules under it) starts the text. Without one, any of its keys does.
    const rules = [...new Set(listing.rules)];
    const common = rules[0]!.needs.filter((need) => rules.every((rule) => rule.needs.includes(need)));
    const rarest = common.reduce<string | undefined>((best, need) => (best === undefined || hooks[need]!.length < hooks[best]!.length ? need : best), undefined);
    for (const start of rarest !== undefined ? [number(rarest)] : new Set(listing.keys)) (triggers[start] ??= []).push(text);
    return { keys: Int32Array.from(listing.keys), order: Float64Array.from(listing.order), rules: listing.rules, filters: listing.rules.map(filterOf) };
  });
  const none = new Int32Array(0);
  index = {
    numbers,
    triggers: Array.from({ length: numbers.size }, (_, n) => (triggers[n] ? Int32Array.from(triggers[n]) : none)),
    listings,
    visited: new Int32Array(listings.length).fill(-1),
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
  const { numbers, triggers, listings, visited, present } = index;
  const found: Array<Rule & { pointer: number[] }> = [];
  for (let n = 0; n < cache.length; n++) {
    if (index.sentence === 0x7fffffff) {
      index.sentence = -1;
      visited.fill(-1);
      present.fill(-1);
    }
    const sentence = ++index.sentence;
    const haves: number[] = [];
    for (const have of cache[n]!) {
      const number = numbers.get(have);
      if (number === undefined) continue;
      present[number] = sentence;
      haves.push(number);
    }
    // compromise walks its keys in order and, under each key the sentence has, tries each text not
    // tried yet with the rule listed there. Here each text the sentence may fit is met once, under the
    // first of its keys the sentence has; the rules that fit are then put in the walk's order.
    const chosen: Array<{ order: number; rule: Rule }> = [];
    for (const have of haves) {
      for (const text of triggers[have]!) {
        if (visited[text] === sentence) continue;
        visited[text] = sentence;
        const listing = listings[text]!;
        let first = 0;
        while (present[listing.keys[first]!] !== sentence) first++;
        if (fits(listing.filters[first]!, present, sentence)) chosen.push({ order: listing.order[first]!, rule: listing.rules[first]! });
      }
    }
    chosen.sort((a, b) => a.order - b.order);
    const rules = chosen.map((entry) => entry.rule);
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
