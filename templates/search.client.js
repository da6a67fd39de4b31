// @ts-check
// The search page's script: looks the words typed up in the site's index (`search/index/`, built
// by src/search-index.ts) and lists the articles that have every word, best first. Only the
// index files a query needs are fetched. Text is only ever set with textContent: nothing from the
// index is parsed as HTML.

/**
 * The words of a text as the index holds them. Must agree with searchWords in
 * src/search-index.ts (tests/search-index.test.ts checks that it does).
 * @param {string} text
 * @returns {string[]}
 */
export function searchWords(text) {
  /** @type {string[]} */
  const words = []
  // Accents of Latin, Greek and Cyrillic letters go, and so do Arabic's vowel marks, its hamza on
  // alef and its tatweel; marks that are part of other scripts stay.
  const folded = text.normalize('NFKD').replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]+/g, '').normalize('NFC').toLowerCase()
  for (const [token] of folded.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu)) {
    for (const part of token.split(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+)/u)) {
      if (part === '') continue
      const chars = [...part]
      if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(part) && chars.length > 1) {
        for (let i = 0; i + 1 < chars.length; i++) words.push(chars[i] + chars[i + 1])
      } else {
        words.push(part)
      }
    }
  }
  return words
}

/**
 * The page's labels (its `data-labels`) as a function that words one: the plural form its
 * `count` takes in the page's language, each `{name}` replaced by its value.
 * @param {string | undefined} json
 * @param {string} language
 * @returns {(name: string, values?: Record<string, string | number>) => string}
 */
export function wording(json, language) {
  /** @type {Record<string, string | Record<string, string>>} */
  let labels = {}
  try {
    labels = JSON.parse(json ?? '{}')
  } catch {
    // A page without labels still searches; its messages are the label names.
  }
  const plurals = new Intl.PluralRules(language)
  // Numbers as the language groups them, in Latin digits, as the pages write them.
  const numbers = new Intl.NumberFormat(language, { numberingSystem: 'latn' })
  return (name, values = {}) => {
    const label = labels[name] ?? name
    const text = typeof label === 'string' ? label : (label[typeof values.count === 'number' ? plurals.select(values.count) : 'other'] ?? label.other ?? name)
    return text.replace(/\{(\w+)\}/g, (slot, key) => (Object.hasOwn(values, key) ? (typeof values[key] === 'number' ? numbers.format(values[key]) : String(values[key])) : slot))
  }
}

/** Results shown for one query. */
const shown = 20
/** The last word matches as the start of a word (the reader may still be typing it) from this many characters. */
const minPrefix = 3

const root = typeof document === 'undefined' ? null : document.getElementById('search')
if (root) start(root)

/** @param {HTMLElement} root */
function start(root) {
  const index = root.dataset.index ?? ''
  const base = root.dataset.base ?? '/'
  const say = wording(root.dataset.labels, document.documentElement.lang || 'en')
  const form = /** @type {HTMLFormElement} */ (root.querySelector('form'))
  const input = /** @type {HTMLInputElement} */ (root.querySelector('#search-input'))
  const status = /** @type {HTMLElement} */ (root.querySelector('#search-status'))
  const list = /** @type {HTMLOListElement} */ (root.querySelector('#search-results'))
  const more = /** @type {HTMLButtonElement} */ (root.querySelector('#search-more'))
  /** @type {Map<string, Promise<any>>} */
  const files = new Map()
  /** @param {string} path */
  const load = (path) => {
    let file = files.get(path)
    if (!file) {
      file = fetch(index + path).then((response) => {
        if (!response.ok) throw new Error(`${path}: ${response.status}`)
        return response.json()
      })
      files.set(path, file)
    }
    return file
  }
  let latest = 0
  let timer = 0
  /** The results of the query on show, and how many of them are listed. */
  let results = { query: '', words: /** @type {string[]} */ ([]), ranked: /** @type {Array<[number, number]>} */ ([]), chunk: 1, listed: 0 }

  /** @param {string} query */
  async function run(query) {
    const ticket = ++latest
    const words = searchWords(query)
    if (words.length === 0) {
      status.textContent = ''
      list.replaceChildren()
      more.hidden = true
      return
    }
    try {
      const meta = await load('meta.json')
      const typing = !/[\s\p{P}]$/u.test(query)
      const matches = await Promise.all(words.map((word, i) => lookUp(meta, word, typing && i === words.length - 1 && [...word].length >= minPrefix)))
      const ranked = rank(matches, meta.documents)
      const next = { query, words, ranked, chunk: meta.chunk, listed: 0 }
      const documents = await documentsOf(next, shown)
      if (ticket !== latest) return
      results = next
      list.replaceChildren()
      render(documents)
    } catch {
      if (ticket !== latest) return
      status.textContent = say('searchUnavailable')
      list.replaceChildren()
      more.hidden = true
    }
  }

  /**
   * The next `count` results' documents.
   * @param {typeof results} of
   * @param {number} count
   * @returns {Promise<Array<[string, string, string, string]>>}
   */
  function documentsOf(of, count) {
    return Promise.all(of.ranked.slice(of.listed, of.listed + count).map(async ([id]) => (await load(`d/${Math.floor(id / of.chunk)}.json`))[id % of.chunk]))
  }

  /**
   * Postings of a word: its own, or those of every term it starts, each as id → count.
   * @param {{ shards: string[] }} meta
   * @param {string} word
   * @param {boolean} prefix
   */
  async function lookUp(meta, word, prefix) {
    const shards = meta.shards.filter((shard) => (prefix ? shard.startsWith(word) || word.startsWith(shard) : word.startsWith(shard)))
    // The longest prefix that holds an exact word; every shard under a prefix the reader is still typing.
    const wanted = prefix ? shards : shards.sort((a, b) => b.length - a.length).slice(0, 1)
    /** @type {Map<number, number>} */
    const found = new Map()
    for (const terms of await Promise.all(wanted.map((shard) => load(`t/${hex(shard)}.json`)))) {
      for (const term of Object.keys(terms)) {
        if (prefix ? !term.startsWith(word) : term !== word) continue
        // A longer word the reader may not mean counts for less than the word itself.
        const weight = term === word ? 1 : 0.7
        const postings = terms[term]
        for (let i = 0, id = 0; i < postings.length; i += 2) {
          id += postings[i]
          found.set(id, Math.max(found.get(id) ?? 0, postings[i + 1] * weight))
        }
      }
    }
    return found
  }

  /**
   * Articles that have every word, best first: rarer words weigh more, and repeats of a word
   * add less and less.
   * @param {Map<number, number>[]} matches
   * @param {number} total
   * @returns {Array<[number, number]>}
   */
  function rank(matches, total) {
    const [smallest, ...others] = [...matches].sort((a, b) => a.size - b.size)
    /** @type {Array<[number, number]>} */
    const ranked = []
    for (const [id] of smallest ?? []) {
      if (!others.every((match) => match.has(id))) continue
      let score = 0
      for (const match of matches) {
        const count = /** @type {number} */ (match.get(id))
        score += Math.log(1 + total / match.size) * ((count * 2.2) / (count + 1.2))
      }
      ranked.push([id, score])
    }
    // Ids count from the oldest article: on equal scores, newer first.
    return ranked.sort((a, b) => b[1] - a[1] || b[0] - a[0])
  }

  /**
   * List these documents after those already listed, and say how many there are.
   * @param {Array<[string, string, string, string]>} documents
   */
  function render(documents) {
    const { query, words, ranked } = results
    const count = ranked.length
    results.listed += documents.length
    const listed = results.listed
    status.textContent = say(count === 0 ? 'noResults' : count > listed ? 'resultsShown' : 'results', { count, query: query.trim(), shown: listed })
    more.hidden = count <= listed
    list.append(
      ...documents.map(([route, title, date, excerpt]) => {
        const item = document.createElement('li')
        const heading = document.createElement('h2')
        const link = document.createElement('a')
        link.href = base + route
        link.append(...highlight(title, words))
        heading.append(link)
        const time = document.createElement('p')
        time.className = 'search-date'
        time.textContent = date
        const text = document.createElement('p')
        text.append(...highlight(excerpt, words))
        item.append(heading, time, text)
        return item
      })
    )
  }

  /**
   * The text with the words searched for marked, as nodes.
   * @param {string} text
   * @param {string[]} words
   * @returns {Node[]}
   */
  function highlight(text, words) {
    const nodes = []
    let last = 0
    for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu)) {
      const [folded] = searchWords(match[0])
      if (!folded || !words.some((word) => folded.startsWith(word))) continue
      nodes.push(document.createTextNode(text.slice(last, match.index)))
      const mark = document.createElement('mark')
      mark.textContent = match[0]
      nodes.push(mark)
      last = match.index + match[0].length
    }
    nodes.push(document.createTextNode(text.slice(last)))
    return nodes
  }

  /** @param {string} text */
  function hex(text) {
    return [...new TextEncoder().encode(text)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  }

  more.addEventListener('click', async () => {
    const ticket = latest
    const first = results.listed
    try {
      const documents = await documentsOf(results, shown)
      if (ticket !== latest) return
      render(documents)
      // Keyboard and screen-reader users go on from the first result added.
      list.children[first]?.querySelector('a')?.focus()
    } catch {
      status.textContent = say('searchUnavailable')
    }
  })
  /**
   * The query goes into the page's address as it runs, typed or submitted: Back from a result
   * then brings it and its results again, and the address can be shared.
   * @param {string} query
   */
  const remember = (query) => history.replaceState(null, '', query.trim() === '' ? location.pathname : `?q=${encodeURIComponent(query)}`)
  input.addEventListener('input', () => {
    clearTimeout(timer)
    timer = window.setTimeout(() => {
      remember(input.value)
      run(input.value)
    }, 120)
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    clearTimeout(timer)
    remember(input.value)
    run(input.value)
  })
  const query = new URLSearchParams(location.search).get('q')
  if (query) {
    input.value = query
    run(query)
  }
  input.focus()
}
