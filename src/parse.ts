import type { Root as MdastRoot, RootContent as MdastContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import matter from 'gray-matter'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Scalar } from 'yaml'
import type { ResolvedConfig } from './config.js'
import { error, warn } from './diagnostics.js'
import { exampleFor, frontmatterFields, frontmatterKeys, frontmatterSchema } from './frontmatter.js'
import { lowerBound } from './sorted.js'
import { dateProblem, formatInstant, parseIsoDate, writtenDay } from './text/dates.js'
import { codePointName, removeForbidden } from './text/forbidden-characters.js'
import { splitHeadingId } from './text/heading-id.js'
import { samePlainWords } from './text/normalize.js'
import { decodeText } from './text/decode.js'
import { seedRecordOf } from './text/seed-record.js'
import { parseMarkdownFast } from './text/plain-markdown.js'
import { readPlainYaml } from './text/plain-yaml.js'
import { isSafeSlug, slugify } from './text/slug.js'
import { deriveTitle } from './text/title.js'
import type { Article, Source } from './types.js'

/** One processor for the whole process: creating it per file is most of a small file's cost. */
const markdown = unified().use(remarkParse).use(remarkGfm).freeze()

/** Deepest nesting of block quotes and lists rendered; deeper input is refused per file. */
const maxNesting = 64
/** Deepest Markdown tree accepted (blocks, emphasis and links together), so later stages never recurse deeply. */
export const maxTreeDepth = 256
/**
 * Budgets for inline syntax, summed over paragraphs as the square of each paragraph's count: the
 * Markdown parser pairs emphasis delimiters and brackets in time quadratic in their number per
 * paragraph, so 50,000 alternating "*_" markers would take minutes. Real prose stays far below.
 */
const maxDelimiterCost = 2000 ** 2
const maxBracketCost = 1000 ** 2
/** Most aliases a frontmatter may expand: a "billion laughs" document is refused instead of filling memory. */
const maxAliasCount = 64
/** Longest value quoted back in a message. */
const maxQuoted = 60

/** Result of parsing one content file: the file with its messages, and the article when valid. */
export interface ParsedSource {
  readonly file: VFile
  readonly article?: Article
}

/**
 * Parse a content file: YAML frontmatter (never JavaScript) validated against the schema, and a
 * Markdown body whose positions are file-absolute. Every problem is a message on the file.
 */
export function parseArticle(source: Source, config: ResolvedConfig): ParsedSource {
  const file = new VFile({ path: source.path })
  // A content file is a person's to keep, and Gazette never rewrites it: a NUL byte in it is for them to remove.
  const decoded = decodeText(source.bytes, { strayNul: 'refuse' })
  for (const warning of decoded.warnings) {
    const hint = warning.ruleId === 'encoding-mojibake' ? 'Check the repaired text, then save the file as UTF-8' : 'Save the file as UTF-8 to be sure it reads as intended'
    warn(file, warning.ruleId as 'encoding-legacy', `${capitalize(warning.message)} (byte ${warning.offset}). ${hint}.`, { place: bytePlace(source.bytes, warning.offset, decoded.encoding) })
  }
  if (decoded.error) {
    const what = decoded.error.ruleId === 'encoding-nul' ? 'Remove the NUL bytes, or the file if it is not text' : 'Save it as UTF-8'
    error(file, decoded.error.ruleId as 'encoding-invalid', `Cannot read ${source.path} as text: ${decoded.error.message} at byte ${decoded.error.offset}. ${what}.`, { place: bytePlace(source.bytes, decoded.error.offset, decoded.encoding) })
    return { file }
  }
  const lines = decoded.text.replace(/\r\n?/g, '\n')
  const forbidden = removeForbidden(lines)
  if (forbidden.count > 0) {
    warn(file, 'text-control', `The text holds ${forbidden.count} control character${forbidden.count === 1 ? '' : 's'} (${codePointName(lines, forbidden.first)} here), which no reader sees and feeds cannot carry; ${forbidden.count === 1 ? 'it was' : 'they were'} removed. Delete ${forbidden.count === 1 ? 'it' : 'them'} from the file.`, { place: textPlace(lines, forbidden.first) })
  }
  const text = forbidden.text
  file.value = text
  const replacement = text.indexOf('\uFFFD')
  if (replacement !== -1) {
    const count = text.split('\uFFFD').length - 1
    warn(file, 'encoding-invalid', `The text holds ${count} replacement character${count === 1 ? '' : 's'} ("\uFFFD"), so it was damaged before Gazette read it. Restore the original characters from the source.`, { place: textPlace(text, replacement) })
  }

  // The opening line is "---" alone (or "---yaml"); anything after it names another language,
  // which is refused: front-matter libraries run "---js" frontmatter as code.
  const opening = /^---[ \t]*(\S[^\n]*)?(?:\n|$)/.exec(text)
  const label = opening?.[1]?.trim()
  if (label !== undefined && !/^ya?ml$/i.test(label)) {
    error(file, 'frontmatter-language', `Frontmatter marked "${quote(label)}" is not read: Gazette accepts YAML frontmatter only and never runs code. Remove "${quote(label)}" after the opening "---".`, { place: { line: 1, column: 4 } })
    return { file }
  }
  if (!opening && /^(?:\+\+\+|;;;)[ \t]*(?:\n|$)/.test(text)) {
    error(file, 'frontmatter-language', `Frontmatter opened with "${text.slice(0, 3)}" is not read: Gazette accepts YAML frontmatter only. Write it as YAML between two "---" lines.`, { place: { line: 1, column: 1 } })
    return { file }
  }
  const late = opening ? undefined : /^(?:[ \t]*\n)+---[ \t]*\n/.exec(text)
  if (late) {
    const blank = late[0].split('\n').length - 2
    error(file, 'frontmatter-field', `The frontmatter must start on the first line, with "---": remove the ${blank === 1 ? 'blank line' : `${blank} blank lines`} above it.`, { place: { line: 1, column: 1 } })
    return { file }
  }
  if (!opening) {
    error(file, 'frontmatter-field', 'This file has no frontmatter. Start it with "---", a line "date: 2024-05-01", a line "title: …" and a closing "---".', { place: { line: 1, column: 1 } })
    return { file }
  }
  const closing = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(opening[0].length))
  if (!closing || !opening[0].endsWith('\n')) {
    error(file, 'frontmatter-unclosed', 'The frontmatter opened on line 1 is never closed. Add a line "---" after the last frontmatter key.', { place: { line: 1, column: 1 } })
    return { file }
  }
  const yamlText = text.slice(opening[0].length, opening[0].length + closing.index)
  // gray-matter separates the body. Its engines are replaced, so it evaluates nothing (the YAML is
  // parsed below with positions), and passing options turns off its content cache. Where it
  // reads the fences differently (a "..." closing fence), the fence found above decides.
  const split = matter(text, { language: 'yaml', delimiters: '---', engines: { yaml: () => ({}), js: refuse, javascript: refuse } })
  const fenceEnd = opening[0].length + closing.index + closing[0].length
  const splitAt = text.length - split.content.length
  const bodyStart = text.endsWith(split.content) && (splitAt === fenceEnd || (splitAt === fenceEnd + 1 && text[fenceEnd] === '\n')) ? splitAt : fenceEnd
  /** Newlines before the body: the body keeps its own lines, so its positions stay file-absolute. */
  const frontmatterLines = text.slice(0, bodyStart).split('\n').length - 1

  // Most frontmatter is a few plain lines, read without the YAML parser; anything else goes to it.
  const yaml = plainFrontmatter(yamlText) ?? readYaml(file, yamlText)
  if (!yaml) return { file }
  const { data, keyPlace, valuePlace, asWritten } = yaml
  const body = text.slice(bodyStart)

  // An own "__proto__" key is plain data here, never a prototype; like every unknown key it is reported and dropped.
  const read = frontmatterFields(data as Record<string, unknown>, asWritten)
  for (const key of read.unknown) warn(file, 'frontmatter-unknown-key', `Unknown frontmatter key "${quote(key)}" is ignored. Known keys: ${[...frontmatterKeys].join(', ')}.`, { place: keyPlace(key) })
  for (const { alias, key } of read.shadowed) warn(file, 'frontmatter-unknown-key', `Frontmatter "${quote(alias)}" means the same as "${key}", which is also given, so it is ignored. Keep one of them.`, { place: keyPlace(alias) })
  for (const key of read.controlled) warn(file, 'text-control', `Frontmatter "${quote(key)}" holds control characters, which no reader sees and feeds cannot carry; they were removed. Delete the escapes that make them.`, { place: valuePlace(key) })
  /** The key the file wrote for a field: "lastmod" for "updated". */
  const written = (field: string) => read.origins.get(field) ?? field
  // A value written on its key's line is pointed at; one on the lines below (a mapping, a list) by its key, which names it.
  const fieldPlace = (key: string) => {
    const value = valuePlace(key)
    return value.line === keyPlace(key).line ? value : keyPlace(key)
  }
  for (const { key, reason } of read.refused) error(file, 'frontmatter-field', `Frontmatter "${quote(key)}" ${reason}.`, { place: fieldPlace(key) })
  const parsed = frontmatterSchema.safeParse(read.fields)
  if (!parsed.success || read.refused.length > 0) {
    for (const issue of parsed.error?.issues ?? []) {
      const field = String(issue.path[0] ?? '')
      // Named as the file writes it: "author", not the "byline" it is read as.
      const key = written(field)
      const example = issue.code === 'invalid_type' || issue.code === 'invalid_union' ? exampleFor(field, key) : undefined
      // An item of a list by its place, as a writer counts: "tags" item 2, not "tags.1".
      const item = typeof issue.path[1] === 'number' ? ` item ${issue.path[1] + 1}` : issue.path.length > 1 ? `.${issue.path.slice(1).join('.')}` : ''
      const name = item.startsWith('.') ? `"${quote(key + item)}"` : `"${quote(key)}"${item}`
      error(file, 'frontmatter-field', `Frontmatter ${name} ${issue.message}${example ? `; ${example}` : ''}.`, { place: fieldPlace(key) })
    }
    return { file }
  }
  const fm = parsed.data
  const date = parseIsoDate(fm.date, config.timezone)
  if (!date) {
    error(file, 'date-invalid', notADate('date', fm.date), { place: valuePlace('date') })
    return { file }
  }

  const parsedBody = parseMarkdown(body, frontmatterLines)
  if ('markers' in parsedBody) {
    error(file, 'markdown-too-deep', `The paragraph here holds ${parsedBody.count} ${parsedBody.markers}, more than Gazette parses in reasonable time. Split it into shorter paragraphs, or escape the markers with "\\".`, { place: { line: parsedBody.line, column: 1 } })
    return { file }
  }
  if ('line' in parsedBody) {
    error(file, 'markdown-too-deep', `The body nests block quotes or lists more than ${maxNesting} levels deep. Flatten the nesting.`, { place: { line: parsedBody.line, column: 1 } })
    return { file }
  }
  if ('overflow' in parsedBody) {
    error(file, 'markdown-too-deep', 'The body nests too deeply to parse. Flatten its lists, block quotes, emphasis or links.', { place: { line: frontmatterLines + 1, column: 1 } })
    return { file }
  }
  const tree = parsedBody.tree
  const deep = deepestNode(tree, maxTreeDepth)
  if (deep) {
    error(file, 'markdown-too-deep', `The body nests more than ${maxTreeDepth} levels deep here. Flatten its lists, block quotes, emphasis or links.`, { place: deep.position?.start ?? { line: frontmatterLines + 1, column: 1 } })
    return { file }
  }

  const publishKey = written('publishDate')
  const publishAt = fm.publishDate === undefined ? undefined : parseIsoDate(fm.publishDate, config.timezone)
  if (fm.publishDate !== undefined && !publishAt) {
    error(file, 'date-invalid', notADate(publishKey, fm.publishDate), { place: valuePlace(publishKey) })
    return { file }
  }
  const updatedAt = fm.updated === undefined ? undefined : parseIsoDate(fm.updated, config.timezone)
  const updatedKey = written('updated')
  if (fm.updated !== undefined && !updatedAt) warn(file, 'date-invalid', notADate(updatedKey, fm.updated, ', so it is left out'), { place: valuePlace(updatedKey) })
  else if (updatedAt && updatedAt.getTime() < date.getTime()) warn(file, 'date-invalid', `Frontmatter "${quote(updatedKey)}" (${formatInstant(updatedAt)}) is before "date" (${formatInstant(date)}), so it is left out. An update comes after the story was published.`, { place: valuePlace(updatedKey) })
  const updated = updatedAt && updatedAt.getTime() > date.getTime() ? formatInstant(updatedAt) : undefined

  let slug = fm.slug?.normalize('NFC').toLowerCase()
  if (slug !== undefined && !isSafeSlug(slug)) {
    const suggestion = slugify(slug) || 'article'
    error(file, 'slug-invalid', `Frontmatter "slug" is "${quote(fm.slug ?? '')}", which is not one safe path segment. Use lower-case letters, digits and hyphens, such as "${suggestion}".`, { place: valuePlace('slug') })
    return { file }
  }
  const firstHeading = tree.children.find((node) => node.type === 'heading' && node.depth === 1)
  const lede = tree.children.find((node) => node.type === 'paragraph')
  const title = fm.title ?? (firstHeading ? headingText(firstHeading) : lede ? deriveTitle(toString(lede)) : source.path.replace(/^.*\/|\.[^.]+$/g, ''))
  slug ??= slugify(title) || slugify(source.path.replace(/^.*\/|\.[^.]+$/g, '')) || 'article'
  // The page shows the title as its headline: a body that opens with the same "# heading" would show it twice.
  const leading = tree.children[0]
  const shown = leading?.type === 'heading' && leading.depth === 1 && samePlainWords(headingText(leading), title) ? { ...tree, children: tree.children.slice(1) } : tree
  if (!shown.children.some(showsSomething)) {
    warn(file, 'article-empty', `${source.path} has no text below its frontmatter, so its page and its feed entry would be empty. Write the article below the closing "---", or set "draft: true" until it is written.`, { place: { line: frontmatterLines + 1, column: 1 } })
  }

  file.data.explicitSlug = fm.slug !== undefined
  if (fm.slug !== undefined) file.data.slugPlace = valuePlace('slug')
  const article: Article = {
    file,
    path: source.path,
    title,
    date: formatInstant(date),
    dateDay: writtenDay(fm.date),
    updated,
    updatedDay: updated === undefined ? undefined : writtenDay(fm.updated!),
    slug,
    summary: fm.summary,
    tags: normalizeTags(fm.tags ?? []),
    source: fm.source,
    sourceUrl: fm.sourceUrl,
    byline: fm.byline,
    draft: fm.draft ?? false,
    // Only a publish date after the date decides anything: until then the article is not published.
    publishDate: publishAt && publishAt.getTime() > date.getTime() ? formatInstant(publishAt) : undefined,
    provenance: {
      ...(fm.seed ? { seed: fm.seed.file, ...seedRecordOf(source.bytes) } : {}),
      repeatsRemoved: fm.seed?.removed?.repeated ?? 0,
      boilerplateRemoved: fm.seed?.removed?.boilerplate ?? []
    },
    tree: shown
  }
  return { file, article }
}

/**
 * Parse a Markdown body. The frontmatter is replaced by as many empty lines, so every position
 * in the tree is already file-absolute. Nesting too deep to render is refused: `line` is where
 * the cheap pre-check found it; `overflow` means the parser itself ran out of stack.
 */
function parseMarkdown(body: string, lineOffset: number): { tree: MdastRoot } | { line: number } | { line: number; count: number; markers: string } | { overflow: true } {
  const deep = nestingDepth(body)
  if (deep.depth > maxNesting) return { line: lineOffset + deep.line }
  const heavy = inlineCost(body)
  if (heavy) return { ...heavy, line: lineOffset + heavy.line }
  try {
    const document = '\n'.repeat(lineOffset) + body
    return { tree: parseMarkdownFast(document, (text) => markdown.parse(text)) }
  } catch (cause) {
    if (cause instanceof RangeError) return { overflow: true }
    throw cause
  }
}

/** A cheap upper bound of block nesting (quote markers and list indentation at a line's start), and the first line that deep. */
function nestingDepth(body: string): { depth: number; line: number } {
  let deepest = { depth: 0, line: 1 }
  for (const match of body.matchAll(/^[ \t>*+\-\d.)]{2,}/gm)) {
    const prefix = match[0]
    const quotes = prefix.split('>').length - 1
    const indent = prefix.replace(/\t/g, '    ').match(/^ */)![0].length
    // A number starts after no figure: tried from each figure of a line of 80,000, it took 19 s.
    const markers = (prefix.match(/[*+-](?=\s)|(?<!\d)\d+[.)](?=\s)/g) ?? []).length
    const depth = quotes + markers + (markers > 0 ? Math.floor(indent / 2) : 0)
    if (depth > deepest.depth) deepest = { depth, line: body.slice(0, match.index).split('\n').length }
    if (depth > maxNesting) break
  }
  return deepest
}

/**
 * Whether the inline syntax would take the parser too long: per paragraph (lines between blank
 * lines, fenced code skipped), the runs of emphasis and strikethrough markers, and the pairs of
 * "[" and "]" that could close links or images, each squared and summed over the body. Returns the heaviest paragraph when over budget.
 */
function inlineCost(body: string): { line: number; count: number; markers: string } | undefined {
  let delimiterCost = 0
  let bracketCost = 0
  let heaviest = { line: 1, delimiters: 0, opening: 0, closing: 0, brackets: 0 }
  let current = { ...heaviest }
  let fence: string | undefined
  const close = () => {
    delimiterCost += current.delimiters ** 2
    bracketCost += current.brackets ** 2
    if (current.delimiters ** 2 / maxDelimiterCost + current.brackets ** 2 / maxBracketCost > heaviest.delimiters ** 2 / maxDelimiterCost + heaviest.brackets ** 2 / maxBracketCost) heaviest = current
  }
  const lines = body.split('\n')
  for (const [index, line] of lines.entries()) {
    const marker = /^[ \t>]*(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined
      continue
    }
    if (marker !== undefined) fence = marker
    if (marker !== undefined || /^[ \t>]*$/.test(line)) {
      close()
      current = { line: index + 2, delimiters: 0, opening: 0, closing: 0, brackets: 0 }
      continue
    }
    current.delimiters += line.match(/\*+|_+|~+/g)?.length ?? 0
    current.opening += line.match(/\[/g)?.length ?? 0
    current.closing += line.match(/\]/g)?.length ?? 0
    current.brackets = Math.min(current.opening, current.closing)
  }
  close()
  if (delimiterCost <= maxDelimiterCost && bracketCost <= maxBracketCost) return undefined
  const brackets = bracketCost > maxBracketCost
  return { line: heaviest.line, count: brackets ? heaviest.brackets : heaviest.delimiters, markers: brackets ? 'pairs of "[" and "]" brackets' : 'emphasis markers ("*", "_" or "~")' }
}

/** The first node nested deeper than `limit`, found without recursion. */
export function deepestNode(tree: MdastRoot, limit: number): MdastContent | undefined {
  const stack: Array<{ node: MdastRoot | MdastContent; depth: number }> = [{ node: tree, depth: 0 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!
    if (depth > limit) return node as MdastContent
    if ('children' in node) for (const child of node.children) stack.push({ node: child, depth: depth + 1 })
  }
  return undefined
}

/** A frontmatter's data, and where to point a message about one of its keys or its value. */
interface Frontmatter {
  readonly data: Record<string, unknown>
  /** Where a key is written: for a message about the key itself (unknown, or said twice). */
  readonly keyPlace: (key: string) => { line: number; column: number }
  /** Where a key's value starts, which may be on a line below the key's. */
  readonly valuePlace: (key: string) => { line: number; column: number }
  /** Each top-level value that holds a number or true/false, with those as the text written. */
  readonly asWritten: ReadonlyMap<string, unknown>
}

/** Read a frontmatter of plain lines without the YAML parser (see `readPlainYaml`); undefined for any other. */
function plainFrontmatter(yamlText: string): Frontmatter | undefined {
  const plain = readPlainYaml(yamlText)
  if (!plain) return undefined
  // Where each line ends, found once: counted from the start for each key, the lines of 40,000
  // unknown keys took 16 s to place their warnings.
  let newlines: number[] | undefined
  const yamlPoint = (offset: number) => {
    const before = yamlText.lastIndexOf('\n', offset - 1)
    newlines ??= [...yamlText.matchAll(/\n/g)].map((match) => match.index)
    return { line: 2 + lowerBound(newlines, offset), column: offset - before }
  }
  return { data: plain.data, asWritten: plain.asWritten, keyPlace: (key) => placeOf(plain.keyOffsets.get(key), yamlPoint), valuePlace: (key) => placeOf(plain.valueOffsets.get(key) ?? plain.keyOffsets.get(key), yamlPoint) }
}

/** Read a frontmatter with the YAML parser; its problems become messages on the file, and give undefined. */
function readYaml(file: VFile, yamlText: string): Frontmatter | undefined {
  const lineCounter = new LineCounter()
  // Duplicate keys are found below in one pass; the library's own check compares every pair of keys.
  const document = parseDocument(yamlText, { lineCounter, uniqueKeys: false, schema: 'core', strict: true, prettyErrors: false, stringKeys: true })
  const yamlPoint = (offset: number) => {
    const point = lineCounter.linePos(offset)
    return { line: point.line + 1, column: point.col }
  }
  // One mistake makes the parser report several times on its line (and its "stringKeys" rule is
  // a setting of Gazette's, not the writer's): the first problem of each line is said.
  const problems = [...document.errors, ...document.warnings].filter((problem) => !/stringKeys/.test(problem.message))
  const lines = new Set<number>()
  const said = problems.filter((problem) => {
    const line = yamlPoint(problem.pos[0]).line
    return !lines.has(line) && lines.add(line)
  })
  // Nesting deep enough to exhaust the YAML parser's stack makes it report at every level: say it once.
  const overflow = problems.find((problem) => /call stack/i.test(problem.message))
  for (const problem of overflow ? [overflow] : said) {
    const detail = overflow ? 'it nests too deeply to read' : problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '')
    const place = yamlPoint(problem.pos[0])
    const source = yamlText.split('\n')[place.line - 2] ?? ''
    // The commonest slip: a headline with a colon in it, which YAML reads as a second key.
    const colon = /^([A-Za-z_][\w-]*):[ \t]+([^"'\s][^\n]*?:[ \t][^\n]*)$/.exec(source)
    const hint = overflow ? 'Flatten the YAML between the "---" lines' : colon ? `A value holding ": " must be quoted: write ${colon[1]}: "${quote(colon[2]!.replace(/"/g, '\\"'))}"` : 'Fix the YAML between the "---" lines'
    error(file, 'frontmatter-yaml', `Invalid YAML in frontmatter: ${detail}. ${hint}.`, { place })
  }
  if (document.errors.length + document.warnings.length > 0) return undefined
  let duplicates: ReturnType<typeof duplicateKeys>
  try {
    duplicates = duplicateKeys(document)
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause
    error(file, 'frontmatter-yaml', 'Invalid YAML in frontmatter: it nests too deeply to read. Flatten the YAML between the "---" lines.', { place: { line: 2, column: 1 } })
    return undefined
  }
  for (const duplicate of duplicates) {
    error(file, 'frontmatter-yaml', `Invalid YAML in frontmatter: the key "${quote(duplicate.key)}" appears twice (first on line ${yamlPoint(duplicate.first).line}). Keep one of them.`, { place: yamlPoint(duplicate.offset) })
  }
  if (file.messages.some((message) => message.fatal === true)) return undefined

  let data: unknown
  try {
    data = document.toJS({ maxAliasCount })
  } catch (cause) {
    const aliases = /alias/i.test((cause as Error).message)
    const detail = aliases ? 'its aliases ("*name") would expand into too much data' : (cause as Error).message.replace(/\.$/, '')
    error(file, 'frontmatter-yaml', `Invalid YAML in frontmatter: ${detail}. ${aliases ? 'Write the values out instead of repeating aliases' : 'Fix the YAML between the "---" lines'}.`, { place: { line: 2, column: 1 } })
    return undefined
  }
  if (data === null || data === undefined) data = {}
  if (typeof data !== 'object' || Array.isArray(data)) {
    error(file, 'frontmatter-not-mapping', 'The frontmatter must be a mapping of keys to values, such as "title: …" and "date: …" on their own lines.', { place: { line: 2, column: 1 } })
    return undefined
  }
  const offsets = keyNodes(document)
  // "title: We're #1" is the title "We're": YAML reads the rest as a comment, without a word.
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || pair.value.type !== 'PLAIN' || !pair.value.comment || !pair.value.range) continue
      const line = yamlText.slice(pair.value.range[0], yamlText.indexOf('\n', pair.value.range[0]) === -1 ? undefined : yamlText.indexOf('\n', pair.value.range[0]))
      if (!line.includes(' #')) continue
      // The value as written: "0.10" is "0.10" to Gazette (see `writtenValues`), not the 0.1 YAML reads.
      warn(file, 'frontmatter-field', `Frontmatter "${quote(String(pair.key.value))}" is "${quote(pair.value.source ?? String(pair.value.value))}": YAML reads " #" and what follows as a comment. To keep "${quote(line.trim())}", put it in quotes.`, { place: yamlPoint(pair.value.range[0]) })
    }
  }
  return { data: data as Record<string, unknown>, asWritten: writtenValues(document), keyPlace: (key) => placeOf(offsets.keys.get(key), yamlPoint), valuePlace: (key) => placeOf(offsets.values.get(key) ?? offsets.keys.get(key), yamlPoint) }
}

/** Where a key's value starts, or the frontmatter's first line when the key is not there. */
function placeOf(offset: number | undefined, point: (offset: number) => { line: number; column: number }): { line: number; column: number } {
  return offset === undefined ? { line: 2, column: 1 } : point(offset)
}

/** Where each top-level key, and its value (or else the key), starts in the YAML text: one pass for all keys. */
function keyNodes(document: Document): { keys: Map<string, number>; values: Map<string, number> } {
  const offsets = { keys: new Map<string, number>(), values: new Map<string, number>() }
  if (!isMap(document.contents)) return offsets
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key) || offsets.keys.has(String(pair.key.value)) || !pair.key.range) continue
    const range = (pair.value && 'range' in (pair.value as object) ? (pair.value as { range?: [number, number, number] }).range : undefined) ?? pair.key.range
    offsets.keys.set(String(pair.key.value), pair.key.range[0])
    offsets.values.set(String(pair.key.value), range[0])
  }
  return offsets
}

/**
 * Each top-level value that holds a number or true/false (a scalar, or a list of scalars), with
 * those as the text written: the core schema reads "3.10" as 3.1 and "007" as 7, and a title or
 * a tag must keep what its writer typed.
 */
function writtenValues(document: Document): Map<string, unknown> {
  const written = new Map<string, unknown>()
  if (!isMap(document.contents)) return written
  const textOf = (node: unknown) => (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean') && typeof node.source === 'string' ? node.source : undefined)
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key) || written.has(String(pair.key.value))) continue
    const key = String(pair.key.value)
    const text = textOf(pair.value)
    if (text !== undefined) written.set(key, text)
    else if (isSeq(pair.value) && pair.value.items.every(isScalar) && pair.value.items.some((item) => textOf(item) !== undefined)) {
      written.set(key, pair.value.items.map((item) => textOf(item) ?? (item as Scalar).value))
    }
  }
  return written
}

/** Keys that appear twice in one mapping, at any depth, with where each copy starts. */
function duplicateKeys(document: Document): Array<{ key: string; offset: number; first: number }> {
  const duplicates: Array<{ key: string; offset: number; first: number }> = []
  visit(document, {
    Map(_, map) {
      const seen = new Map<string, number>()
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue
        const key = String(pair.key.value)
        const offset = pair.key.range?.[0] ?? 0
        const first = seen.get(key)
        if (first === undefined) seen.set(key, offset)
        else duplicates.push({ key, offset, first })
      }
    }
  })
  return duplicates
}

/** Line and column of a byte offset, so decoding messages point into the file like every other message. */
function bytePlace(bytes: Uint8Array, offset: number, encoding: string): { line: number; column: number } {
  const prefix = bytes.subarray(0, Math.max(0, Math.min(offset, bytes.length)))
  let text: string
  if (/^utf-?16/i.test(encoding)) text = new TextDecoder(/be$/i.test(encoding) ? 'utf-16be' : 'utf-16le').decode(prefix.subarray(0, prefix.length - (prefix.length % 2)))
  else if (/^utf-?8$/i.test(encoding)) text = new TextDecoder('utf-8').decode(prefix)
  else text = Buffer.from(prefix).toString('latin1')
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  return textPlace(clean, clean.length)
}

/** Line and column of a character index in text with "\n" line ends. */
function textPlace(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index)
  const lineStart = before.lastIndexOf('\n') + 1
  return { line: before.split('\n').length, column: before.length - lineStart + 1 }
}

/**
 * The message for a date `key` gives that cannot be read, with what happens to it (`then`), in
 * words that blame the part that is wrong: never the day when the day is right.
 */
function notADate(key: string, value: string, then = ''): string {
  const problem = dateProblem(value)
  const start = `Frontmatter "${quote(key)}" is "${quote(value)}"`
  if (problem.kind === 'time') {
    return `${start}, whose day is right but whose time "${quote(problem.time)}" Gazette cannot read${then}. Write the time as HH:MM or HH:MM:SS, with an offset such as Z, +02:00 or UTC if it has one: "${problem.day}T09:30:00+02:00".`
  }
  const fix = problem.kind === 'day' ? ' with a day that exists in that month' : ', such as "2024-05-01" or "2024-05-01T09:30:00Z"'
  return `${start}, which is not a real ISO 8601 date${then}. Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ${fix}.`
}

/** A value as a message quotes it: control characters escaped, long values cut short. */
function quote(value: string): string {
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  const chars = [...visible]
  return chars.length > maxQuoted ? `${chars.slice(0, maxQuoted).join('')}…` : visible
}

/** A heading's text as shown, without an id written after it (`# Storm {#top}` is "Storm"). */
function headingText(heading: MdastContent): string {
  const text = toString(heading)
  return splitHeadingId(text)?.text ?? text
}

/** Whether a block shows a reader anything: a letter or digit, an image, raw HTML or a rule. Stops at the first. */
function showsSomething(node: MdastContent): boolean {
  const stack: MdastContent[] = [node]
  while (stack.length > 0) {
    const next = stack.pop()!
    if (next.type === 'image' || next.type === 'imageReference' || next.type === 'html' || next.type === 'thematicBreak') return true
    if ('value' in next && /[\p{L}\p{N}]/u.test(next.value)) return true
    // One by one: a paragraph of 80,000 links spread as arguments overflowed the stack.
    if ('children' in next) for (const child of next.children as MdastContent[]) stack.push(child)
  }
  return false
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** One stable form per tag: Unicode NFC, single spaces; duplicates by case or form dropped. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const result: string[] = []
  for (const tag of tags) {
    const display = tag.normalize('NFC').replace(/\s+/g, ' ').trim()
    const key = tagKey(display)
    if (!display || seen.has(key)) continue
    seen.add(key)
    result.push(display)
  }
  return result
}

const tagKeys = new Map<string, string>()

/** The identity of a tag: `Café`, `café`, `CAFÉ` and `Cafe\u0301` share one key. */
export function tagKey(tag: string): string {
  // Remembered: a site names a few hundred tags tens of thousands of times.
  let key = tagKeys.get(tag)
  if (key === undefined) {
    key = tag.normalize('NFC').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim()
    if (tagKeys.size < 100_000) tagKeys.set(tag, key)
  }
  return key
}

/** An engine for gray-matter that never runs: code in frontmatter is refused before gray-matter sees it. */
function refuse(): never {
  throw new Error('frontmatter in a language other than YAML is never evaluated')
}
