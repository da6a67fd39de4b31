// @ts-check
/**
 * Deterministic news-like corpus generator for Gazette benchmarks.
 *
 *   node bench/corpus.js --articles 1000 --out DIR [--seed 42]
 *
 * Writes DIR/content/*.md (YAML frontmatter: title, date, summary, tags, source, slug)
 * and DIR/seeds/*.txt (raw scraped text, one paragraph per line, first line = headline).
 * About 1 in 8 articles are seeds; about a third are "scraped with repeats" (body
 * repeated twice and/or a trailing "Source link"). Same (articles, seed) → same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32 seeded by a splitmix32-scrambled seed. @param {number} seed */
export function makeRng(seed) {
  let s = (seed >>> 0) ^ 0x9e3779b9;
  s = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
  s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35);
  s = (s ^ (s >>> 16)) >>> 0;
  return function rng() {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @typedef {() => number} Rng */

/** @template T @param {Rng} rng @param {readonly T[]} xs @returns {T} */
const pick = (rng, xs) => xs[Math.floor(rng() * xs.length)];
/** @param {Rng} rng @param {number} lo @param {number} hi inclusive */
const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
/** @param {string} s */
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

const FIRST = ['Anna', 'Marco', 'Léa', 'Jonas', 'Priya', 'Kwame', 'Sofía', 'Henrik', 'Aiko', 'Omar', 'Chloé', 'Mateo', 'Ingrid', 'Tomasz', 'Fatima', 'Élodie', 'Rafael', 'Nadia', 'Lukas', 'Mei', 'Björn', 'Amara', 'Diego', 'Zoë', 'Yusuf', 'Camille', 'Ravi', 'Agnieszka', 'Pedro', 'Siobhan'];
const LAST = ['Müller', 'Rossi', 'Dubois', 'Novak', 'Sharma', 'Mensah', 'García', 'Lindqvist', 'Tanaka', 'Haddad', 'Lefèvre', 'Fernández', 'Olsen', 'Kowalski', 'Benali', 'Moreau', 'Costa', 'Petrova', 'Schneider', 'Chen', 'Nyström', 'Okafor', 'Álvarez', "O'Brien", 'Demir', 'Girard', 'Iyer', 'Wiśniewska', 'Almeida', 'Byrne'];
const ROLES = ['the finance minister', 'the mayor', 'a spokesperson for the ministry', 'the chief executive', 'the union leader', 'the opposition leader', 'a senior economist', 'the health commissioner', 'the transport secretary', 'the central bank governor', 'a police spokesperson', 'the head of the regional council', 'a lead researcher', 'the foreign minister', 'the energy regulator', 'a hospital director', 'the prosecutor', 'a climate scientist', 'the school board chair', 'the port authority director'];
const ORGS = ['the European Commission', 'the city council', 'the national statistics office', 'the central bank', 'the regional parliament', 'the transport authority', 'the health ministry', 'the port authority', 'a coalition of local businesses', 'the teachers’ union', 'the water utility', 'the competition regulator', 'the weather service', 'the electoral commission', 'the university hospital', 'the rail operator', 'the housing agency', 'the environmental agency', 'the supreme court', 'the chamber of commerce'];
const PLACES = ['Zürich', 'São Paulo', 'Montréal', 'Kraków', 'Malmö', 'Reykjavík', 'Bogotá', 'Düsseldorf', 'Genève', 'Córdoba', 'Lisbon', 'Nairobi', 'Osaka', 'Valparaíso', 'Thessaloníki', 'Łódź', 'Marseille', 'Bergen', 'Accra', 'Seville', 'Tallinn', 'Ljubljana', 'Porto', 'Bilbao', 'Gdańsk', 'Antwerp', 'Lyon', 'Hamburg', 'Naples', 'Dublin', 'Mumbai', 'Hanoi', 'Quito', 'Tbilisi', 'Yerevan', 'Vilnius', 'Cluj-Napoca', 'Brno', 'Tampere', 'Aarhus'];
const VERBS_SAID = ['said', 'told reporters', 'confirmed', 'warned', 'argued', 'insisted', 'acknowledged', 'noted', 'announced', 'added'];
const ACTIONS = ['approved', 'rejected', 'postponed', 'unveiled', 'expanded', 'scrapped', 'revised', 'defended', 'launched', 'suspended', 'endorsed', 'criticised'];
const OBJECTS = ['a plan to expand the tram network', 'new rules on short-term rentals', 'a budget for flood defences', 'the proposed tax on sugary drinks', 'a pilot scheme for four-day weeks', 'plans for a new stadium', 'emergency funding for hospitals', 'a review of school meals', 'the merger of two regional banks', 'a ban on diesel cars in the centre', 'a deal with striking rail workers', 'new subsidies for heat pumps', 'the sale of the municipal airport', 'a programme to plant urban trees', 'the extension of night bus services', 'an inquiry into water contamination', 'rent controls for students', 'a new cybersecurity strategy', 'the redevelopment of the old harbour', 'fees for tourist entry to the old town'];
const EVENTS = ['weeks of protests', 'a heated late-night session', 'the publication of an independent audit', 'record rainfall in the region', 'a surprise resignation', 'a court ruling last month', 'a sharp rise in energy prices', 'the collapse of earlier talks', 'a series of cyberattacks', 'pressure from neighbouring regions', 'a drop in tourist numbers', 'complaints from residents'];
const GROUPS = ['households', 'small businesses', 'commuters', 'pensioners', 'students', 'farmers', 'nurses', 'first-time buyers', 'shop owners', 'voters', 'tenants', 'cyclists'];
const UNITS = ['million euros', 'billion dollars', 'million francs', 'jobs', 'homes', 'kilometres of track', 'new buses', 'hectares', 'tonnes of grain', 'classrooms'];
const TIMES = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'over the weekend', 'last week', 'earlier this month', 'in the first quarter', 'since January', 'by the end of the year', 'before the summer recess'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const QUOTES = ['We cannot keep postponing decisions that affect people’s daily lives', 'This is a fair compromise, and nobody got everything they wanted', 'The numbers simply do not add up', 'We have listened to residents and we have changed course', 'It is a historic day for the city', 'Frankly, this was a mistake that should have been avoided', 'There is still a lot of work to do before the plan is credible', 'We expect the first results within six months', 'Families are already feeling the pressure at the checkout', 'Nobody should have to choose between heating and eating', 'The court has been very clear on this point', 'We will keep fighting until the contracts are signed', 'These measures are temporary, but the problem is structural', 'It’s the “right decision at the wrong time”, as one colleague put it'];
const HEADLINE_VERBS = ['approves', 'rejects', 'delays', 'unveils', 'expands', 'scraps', 'backs', 'weighs', 'halts', 'eyes', 'revives', 'probes'];
const HEADLINE_OBJECTS = ['tram expansion', 'rental rules', 'flood defence budget', 'sugar tax', 'four-day week pilot', 'stadium plan', 'hospital funding', 'school meal review', 'bank merger', 'diesel ban', 'rail deal', 'heat pump subsidies', 'airport sale', 'tree-planting drive', 'night bus service', 'water inquiry', 'student rent cap', 'cyber strategy', 'harbour redevelopment', 'tourist entry fee'];

/** ~200 tags, unique even after lowercasing and stripping accents. */
export const TAGS = [
  'Politics', 'Economy', 'Elections', 'Climate', 'Energy', 'Transport', 'Housing', 'Health', 'Education', 'Technology',
  'Science', 'Culture', 'Sport', 'Football', 'Cycling', 'Tennis', 'Business', 'Markets', 'Banking', 'Inflation',
  'Labour', 'Strikes', 'Unions', 'Justice', 'Courts', 'Crime', 'Police', 'Immigration', 'Asylum', 'Defence',
  'Diplomacy', 'Trade', 'Tariffs', 'Agriculture', 'Fisheries', 'Water', 'Floods', 'Drought', 'Wildfires', 'Weather',
  'Tourism', 'Aviation', 'Rail', 'Trams', 'Cars', 'Cities', 'Urbanism', 'Architecture', 'Heritage', 'Museums',
  'Music', 'Film', 'Theatre', 'Books', 'Media', 'Press freedom', 'Internet', 'AI', 'Cybersecurity', 'Privacy',
  'Startups', 'Retail', 'Food', 'Café', 'Restaurants', 'Wine', 'Beer', 'Fashion', 'Design', 'Science policy',
  'Space', 'Oceans', 'Biodiversity', 'Forests', 'Pollution', 'Recycling', 'Heat pumps', 'Solar', 'Wind power', 'Nuclear',
  'Gas', 'Oil', 'Hydrogen', 'Batteries', 'Mining', 'Steel', 'Chemicals', 'Pharma', 'Hospitals', 'Nursing',
  'Pensions', 'Taxes', 'Budget', 'Debt', 'Central banks', 'Interest rates', 'Jobs', 'Wages', 'Poverty', 'Inequality',
  'Zürich', 'São Paulo', 'Montréal', 'Kraków', 'Malmö', 'Reykjavík', 'Bogotá', 'Düsseldorf', 'Genève', 'Córdoba',
  'Lisbon', 'Nairobi', 'Osaka', 'Valparaíso', 'Thessaloníki', 'Łódź', 'Marseille', 'Bergen', 'Accra', 'Seville',
  'Tallinn', 'Ljubljana', 'Porto', 'Bilbao', 'Gdańsk', 'Antwerp', 'Lyon', 'Hamburg', 'Naples', 'Dublin',
  'Europe', 'Africa', 'Asia', 'Latin America', 'Nordics', 'Balkans', 'Baltics', 'Mediterranean', 'Alps', 'Arctic',
  'Protests', 'Referendums', 'Parliament', 'Coalitions', 'Local government', 'Mayors', 'Corruption', 'Lobbying', 'Transparency', 'Human rights',
  'Children', 'Families', 'Ageing', 'Students', 'Universities', 'Schools', 'Research', 'Vaccines', 'Mental health', 'Public health',
  'Sanitation', 'Ports', 'Shipping', 'Logistics', 'Supply chains', 'Semiconductors', 'Telecoms', '5G', 'Broadband', 'Open data',
  'Olympics', 'Festivals', 'Carnival', 'Opera', 'Jazz', 'Photography', 'Street art', 'Crêpes', 'Pâtisserie', 'Smørrebrød',
  'Fjords', 'Glaciers', 'Volcanoes', 'Earthquakes', 'Storms', 'Heatwaves', 'Air quality', 'Noise', 'Night life', 'Public spaces',
  'Bicycles', 'Pedestrians', 'Night trains', 'Ferries', 'Airports', 'Bridges', 'Tunnels', 'Motorways', 'Parking', 'Car sharing',
];

export const SOURCES = [
  'The Daily Ledger', 'Northern Courier', 'Le Quotidien du Soir', 'Zeitung am Mittag', 'Harbour Gazette', 'The Evening Post',
  'Metro Observer', 'Il Corriere Civico', 'El Diario Austral', 'Baltic Times Review', 'Alpine Herald', 'Coastal Chronicle',
  'The Continental', 'Nordic Wire', 'Rhine Valley News', 'The Morning Star Tribune', 'Atlantic Dispatch', 'Pacific Monitor',
  'Gazeta Miejska', 'Jornal da Cidade', 'The Civic Record', 'Capital Bulletin', 'Riverside Standard', 'Le Petit Matin',
  'Highland Sentinel', 'The Weekly Compass', 'Delta Examiner', 'Union Press Agency', 'Lakeside Journal', 'Mercado Noticias',
];

const DATE_START = Date.UTC(2024, 2, 1); // 2024-03-01
const DATE_SPAN_S = 730 * 24 * 3600; // ~2 years

/** @param {string} s */
export function slugify(s) {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** @param {Rng} rng */
function person(rng) {
  return `${pick(rng, FIRST)} ${pick(rng, LAST)}, ${pick(rng, ROLES)}`;
}

/** @param {Rng} rng */
function number(rng) {
  const r = rng();
  if (r < 0.3) return String(int(rng, 2, 99));
  if (r < 0.6) return `${int(rng, 1, 9)}.${int(rng, 1, 9)}`;
  if (r < 0.8) return (int(rng, 1000, 250000)).toLocaleString('en-US');
  return String(int(rng, 100, 999));
}

/** A quantity with a unit; decimals only for money-like units. @param {Rng} rng */
function amount(rng) {
  const unit = pick(rng, UNITS);
  const n = /million|billion/.test(unit) ? `${int(rng, 1, 950)}${rng() < 0.4 ? '.' + int(rng, 1, 9) : ''}` : int(rng, 3, 4000).toLocaleString('en-US');
  return `${n} ${unit}`;
}

/** @param {Rng} rng */
function dateText(rng) {
  return `${int(rng, 1, 28)} ${pick(rng, MONTHS)} ${pick(rng, ['2024', '2025', '2026'])}`;
}

/** @param {Rng} rng @param {string} place */
function sentence(rng, place) {
  switch (int(rng, 0, 9)) {
    case 0:
      return `${cap(pick(rng, ORGS))} ${pick(rng, ACTIONS)} ${pick(rng, OBJECTS)} ${pick(rng, TIMES)}, after ${pick(rng, EVENTS)}.`;
    case 1:
      return `“${pick(rng, QUOTES)},” ${pick(rng, VERBS_SAID)} ${person(rng)}.`;
    case 2:
      return `According to ${pick(rng, ORGS)}, ${int(rng, 2, 95)} percent of ${pick(rng, GROUPS)} in ${place} will be affected by the change.`;
    case 3:
      return `The measure is expected to cost ${amount(rng)} over the next ${int(rng, 2, 10)} years.`;
    case 4:
      return `${person(rng).replace(/^./, (c) => c.toUpperCase())}, ${pick(rng, VERBS_SAID)} that the decision “was never going to please everyone.”`;
    case 5:
      return `A first vote is scheduled for ${dateText(rng)}, and a final decision could follow before ${pick(rng, MONTHS)}.`;
    case 6:
      return `Officials in ${place} said ${amount(rng)} had already been committed ${pick(rng, TIMES)}.`;
    case 7:
      return `Critics, including ${pick(rng, GROUPS)} and ${pick(rng, ORGS)}, have ${pick(rng, ACTIONS)} the proposal, citing ${pick(rng, EVENTS)}.`;
    case 8:
      return `Figures published on ${dateText(rng)} showed a ${int(rng, 0, 40)}.${int(rng, 0, 9)}% ${pick(rng, ["rise", "fall"])} compared with the same period a year earlier.`;
    default:
      return `In ${pick(rng, PLACES)}, a similar scheme was ${pick(rng, ACTIONS)} ${pick(rng, TIMES)}, ${pick(rng, ['officials noted', 'reports said', 'analysts pointed out', 'residents recalled'])}.`;
  }
}

/** @param {Rng} rng @param {string} place */
function paragraph(rng, place) {
  const n = int(rng, 2, 5);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(sentence(rng, place));
  return parts.join(' ');
}

/**
 * Generates a single article (pure function of rng state).
 * @param {Rng} rng
 * @param {number} index
 */
export function makeArticle(rng, index) {
  const place = pick(rng, PLACES);
  const title = `${place} ${pick(rng, ['council', 'government', 'regulator', 'court', 'union', 'parliament', 'officials', 'voters'])} ${pick(rng, HEADLINE_VERBS)} ${pick(rng, HEADLINE_OBJECTS)}${rng() < 0.25 ? `: “${pick(rng, ['a fair deal', 'too little, too late', 'a turning point', 'no going back', 'a bitter pill'])}”` : ''}`;
  // at most 60 bytes (Gazette accepts slugs up to 64): title part cut to leave room for the id
  const id = index.toString(36);
  const slug = `${slugify(title).slice(0, 59 - id.length).replace(/-+$/, '')}-${id}`;
  const date = new Date(DATE_START + Math.floor(rng() * DATE_SPAN_S) * 1000).toISOString().replace('.000Z', 'Z');
  const ntags = int(rng, 1, 4);
  /** @type {string[]} */
  const tags = [];
  while (tags.length < ntags) {
    const t = rng() < 0.3 && !tags.includes(place) && TAGS.includes(place) ? place : pick(rng, TAGS);
    if (!tags.includes(t)) tags.push(t);
  }
  const source = pick(rng, SOURCES);
  const paragraphs = [];
  const np = int(rng, 6, 12);
  for (let i = 0; i < np; i++) {
    let p = paragraph(rng, place);
    if (rng() < 0.06) p += ` Read the [full report](https://example.org/reports/${slug}-${i}) for details.`;
    paragraphs.push(p);
  }
  const summary = sentence(rng, place);
  // a third "scraped with repeats": whole body twice and/or trailing "Source link"
  /** @type {'none' | 'repeat' | 'source' | 'both'} */
  let scrape = 'none';
  if (rng() < 1 / 3) scrape = /** @type {const} */ (['repeat', 'source', 'both'])[int(rng, 0, 2)];
  const isSeed = rng() < 1 / 8;
  const seedId = Math.floor(rng() * 2 ** 32).toString(16).padStart(8, '0') + Math.floor(rng() * 2 ** 32).toString(16).padStart(8, '0');
  let body = paragraphs;
  if (scrape === 'repeat' || scrape === 'both') body = [...paragraphs, ...paragraphs];
  if (scrape === 'source' || scrape === 'both') body = [...body, 'Source link'];
  return { index, title, slug, date, tags, source, summary, body, scrape, isSeed, seedId };
}

/** JSON strings are valid YAML double-quoted scalars. @param {string} s */
const yq = (s) => JSON.stringify(s);

/** @param {ReturnType<typeof makeArticle>} a */
export function articleMarkdown(a) {
  return [
    '---',
    `title: ${yq(a.title)}`,
    `date: ${a.date}`,
    `summary: ${yq(a.summary)}`,
    'tags:',
    ...a.tags.map((t) => `  - ${yq(t)}`),
    `source: ${yq(a.source)}`,
    `slug: ${yq(a.slug)}`,
    '---',
    '',
    a.body.join('\n\n'),
    '',
  ].join('\n');
}

/** Raw scraped text: headline on the first line, then one paragraph per line. @param {ReturnType<typeof makeArticle>} a */
export function articleSeed(a) {
  return [a.title, ...a.body].join('\n') + '\n';
}

/**
 * @param {string} dir
 * @param {{articles: number, seed?: number}} opts
 */
export function generateCorpus(dir, { articles, seed = 42 }) {
  const rng = makeRng(seed);
  const contentDir = path.join(dir, 'content');
  const seedsDir = path.join(dir, 'seeds');
  fs.mkdirSync(contentDir, { recursive: true });
  fs.mkdirSync(seedsDir, { recursive: true });
  const stats = { articles, markdown: 0, seeds: 0, scraped: 0, bytes: 0, tags: new Set(), contentFiles: /** @type {string[]} */ ([]) };
  for (let i = 0; i < articles; i++) {
    const a = makeArticle(rng, i);
    if (a.scrape !== 'none') stats.scraped++;
    for (const t of a.tags) stats.tags.add(t);
    let text, file;
    if (a.isSeed) {
      text = articleSeed(a);
      file = path.join(seedsDir, `${String(i).padStart(5, '0')}_${a.seedId}.txt`);
      stats.seeds++;
    } else {
      text = articleMarkdown(a);
      file = path.join(contentDir, `${a.slug}.md`);
      stats.markdown++;
      stats.contentFiles.push(path.basename(file));
    }
    fs.writeFileSync(file, text);
    stats.bytes += Buffer.byteLength(text);
  }
  return {
    articles,
    markdown: stats.markdown,
    seeds: stats.seeds,
    scraped: stats.scraped,
    bytes: stats.bytes,
    distinctTags: stats.tags.size,
    contentFiles: stats.contentFiles,
  };
}

/**
 * A new paragraph used by the "one article edited" benchmark.
 * @param {number} seed
 */
export function editedParagraph(seed) {
  const rng = makeRng(seed);
  return `Update: ${paragraph(rng, pick(rng, PLACES))}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { parseArgs, parseIntArg } = await import('./lib.js');
  const args = parseArgs(process.argv.slice(2));
  if (args.help || typeof args.out !== 'string') {
    console.log('usage: node bench/corpus.js --articles 1000 --out DIR [--seed 42]');
    process.exit(args.help ? 0 : 2);
  }
  const t0 = process.hrtime.bigint();
  const res = generateCorpus(path.resolve(args.out), {
    articles: parseIntArg(args.articles, 1000),
    seed: parseIntArg(args.seed, 42),
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(
    `${res.articles} articles → ${args.out}: ${res.markdown} content/*.md, ${res.seeds} seeds/*.txt, ` +
      `${res.scraped} scraped-with-repeats, ${res.distinctTags} distinct tags, ${(res.bytes / 2 ** 20).toFixed(1)} MiB, ${ms.toFixed(0)} ms`,
  );
}
