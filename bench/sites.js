// @ts-check
/**
 * Turns a Gazette benchmark corpus into equivalent Hugo and Eleventy sites (setup, not timed),
 * and installs Eleventy 3 into a cached temp folder (never into the project).
 *
 * Equivalent minimal output for every generator: a home page listing all articles newest
 * first, one page per article, one page per tag (plus a tags index), one RSS feed of the
 * 50 newest articles.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { slugify } from './corpus.js';

const DATE_START = Date.UTC(2024, 2, 1);
const DATE_SPAN_S = 730 * 24 * 3600;
export const FEED_ITEMS = 50;

/** FNV-1a 32-bit. @param {string} s */
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Converts a raw seed (.txt, one paragraph per line) into Markdown with frontmatter.
 * Title from the first line; date derived deterministically from the file name.
 * @param {string} fileName
 * @param {string} text
 */
export function seedToMarkdown(fileName, text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const first = lines[0] ?? fileName;
  const headline = first.length <= 140 && !/[.!?”"]$/.test(first);
  let title = first;
  if (!headline) {
    title = first.slice(0, 90);
    const cut = title.lastIndexOf(' ');
    if (first.length > 90 && cut > 40) title = title.slice(0, cut) + '…';
  }
  const body = headline ? lines.slice(1) : lines;
  const stem = fileName.replace(/\.txt$/, '');
  const slug = `${slugify(title).slice(0, 30).replace(/-+$/, '')}-seed-${slugify(stem)}`;
  const date = new Date(DATE_START + (fnv1a(stem) % DATE_SPAN_S) * 1000).toISOString().replace('.000Z', 'Z');
  const summary = (body[0] ?? '').split(/(?<=[.!?])\s/)[0] ?? '';
  const md = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `date: ${date}`,
    `summary: ${JSON.stringify(summary)}`,
    'tags: []',
    `source: "Scraped"`,
    `slug: ${JSON.stringify(slug)}`,
    '---',
    '',
    body.join('\n\n'),
    '',
  ].join('\n');
  return { slug, md };
}

/**
 * Copies content/*.md and converts seeds/*.txt of a corpus into destContentDir.
 * @param {string} corpusDir
 * @param {string} destContentDir
 * @returns {number} number of articles written
 */
export function convertCorpus(corpusDir, destContentDir) {
  fs.mkdirSync(destContentDir, { recursive: true });
  let n = 0;
  const contentDir = path.join(corpusDir, 'content');
  for (const f of fs.readdirSync(contentDir)) {
    if (!f.endsWith('.md')) continue;
    fs.copyFileSync(path.join(contentDir, f), path.join(destContentDir, f));
    n++;
  }
  const seedsDir = path.join(corpusDir, 'seeds');
  if (fs.existsSync(seedsDir)) {
    for (const f of fs.readdirSync(seedsDir)) {
      if (!f.endsWith('.txt')) continue;
      const { slug, md } = seedToMarkdown(f, fs.readFileSync(path.join(seedsDir, f), 'utf8'));
      fs.writeFileSync(path.join(destContentDir, `${slug}.md`), md);
      n++;
    }
  }
  return n;
}

/**
 * @param {string} dir
 * @param {Record<string, string>} files relative path → contents
 */
function writeFiles(dir, files) {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text.replace(/^\n/, ''));
  }
}

const HEAD = (/** @type {string} */ title) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>`;

/**
 * Writes a Hugo site (hugo.toml, layouts, converted content) into siteDir.
 * @param {string} corpusDir
 * @param {string} siteDir
 */
export function makeHugoSite(corpusDir, siteDir) {
  const n = convertCorpus(corpusDir, path.join(siteDir, 'content'));
  const li = `<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time><p>{{ .Params.summary }}</p></li>`;
  writeFiles(siteDir, {
    'hugo.toml': `
baseURL = "https://example.org/"
languageCode = "en"
title = "Gazette bench"
disableKinds = ["sitemap", "robotsTXT", "404", "section"]
[taxonomies]
  tag = "tags"
[outputs]
  home = ["HTML", "RSS"]
  page = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
[outputFormats.RSS]
  baseName = "feed"
`,
    'layouts/index.html': `${HEAD('{{ .Site.Title }}')}<h1>{{ .Site.Title }}</h1><ul>{{ range .Site.RegularPages.ByDate.Reverse }}${li}{{ end }}</ul></body></html>\n`,
    'layouts/_default/single.html': `${HEAD('{{ .Title }}')}<article><h1>{{ .Title }}</h1><p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .Params.source }}</p><p>{{ .Params.summary }}</p>{{ .Content }}<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></article></body></html>\n`,
    'layouts/_default/list.html': `${HEAD('{{ .Title }}')}<h1>{{ .Title }}</h1>{{ if eq .Kind "taxonomy" }}<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ else }}<ul>{{ range .Pages.ByDate.Reverse }}${li}{{ end }}</ul>{{ end }}</body></html>\n`,
    'layouts/_default/rss.xml': `{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0"><channel><title>{{ .Site.Title }}</title><link>{{ .Permalink }}</link><description>Gazette bench feed</description>
{{ range first ${FEED_ITEMS} .Site.RegularPages.ByDate.Reverse }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid>{{ .Permalink }}</guid><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate><description>{{ .Params.summary }}</description></item>
{{ end }}</channel></rss>
`,
  });
  return n;
}

/**
 * Writes an Eleventy 3 site (config, Nunjucks templates, converted content) into siteDir.
 * @param {string} corpusDir
 * @param {string} siteDir
 */
export function makeEleventySite(corpusDir, siteDir) {
  const n = convertCorpus(corpusDir, path.join(siteDir, 'content'));
  const li = `<li><a href="{{ a.url }}">{{ a.data.title }}</a> <time datetime="{{ a.date | iso }}">{{ a.date | longDate }}</time><p>{{ a.data.summary }}</p></li>`;
  writeFiles(siteDir, {
    'eleventy.config.mjs': `
export default function (eleventyConfig) {
  const newestFirst = (arr) => [...arr].sort((a, b) => b.date - a.date);
  eleventyConfig.addCollection('articles', (api) => newestFirst(api.getFilteredByGlob('./content/*.md')));
  eleventyConfig.addFilter('newestFirst', newestFirst);
  eleventyConfig.addFilter('iso', (d) => d.toISOString());
  eleventyConfig.addFilter('rfc822', (d) => d.toUTCString());
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  eleventyConfig.addFilter('longDate', (d) => d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear());
  eleventyConfig.addFilter('take', (arr, n) => arr.slice(0, n));
  return {
    dir: { input: '.', includes: '_includes' },
    templateFormats: ['md', 'njk'],
    markdownTemplateEngine: false,
    htmlTemplateEngine: 'njk',
  };
}
`,
    'content/content.11tydata.js': `
export default {
  layout: 'article.njk',
  eleventyComputed: { permalink: (data) => '/' + data.slug + '/' },
};
`,
    '_includes/article.njk': `${HEAD('{{ title }}')}<article><h1>{{ title }}</h1><p><time datetime="{{ page.date | iso }}">{{ page.date | longDate }}</time> · {{ source }}</p><p>{{ summary }}</p>{{ content | safe }}<ul>{% for t in tags %}<li><a href="/tags/{{ t | slugify }}/">{{ t }}</a></li>{% endfor %}</ul></article></body></html>\n`,
    'index.njk': `---
permalink: /index.html
eleventyExcludeFromCollections: true
---
${HEAD('Gazette bench')}<h1>Gazette bench</h1><ul>{% for a in collections.articles %}${li}{% endfor %}</ul></body></html>
`,
    'tag.njk': `---
pagination:
  data: collections
  size: 1
  alias: tag
  filter: ["all", "articles"]
permalink: "/tags/{{ tag | slugify }}/"
eleventyExcludeFromCollections: true
---
${HEAD('{{ tag }}')}<h1>{{ tag }}</h1><ul>{% for a in collections[tag] | newestFirst %}${li}{% endfor %}</ul></body></html>
`,
    'tags.njk': `---
permalink: /tags/index.html
eleventyExcludeFromCollections: true
---
${HEAD('Tags')}<h1>Tags</h1><ul>{% for tag, items in collections %}{% if tag != "all" and tag != "articles" %}<li><a href="/tags/{{ tag | slugify }}/">{{ tag }}</a> ({{ items.length }})</li>{% endif %}{% endfor %}</ul></body></html>
`,
    'feed.njk': `---
permalink: /feed.xml
eleventyExcludeFromCollections: true
---
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Gazette bench</title><link>https://example.org/</link><description>Gazette bench feed</description>
{% for a in collections.articles | take(${FEED_ITEMS}) %}<item><title>{{ a.data.title }}</title><link>https://example.org{{ a.url }}</link><guid>https://example.org{{ a.url }}</guid><pubDate>{{ a.date | rfc822 }}</pubDate><description>{{ a.data.summary }}</description></item>
{% endfor %}</channel></rss>
`,
  });
  return n;
}

export const ELEVENTY_DIR = path.join(os.tmpdir(), 'gazette-bench-eleventy3');

/**
 * Installs @11ty/eleventy@3 into os.tmpdir()/gazette-bench-eleventy3 (reused when present).
 * @returns {{cli: string, version: string}}
 */
export function ensureEleventy() {
  const pkg = path.join(ELEVENTY_DIR, 'node_modules', '@11ty', 'eleventy', 'package.json');
  const read = () => /** @type {{version: string}} */ (JSON.parse(fs.readFileSync(pkg, 'utf8'))).version;
  if (!fs.existsSync(pkg) || !read().startsWith('3.')) {
    fs.mkdirSync(ELEVENTY_DIR, { recursive: true });
    const pj = path.join(ELEVENTY_DIR, 'package.json');
    if (!fs.existsSync(pj)) fs.writeFileSync(pj, '{"name":"gazette-bench-eleventy","private":true}\n');
    console.log(`installing @11ty/eleventy@3 into ${ELEVENTY_DIR} …`);
    const r = spawnSync('npm', ['install', '--prefix', ELEVENTY_DIR, '--no-audit', '--no-fund', '@11ty/eleventy@3'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 10 * 60_000,
    });
    if (r.status !== 0) throw new Error(`npm install @11ty/eleventy@3 failed (status ${r.status})`);
  }
  return { cli: path.join(ELEVENTY_DIR, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs'), version: read() };
}

/** @returns {string | null} e.g. "hugo v0.111.3+extended linux/amd64 …" */
export function hugoVersion() {
  const r = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
