// @ts-check
/**
 * The duplicate-story stage alone (`npm run bench:stories`), on synthetic stories of which about a
 * quarter are edited copies: time to compute each article's features (done on worker threads in a
 * build) and to cluster them (done once per build), the heap afterwards, and how many copies were
 * found against the generator's ground truth.
 *
 *   node bench/stories.js [--articles 50000] [--seed 1]
 */
import os from 'node:os';
import { clusterStories, storyFeatures } from '../lib/story/same-story.js';
import { generateSyntheticStories } from '../lib/story/synthetic.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const count = option('articles', 50000);
const seed = option('seed', 1);

const articles = generateSyntheticStories(count, seed);
let started = performance.now();
const items = articles.map((article) => ({ id: article.id, date: article.date, path: article.path, features: storyFeatures(article) }));
const featuresMs = performance.now() - started;
started = performance.now();
const { clusters, related } = clusterStories(items);
const clusterMs = performance.now() - started;
const heap = process.memoryUsage();

// Ground truth: copies are named `story-<k>-copy-<j>` after their original `story-<k>`.
const truth = articles.filter((article) => /-copy-\d+$/.test(article.id)).length;
let right = 0;
let wrong = 0;
for (const cluster of clusters) {
  const root = cluster.canonical.replace(/-copy-\d+$/, '');
  for (const copy of cluster.copies) copy.id.replace(/-copy-\d+$/, '') === root ? right++ : wrong++;
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`duplicate-story stage, ${count} articles (${cpu}, ${os.cpus().length} cores, Node ${process.version})`);
console.log(`  features (per article, on workers in a build): ${featuresMs.toFixed(0)} ms, ${(featuresMs / count).toFixed(3)} ms/article`);
console.log(`  clustering and related stories (once per build): ${clusterMs.toFixed(0)} ms`);
console.log(`  heap used ${(heap.heapUsed / 2 ** 20).toFixed(0)} MiB, RSS ${(heap.rss / 2 ** 20).toFixed(0)} MiB`);
console.log(`  copies folded: ${right} of ${truth} (wrongly folded: ${wrong}); articles with related stories: ${related.size}`);
