// @ts-check
/**
 * "Plain pipeline" baseline: the least a Markdown site build can do.
 * Reads every content/*.md and seeds/*.txt of a corpus, parses frontmatter with gray-matter
 * (with an options object, so gray-matter's input cache is bypassed), runs
 * unified().use(remark-parse).use(remark-rehype) and stringifies (rehype-stringify if
 * installed, else hast-util-to-html), sequentially, and writes one HTML file per article.
 * No templates, no indexes, no tag pages, no feed.
 *
 *   node bench/plain-pipeline.js --root CORPUS --out DIR
 *
 * Packages resolve from the project's node_modules (bench/ is inside the project).
 */
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { parseArgs } from './lib.js';

const args = parseArgs(process.argv.slice(2));
if (typeof args.root !== 'string' || typeof args.out !== 'string') {
  console.error('usage: node bench/plain-pipeline.js --root CORPUS --out DIR');
  process.exit(2);
}
const root = path.resolve(args.root);
const out = path.resolve(args.out);

/** @type {(input: string) => string} */
let toHtml;
try {
  const { default: rehypeStringify } = await import(/** @type {string} */ ('rehype-stringify'));
  const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify).freeze();
  toHtml = (md) => String(processor.processSync(md));
} catch {
  const { toHtml: hastToHtml } = await import('hast-util-to-html');
  const processor = unified().use(remarkParse).use(remarkRehype).freeze();
  toHtml = (md) => hastToHtml(/** @type {import('hast').Root} */ (processor.runSync(processor.parse(md))));
}

/** @param {string} s */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

fs.mkdirSync(out, { recursive: true });
let n = 0;
for (const sub of ['content', 'seeds']) {
  const dir = path.join(root, sub);
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.md') && !f.endsWith('.txt')) continue;
    const raw = fs.readFileSync(path.join(dir, f), 'utf8');
    // seeds are one paragraph per line; make them Markdown paragraphs
    const src = f.endsWith('.txt') ? raw.split(/\r?\n/).join('\n\n') : raw;
    const { data, content } = matter(src, { excerpt: false });
    const title = typeof data.title === 'string' ? data.title : f;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><article><h1>${esc(title)}</h1>${toHtml(content)}</article></body></html>\n`;
    fs.writeFileSync(path.join(out, f.replace(/\.(md|txt)$/, '.html')), html);
    n++;
  }
}
console.log(`plain pipeline: ${n} articles → ${out}`);
