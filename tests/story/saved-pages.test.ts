import { describe, expect, it } from 'vitest';
import { extractArticleFromHtml } from '../../src/story/extract-html.js';

const STORY = `<p>Firefighters battled a large blaze at a chemical warehouse in the port district overnight, forcing the evacuation of more than 300 residents, the fire service said.</p>
  <p>No injuries were reported, but officials urged people living within two kilometres of the site to keep their windows closed while crews worked.</p>
  <p>The cause of the fire was not immediately known. The warehouse operator said it was cooperating fully with investigators.</p>`;

const FIRST = 'Firefighters battled a large blaze at a chemical warehouse in the port district overnight, forcing the evacuation of more than 300 residents, the fire service said.';

/** A saved news page: `head` in its head, `before` and `after` around an article that opens with `opening`. */
const page = ({ head = '', before = '', opening = '', after = '' }: { head?: string; before?: string; opening?: string; after?: string }): string =>
  `<!DOCTYPE html><html><head><title>Fire forces evacuation in port district</title>${head}</head><body>${before}<article><h1>Fire forces evacuation in port district</h1>${opening}${STORY}</article>${after}</body></html>`;

const ld = (data: object): string => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
const todayHeader = '<header><a href="/">Harbour Herald</a> Today: <time datetime="2025-12-01">1 December</time></header>';
const mostRead = '<aside><h3>Most read</h3><ul><li><time datetime="2025-11-30">30 Nov</time> Port workers strike over pay in a long dispute with the terminal</li></ul></aside>';

describe('saved pages: the publication date', () => {
  it.each<[string, Parameters<typeof page>[0], string | undefined]>([
    ['JSON-LD datePublished beats a header\'s "Today:" time', { head: ld({ '@context': 'https://schema.org', '@type': 'NewsArticle', datePublished: '2026-01-03T06:30:00Z' }), before: todayHeader }, '2026-01-03T06:30:00Z'],
    ['JSON-LD datePublished inside an @graph', { head: ld({ '@graph': [{ '@type': 'WebPage' }, { '@type': 'ReportageNewsArticle', datePublished: '2026-01-03' }] }), before: mostRead }, '2026-01-03'],
    ['JSON-LD before article:published_time', { head: `${ld({ '@type': 'Article', datePublished: '2026-01-03' })}<meta property="article:published_time" content="2026-01-02">` }, '2026-01-03'],
    ['article:published_time before a <time>', { head: '<meta property="article:published_time" content="2026-01-03">', opening: '<p><time datetime="2026-01-04">4 Jan</time></p>' }, '2026-01-03'],
    ['meta itemprop=datePublished', { head: '<meta itemprop="datePublished" content="2026-01-03T06:30:00+01:00">', before: todayHeader }, '2026-01-03T06:30:00+01:00'],
    ['meta name=date, written out', { head: '<meta name="date" content="January 3, 2026">', before: todayHeader }, '2026-01-03'],
    ['meta name=pubdate', { head: '<meta name="pubdate" content="2026-01-03">' }, '2026-01-03'],
    ['meta name=publish-date', { head: '<meta name="publish-date" content="2026-01-03">' }, '2026-01-03'],
    ['meta name=DC.date.issued, in any case', { head: '<meta name="DC.date.issued" content="2026-01-03">' }, '2026-01-03'],
    ['a header\'s "Today:" time is not the article\'s', { before: todayHeader, opening: '<p class="meta">By Jane Doe, <time datetime="2026-01-03">3 January</time></p>' }, '2026-01-03'],
    ['nor is it when the article has no time', { before: todayHeader }, undefined],
    ['a sidebar\'s "Most read" time before the article is not the article\'s', { before: mostRead, opening: '<p><time datetime="2026-01-03">3 January</time></p>' }, '2026-01-03'],
    ['a "related" list\'s time is not the article\'s', { before: '<div class="related-stories"><time datetime="2025-11-30">30 Nov</time> Port strike</div>' }, undefined],
    ['a footer\'s time is not the article\'s', { after: '<footer>© Harbour Herald, <time datetime="2026-12-31">2026</time></footer>' }, undefined],
    ['"Updated" standing before "Published"', { opening: '<p class="meta">Updated <time datetime="2026-01-04T12:00:00Z">4 Jan</time> · Published <time datetime="2026-01-03T06:30:00Z">3 Jan</time></p>' }, '2026-01-03T06:30:00Z'],
    ['"Last updated on" a plain time', { opening: '<p>Last updated on <time datetime="2026-01-04">4 Jan</time></p><p>By Jane Doe <time datetime="2026-01-03">3 Jan</time></p>' }, '2026-01-03'],
    ['an updated time alone is better than none', { opening: '<p>Updated <time datetime="2026-01-04">4 Jan</time></p>' }, '2026-01-04'],
    ['WordPress classes: "updated" first, "published" second', { opening: '<p><time class="updated" datetime="2026-01-04">4 Jan</time><time class="entry-date published" datetime="2026-01-03">3 Jan</time></p>' }, '2026-01-03'],
    ['itemprop=datePublished on a time before the article', { before: '<div class="article-meta"><time itemprop="dateModified" datetime="2026-01-04">4 Jan</time> <time itemprop="datePublished" datetime="2026-01-03">3 Jan</time></div>' }, '2026-01-03'],
    ['an article header outside the <article>, which holds the headline', { before: '<header class="story-header"><h1>Fire forces evacuation</h1><time datetime="2026-01-03">3 Jan</time></header>' }, '2026-01-03'],
  ])('%s', (_name, parts, date) => {
    const article = extractArticleFromHtml(page(parts));
    expect(article?.paragraphs).toContain(FIRST);
    expect(article?.date).toBe(date);
  });

  it('reads a byline time that Readability leaves out of the article, but not the comments\' times', () => {
    const html = `<!DOCTYPE html><html><head><title>Storm</title></head><body><div id="content"><h1>Storm hits coast</h1>
      <p class="byline">By Jane Doe · <time datetime="2026-01-03">3 January</time></p><div class="text">${STORY}</div>
      <section class="comments"><p>Reader42 <time datetime="2026-01-05">5 Jan</time>: This is terrible news for the port.</p></section></div></body></html>`;
    expect(extractArticleFromHtml(html)?.date).toBe('2026-01-03');
  });
});

describe('saved pages: line breaks', () => {
  const CLOSED = 'Residents were told to keep windows closed';
  const SCHOOLS = 'Schools will stay shut on Thursday';

  it.each([
    ['one <br> in a paragraph', `<p>${CLOSED}<br>${SCHOOLS}</p>`, [`${CLOSED} ${SCHOOLS}`]],
    ['one <br /> with a line end after it', `<p>${CLOSED}<br />\n${SCHOOLS}</p>`, [`${CLOSED} ${SCHOOLS}`]],
    ['one <br> inside inline markup', `<p><em>${CLOSED}<br></em>${SCHOOLS}</p>`, [`${CLOSED} ${SCHOOLS}`]],
    ['a <br> ending a paragraph', `<p>${CLOSED}<br></p>`, [CLOSED]],
    ['two <br> in a paragraph', `<p>${CLOSED}.<br><br>${SCHOOLS}.</p>`, [`${CLOSED}.`, `${SCHOOLS}.`]],
    ['two <br> with space between', `<p>${CLOSED}.<br>\n <br>${SCHOOLS}.</p>`, [`${CLOSED}.`, `${SCHOOLS}.`]],
    ['two <br> in a list item', `<ul><li>${CLOSED}.<br><br>${SCHOOLS}.</li></ul>`, [`${CLOSED}.`, `${SCHOOLS}.`]],
    ['two <br> in a quote', `<blockquote>${CLOSED}.<br><br>${SCHOOLS}.</blockquote>`, [`${CLOSED}.`, `${SCHOOLS}.`]],
  ])('%s', (_name, opening, expected) => {
    const paragraphs = extractArticleFromHtml(page({ opening }))?.paragraphs;
    expect(paragraphs?.slice(0, expected.length)).toEqual(expected);
    expect(paragraphs?.slice(expected.length)).toHaveLength(3);
  });
});

describe('saved pages: the title without the site\'s name', () => {
  const titled = (head: string, before = '', h1 = ''): string =>
    `<!DOCTYPE html><html><head>${head}</head><body>${before}<article>${h1}${STORY}</article></body></html>`;

  it.each([
    ['a headline of three words', titled('<title>Storm hits coast | Harbour Herald</title>', '', '<h1>Storm hits coast</h1>'), 'Storm hits coast'],
    ['a headline of four words', titled('<title>Port fire forces evacuation | Harbour Herald</title>', '', '<h1>Port fire forces evacuation</h1>'), 'Port fire forces evacuation'],
    ['a headline of five words', titled('<title>Fire forces evacuation of port | Harbour Herald</title>', '', '<h1>Fire forces evacuation of port</h1>'), 'Fire forces evacuation of port'],
    ['a headline after the site\'s name', titled('<title>Harbour Herald - Storm hits coast</title>', '', '<h1>Storm hits coast</h1>'), 'Storm hits coast'],
    ['og:site_name before the title, with no <h1>', titled('<title>Harbour Herald - Storm hits coast</title><meta property="og:site_name" content="Harbour Herald">'), 'Storm hits coast'],
    ['og:site_name after the title, with no <h1>', titled('<title>Storm hits coast – Harbour Herald</title><meta property="og:site_name" content="Harbour Herald">'), 'Storm hits coast'],
    ['og:site_name after a long title', titled('<title>Fire forces evacuation in the port district | HARBOUR HERALD</title><meta property="og:site_name" content="Harbour Herald">'), 'Fire forces evacuation in the port district'],
    ['a JSON-LD headline before a section and the site', titled(`<title>Storm hits coast - Local News - Harbour Herald</title>${ld({ '@type': 'NewsArticle', headline: 'Storm hits coast' })}`), 'Storm hits coast'],
    ['a title that is the site\'s name alone', titled('<title>Harbour Herald</title><meta property="og:site_name" content="Harbour Herald">', '', '<h1>Storm hits coast</h1>'), 'Storm hits coast'],
    ['a logo\'s <h1> is not the headline', titled('<title>Harbour Herald | Storm hits the coast overnight</title>', '<header><h1 class="logo"><a href="/">Harbour Herald</a></h1></header>', '<h2>Storm hits the coast overnight</h2>'), 'Storm hits the coast overnight'],
    ['nor a section\'s shorter <h1>', titled('<title>Storm hits coast | World</title>', '', '<h1>World</h1>'), 'Storm hits coast | World'],
    ['a colon inside the headline stays', titled('<title>Storm: what happens next | Harbour Herald</title>', '', '<h1>Storm: what happens next</h1>'), 'Storm: what happens next'],
    ['a title that is not the headline stays', titled('<title>Council &amp; budget</title>', '', '<h1>Council approves the budget</h1>'), 'Council & budget'],
  ])('%s', (_name, html, title) => {
    expect(extractArticleFromHtml(html)?.title).toBe(title);
  });
});

describe('saved pages: text outside paragraphs', () => {
  it("keeps a table's rows, a row's cells in order, and a definition list's terms", () => {
    const html = page({
      opening:
        '<table><caption>Damage by district</caption><thead><tr><th>District</th><th>Damage</th></tr></thead><tbody><tr><td>North</td><td>High</td></tr><tr><td><p>South</p></td><td>Low<br>(two roads shut)</td></tr></tbody></table><dl><dt>Wind</dt><dd>150 km/h</dd></dl>'
    });
    const paragraphs = extractArticleFromHtml(html)!.paragraphs;
    expect(paragraphs.slice(0, 6)).toEqual(['Damage by district', 'District | Damage', 'North | High', 'South | Low (two roads shut)', 'Wind', '150 km/h']);
    expect(paragraphs[6]).toBe(FIRST);
  });
});

describe('saved pages: the lead photo', () => {
  it.each<[string, Parameters<typeof page>[0], { src: string; alt: string } | undefined]>([
    ['the photo the page shares, with its own alt text', { head: '<meta property="og:image" content="https://herald.example/img/fire.jpg"><meta property="og:image:alt" content="Smoke over the port">' }, { src: 'https://herald.example/img/fire.jpg', alt: 'Smoke over the port' }],
    ['described by the article\'s image of the same address', { head: '<meta property="og:image" content="https://herald.example/img/fire.jpg">', opening: '<figure><img src="https://herald.example/img/fire.jpg" alt="Firefighters at the warehouse"></figure>' }, { src: 'https://herald.example/img/fire.jpg', alt: 'Firefighters at the warehouse' }],
    ['shared at an address relative to the page', { head: '<link rel="canonical" href="https://herald.example/news/fire"><meta property="og:image" content="/img/fire.jpg">' }, { src: 'https://herald.example/img/fire.jpg', alt: '' }],
    ['else the article\'s first image the web can reach', { opening: '<img src="data:image/png;base64,AAAA" alt="pixel"><img src="https://cdn.example/a.jpg" alt="The warehouse">' }, { src: 'https://cdn.example/a.jpg', alt: 'The warehouse' }],
    ['not the site\'s logo shared in its place', { head: '<meta property="og:image" content="https://herald.example/static/herald-logo.png">', opening: '<img src="https://herald.example/img/fire.jpg" alt="Fire">' }, { src: 'https://herald.example/img/fire.jpg', alt: 'Fire' }],
    ['and none when it has none', {}, undefined],
  ])('%s', (_name, parts, image) => {
    expect(extractArticleFromHtml(page(parts))?.image).toEqual(image);
  });

  it('keeps its figure\'s caption with it, and no photo\'s caption is a paragraph of the story', () => {
    const opening = '<figure><img src="https://herald.example/img/fire.jpg" alt="Firefighters"><figcaption>Firefighters at the warehouse on Monday night.</figcaption></figure>';
    const inStory = '<figure><img src="https://herald.example/img/hose.jpg" alt="A hose"><figcaption>A hose on the quay. <span class="credit">Jane Smith</span></figcaption></figure>';
    const article = extractArticleFromHtml(page({ head: '<meta property="og:image" content="https://herald.example/img/fire.jpg">', opening: opening + inStory }));
    expect(article?.image).toEqual({ src: 'https://herald.example/img/fire.jpg', alt: 'Firefighters', caption: 'Firefighters at the warehouse on Monday night.' });
    expect(article?.paragraphs[0]).toBe(FIRST);
    expect(article?.paragraphs.join(' ')).not.toMatch(/hose|Monday night/);
  });
});

describe('saved pages: the byline line', () => {
  it('is the byline, not also the first paragraph', async () => {
    const { analyzeSeed } = await import('../../src/analyze-seed.js');
    const { resolveConfig } = await import('../../src/config.js');
    const config = (resolveConfig({}) as { config: import('../../src/config.js').ResolvedConfig }).config;
    const html = '<html><head><title>Bridge opens | Harbour Herald</title></head><body><article><h1>Bridge opens</h1><p class="byline">By Sam Roe</p><p>The new bridge over the river opened on Wednesday after four years of construction work and delays.</p><p>Commuters said the bridge would cut their journey by twenty minutes each way.</p></article></body></html>';
    const analysis = analyzeSeed({ path: 'seeds/fire.html', kind: 'html', bytes: new TextEncoder().encode(html) }, config);
    expect(analysis.article?.paragraphs[0]).toBe('The new bridge over the river opened on Wednesday after four years of construction work and delays.');
    expect(analysis.article?.byline).toMatch(/Sam Roe/);
    expect(analysis.article?.tags).not.toContain('Sam Roe');
  });

  it('is read from a WordPress post\'s header, which Readability drops with it, and not from its comments', () => {
    const header = '<header class="entry-header"><h1 class="entry-title">Fire forces evacuation in port district</h1><div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="2026-01-03">January 3, 2026</time></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/jdoe/">Jane Doe</a></span></span></div></header>';
    const comments = '<div id="comments" class="comments-area"><ol><li class="comment"><span class="author">Reader42</span><p>Terrible news for the port and everyone who lives near it.</p></li></ol></div>';
    const post = (head: string) => `<!DOCTYPE html><html><head><title>Fire forces evacuation in port district</title></head><body><main><article class="post hentry">${head}<div class="entry-content">${STORY}</div>${comments}</article></main></body></html>`;
    expect(extractArticleFromHtml(post(header))?.byline).toBe('by Jane Doe');
    expect(extractArticleFromHtml(post(header.replace(/<span class="byline">.*<\/span><\/span>/u, '')))?.byline).toBeUndefined();
  });
});
