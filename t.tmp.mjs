import { fsStore } from './lib/io/fs-store.js'
import { processArticle } from './lib/article-stage.js'
import { analyzeSeed } from './lib/analyze-seed.js'
import { resolveConfig } from './lib/config.js'
const input = await fsStore('/tmp/c4k').read()
const config = resolveConfig({}).config
const md = input.sources.filter(s => s.kind === 'markdown').slice(0, 1500)
const seeds = input.sources.filter(s => s.kind === 'text').slice(0, 100)
for (const s of md.slice(0, 300)) processArticle(s, config, 'k')
let t = performance.now()
for (const s of md) processArticle(s, config, 'k')
console.log('process per article ms', ((performance.now() - t) / md.length).toFixed(3))
t = performance.now()
for (const s of seeds) analyzeSeed(s, config)
console.log('analyze per seed ms', ((performance.now() - t) / seeds.length).toFixed(3))
