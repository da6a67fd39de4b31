import type { StoryInput } from './same-story.js';

/** Generates `n` deterministic pseudo-news articles, about a quarter of them edited copies, for benchmarks and scale tests. */
export function generateSyntheticStories(n: number, seed: number): StoryInput[] {
  // Copies are re-headlined, lose or gain a paragraph, have words changed, "Source link" appended, or
  // paragraphs repeated or re-split. Ground truth is in the id: originals are `story-<k>`, copies
  // `story-<k>-copy-<j>`. Stories on the same topic share a background paragraph, so topic overlap
  // without duplication is exercised too.
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const vocabulary = VOCABULARY;
  // Squaring skews choices towards the front of the list, a rough Zipf-like word frequency.
  const word = (): string => vocabulary[Math.floor(random() * random() * vocabulary.length)]!;
  const name = (): string => capitalise(pick(vocabulary)) + ' ' + capitalise(pick(vocabulary));
  const sentence = (): string => {
    const words = Array.from({ length: 8 + Math.floor(random() * 10) }, word);
    if (random() < 0.4) words.splice(Math.floor(random() * words.length), 0, name());
    return capitalise(words.join(' ')) + '.';
  };
  const paragraph = (): string => Array.from({ length: 2 + Math.floor(random() * 2) }, sentence).join(' ');

  const topics = Math.max(1, Math.floor(n / 25));
  const background = Array.from({ length: topics }, paragraph);
  const originals: Array<{ story: StoryInput; copies: number }> = [];
  const out: StoryInput[] = [];
  const start = Date.UTC(2024, 0, 1);

  while (out.length < n) {
    const makeCopy = originals.length > 0 && random() < 0.25;
    if (makeCopy) {
      const source = pick(originals);
      source.copies++;
      const copy = editCopy(source.story, random, paragraph, word);
      const id = `${source.story.id}-copy-${source.copies}`;
      const date = new Date(Date.parse(source.story.date) + (1 + Math.floor(random() * 72)) * 3_600_000).toISOString();
      out.push({ ...copy, id, date, path: `/copies/${id}` });
      continue;
    }
    const k = originals.length;
    const topic = Math.floor(random() * topics);
    const paragraphs = Array.from({ length: 6 + Math.floor(random() * 5) }, paragraph);
    // Same-topic stories share one background paragraph, as real follow-ups do.
    paragraphs.splice(1 + Math.floor(random() * (paragraphs.length - 1)), 0, background[topic]!);
    const story: StoryInput = {
      id: `story-${k}`,
      date: new Date(start + Math.floor(random() * 365 * 24) * 3_600_000).toISOString(),
      path: `/stories/story-${k}`,
      title: capitalise(Array.from({ length: 6 + Math.floor(random() * 5) }, word).join(' ')),
      paragraphs,
    };
    originals.push({ story, copies: 0 });
    out.push(story);
  }
  return out;
}

type Edit = (s: StoryInput) => StoryInput;

function editCopy(original: StoryInput, random: () => number, paragraph: () => string, word: () => string): StoryInput {
  const edits: Edit[] = [
    (s) => ({ ...s, title: `${capitalise(word())} ${word()} ${word()}: ${s.title.toLowerCase()}` }),
    (s) => (s.paragraphs.length > 4 ? { ...s, paragraphs: s.paragraphs.filter((_, i) => i !== s.paragraphs.length - 1) } : s),
    (s) => ({ ...s, paragraphs: [...s.paragraphs.slice(0, 2), paragraph(), ...s.paragraphs.slice(2)] }),
    (s) => ({ ...s, paragraphs: [...s.paragraphs, 'Source link'] }),
    (s) => ({ ...s, paragraphs: s.paragraphs.map((p, i) => (i === 0 ? replaceWords(p, 3, random, word) : p)) }),
    (s) => ({ ...s, paragraphs: [s.paragraphs[0]!, ...s.paragraphs.slice(1), ...s.paragraphs.slice(1), 'Source link'] }),
    (s) => ({ ...s, paragraphs: s.paragraphs.flatMap((p) => p.split(/(?<=\.) (?=[A-Z])/u)) }),
  ];
  let copy: StoryInput = { ...original, paragraphs: [...original.paragraphs] };
  // Up to three different edits: a copy may lose one paragraph and gain another, but is not rewritten wholesale.
  const remaining = [...edits];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) copy = remaining.splice(Math.floor(random() * remaining.length), 1)[0]!(copy);
  return copy;
}

function replaceWords(text: string, count: number, random: () => number, word: () => string): string {
  const words = text.split(' ');
  for (let i = 0; i < count; i++) words[Math.floor(random() * words.length)] = word();
  return words.join(' ');
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Small, fast, seedable PRNG (public-domain mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// 4,800 pronounceable pseudo-words (consonant-vowel-consonant-vowel[-consonant]), fixed for every seed.
const VOCABULARY: readonly string[] = (() => {
  const c = 'bdfgklmnprstvz';
  const v = 'aeiou';
  const words: string[] = [];
  for (const a of c) for (const b of v) for (const d of c) for (const e of v) words.push(a + b + d + e);
  const tails = ['', 'n', 'r'];
  return words.flatMap((w, i) => (i % 2 === 0 ? [w] : [w + tails[i % 3]!])).slice(0, 4800);
})();
