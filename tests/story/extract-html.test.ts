import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { extractArticleFromHtml, PageTooDeep } from '../../src/story/extract-html.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const BODY = `
  <p>The city council approved the new budget on Tuesday after a debate that lasted well into the night.</p>
  <p>Council members said the plan would fund road repairs, two new libraries and longer opening hours at public pools.</p>
  <p>Opposition members criticised the spending on consultants and promised to revisit the figures next spring.</p>`;
const page = (head: string, body = BODY): string =>
  `<!DOCTYPE html><html><head>${head}</head><body><article>${body}</article></body></html>`;

describe('extractArticleFromHtml: news page fixture', () => {
  const article = extractArticleFromHtml(fixture('news-page.html'), 'https://pacific-herald.example/world/japan-us-deterrence');

  it('extracts metadata', () => {
    expect(article).toMatchObject({
      title: 'Japan, US agree to boost alliance deterrence',
      byline: 'Aiko Tanaka',
      date: '2024-10-03T09:15:00+09:00',
      canonicalUrl: 'https://pacific-herald.example/world/japan-us-deterrence?ref=canonical',
      siteName: 'Pacific Herald',
    });
  });

  it('returns the article paragraphs in order, as collapsed plain text', () => {
    expect(article?.paragraphs).toEqual([
      'Japan and the United States have agreed to further enhance the deterrence and response capabilities of their alliance, amid security challenges posed by China and North Korea.',
      'New Japanese Defense Minister Gen Nakatani and US Defense Secretary Lloyd Austin reached the agreement during their first face-to-face talks, held in the Italian city of Naples on the fringes of a Group of Seven gathering.',
      'A “strong sense of crisis”',
      'The two shared a “strong sense of crisis” with recent moves occurring around Japan in mind, the Japanese Defense Ministry said, in a veiled reference to China’s growing military assertiveness.',
      '“Our commitment to the defense of Japan remains unwavering,” Austin said.',
      'The talks also addressed:',
      'reviewing bilateral agreements to improve coordination between the two militaries;',
      'converting US Forces Japan into a joint force headquarters with more operational responsibilities.',
      'Washington has been planning the change amid concerns over the limited role of the current command in dealing with contingencies in the region.',
    ]);
  });

  it.each(['Advertisement', 'Subscribe', 'Related stories', 'Ishiba names new cabinet', 'All rights reserved', 'Privacy', 'dataLayer', 'trackPageview', 'loadAd', 'font-family', '<', '>'])(
    'drops navigation, ads, related links, footer, scripts and markup: no %j',
    (needle) => {
      expect(article?.paragraphs.join('\n')).not.toContain(needle);
    },
  );
});

describe('extractArticleFromHtml: other fixtures', () => {
  it('returns undefined for a home page with no article', () => {
    expect(extractArticleFromHtml(fixture('no-article.html'), 'https://pacific-herald.example/')).toBeUndefined();
  });

  it('reads a plain page: <title>, <time datetime>, and ignores non-http canonical URLs', () => {
    const article = extractArticleFromHtml(fixture('simple-article.html'), 'https://ferries.example/news/1');
    expect(article).toEqual({
      title: 'Harbour ferry service resumes after storm',
      date: '2024-09-12',
      paragraphs: [
        'The harbour ferry service resumed on Thursday morning after three days of suspension caused by the storm, the port authority said.',
        'Operators said the first crossings were fully booked, and extra sailings would run through the weekend to clear the backlog of passengers and freight.',
        'Engineers inspected the pier and the passenger gangways overnight and found no structural damage, although one of the waiting rooms remains closed for repairs.',
      ],
    });
  });
});

describe('extractArticleFromHtml: metadata sources', () => {
  it.each<[string, string, string | undefined, Record<string, string | undefined>]>([
    [
      'JSON-LD supplies date, author and publisher',
      `<title>Budget passes</title><script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":["NewsArticle"],"headline":"Budget passes","datePublished":"2024-03-05T18:00:00Z","author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Ben Ode"}],"publisher":{"@type":"Organization","name":"City Times"}}]</script>`,
      undefined,
      { date: '2024-03-05T18:00:00Z', byline: 'Ana Ruiz, Ben Ode', siteName: 'City Times' },
    ],
    [
      'broken JSON-LD is ignored',
      `<title>Budget passes</title><script type="application/ld+json">{not json</script>`,
      undefined,
      { date: undefined, title: 'Budget passes' },
    ],
    [
      'article:published_time wins over <time>',
      `<title>Budget passes</title><meta property="article:published_time" content="2024-03-05">`,
      undefined,
      { date: '2024-03-05' },
    ],
    [
      'impossible dates are dropped',
      `<title>Budget passes</title><meta property="article:published_time" content="2024-02-30">`,
      undefined,
      { date: undefined },
    ],
    [
      'RFC 2822 date with zone becomes ISO with its offset',
      `<title>Budget passes</title><meta property="article:published_time" content="Tue, 05 Mar 2024 18:00:00 GMT">`,
      undefined,
      { date: '2024-03-05T18:00:00+00:00' },
    ],
    [
      'relative canonical is resolved against the page URL',
      `<title>Budget passes</title><link rel="canonical" href="/budget">`,
      'https://city.example/news/budget?utm=x',
      { canonicalUrl: 'https://city.example/budget' },
    ],
    [
      'relative canonical without a page URL falls back to og:url',
      `<title>Budget passes</title><link rel="canonical" href="/budget"><meta property="og:url" content="http://city.example/budget">`,
      undefined,
      { canonicalUrl: 'http://city.example/budget' },
    ],
    [
      'og:title is used when it is the only title',
      `<meta property="og:title" content="Council passes budget">`,
      undefined,
      { title: 'Council passes budget' },
    ],
  ])('%s', (_name, head, url, expected) => {
    const article = extractArticleFromHtml(page(head), url);
    expect(article?.paragraphs).toHaveLength(3);
    for (const [key, value] of Object.entries(expected)) {
      expect(article?.[key as keyof typeof article], key).toEqual(value);
    }
  });

  it('emits a paragraph nested in a list item or blockquote once', () => {
    const body = `${BODY}<blockquote><p>“We will fix the roads first,” the mayor said at the end of the session.</p></blockquote><ul><li><p>Road repairs will start in May and finish by the end of the year.</p></li></ul>`;
    const article = extractArticleFromHtml(page('<title>Budget</title>', body));
    expect(article?.paragraphs.slice(3)).toEqual([
      '“We will fix the roads first,” the mayor said at the end of the session.',
      'Road repairs will start in May and finish by the end of the year.',
    ]);
  });

  it('accepts a bare HTML fragment', () => {
    expect(extractArticleFromHtml(BODY)?.paragraphs).toHaveLength(3);
  });

  it.each([
    ['empty document', ''],
    ['plain text', 'just some words'],
    ['only scripts and styles', '<html><head><style>p{}</style></head><body><script>var x = "a long script string that is not an article at all, really not";</script></body></html>'],
    ['a single short line', page('<title>x</title>', '<p>Short.</p>')],
  ])('returns undefined for %s', (_name, html) => {
    expect(extractArticleFromHtml(html)).toBeUndefined();
  });
});

describe('extractArticleFromHtml: headlines and scripts written without spaces', () => {
  const tokyo = `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>東京で新駅開業 - ニュース</title>
    <meta property="og:site_name" content="東京新聞"></head><body><nav>ホーム | 政治 | 経済</nav>
    <article><h1>東京で新駅開業</h1><p>東京都は月曜日、新しい駅の開業を発表した。多くの利用者が訪れ、駅前は朝から混雑した。</p>
    <p>駅は午前五時に営業を開始し、深夜まで運行する予定だ。関係者によると、周辺の再開発も進む見込みだという。</p></article></body></html>`;

  it('finds a Japanese article, its headline as the title and not as its first paragraph', () => {
    expect(extractArticleFromHtml(tokyo)).toEqual({
      title: '東京で新駅開業',
      siteName: '東京新聞',
      paragraphs: ['東京都は月曜日、新しい駅の開業を発表した。多くの利用者が訪れ、駅前は朝から混雑した。', '駅は午前五時に営業を開始し、深夜まで運行する予定だ。関係者によると、周辺の再開発も進む見込みだという。'],
    });
  });

  it('keeps a title that is not the headline, and drops the headline from the text all the same', () => {
    const article = extractArticleFromHtml(page('<title>Council &amp; budget</title>', `<h1>Council approves the budget</h1>${BODY}`));
    expect(article?.title).toBe('Council & budget');
    expect(article?.paragraphs[0]).toBe('The city council approved the new budget on Tuesday after a debate that lasted well into the night.');
  });
});

describe('extractArticleFromHtml: a page nested too deep', () => {
  it('refuses 1,000 nested <div>s at once, which Readability took a minute over', () => {
    expect(() => extractArticleFromHtml(page('<title>Deep</title>', `${'<div>'.repeat(1000)}${BODY}${'</div>'.repeat(1000)}`))).toThrow(PageTooDeep);
  });

  it('refuses 100,000 nested elements, known before the page is parsed', () => {
    expect(() => extractArticleFromHtml(page('<title>Deep</title>', `${'<div>'.repeat(100_000)}${BODY}${'</div>'.repeat(100_000)}`))).toThrow(PageTooDeep);
    expect(() => extractArticleFromHtml(page('<title>Deep</title>', `${'<b>'.repeat(300_000)}${BODY}`))).toThrow(PageTooDeep);
  });

  it('reads a page nested as deep as it may be', () => {
    const article = extractArticleFromHtml(page('<title>Budget passes</title>', `${'<div>'.repeat(100)}${BODY}${'</div>'.repeat(100)}`));
    expect(article?.paragraphs).toHaveLength(3);
  });
});
