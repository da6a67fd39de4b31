import type { Element, Nodes, Parents, Properties } from 'hast'
import { htmlVoidElements } from 'html-void-elements'
import { find, html, svg, type Schema } from 'property-information'

/**
 * The HTML of a hast tree, character for character what `toHtml(tree)` of hast-util-to-html
 * writes with its default options, and the one place Gazette makes HTML from a tree: every text
 * and attribute value is escaped here.
 *
 * Why not hast-util-to-html itself: it decides for every attribute of every element what the
 * property is (a schema lookup and a new object), and escapes through options objects and
 * regular expressions made per call. That was 46 % of a render thread's time in a cold build of
 * 10,000 articles. Here each property is looked up once, and text with nothing to escape is
 * taken as it is. The tests hold this serializer to hast-util-to-html's output, on random trees
 * and on every page of a built site.
 */
export function serializeHtml(tree: Nodes): string {
  return new Serializer().node(tree, undefined)
}

/** What the serializer needs to know of a property, decided once per schema. */
interface Attribute {
  /** The attribute's name, escaped. */
  readonly name: string
  readonly attribute: string
  readonly boolean: boolean
  readonly overloadedBoolean: boolean
  readonly commaSeparated: boolean
}

const voids = new Set(htmlVoidElements)
/** Where SVG content goes back to HTML (its children are HTML again). */
const htmlIntegrationPoints = new Set(['desc', 'foreignObject', 'title'])

/** Characters escaped in text, in attribute names, in double-quoted values and in comments. */
const textSpecial = /[<&]/g
const nameSpecial = /[\0\t\n\f\r "&'/<=>`]/g
const valueSpecial = /[\0"&'`]/g
const commentSpecial = /^>|^->|<!--|-->|--!>|<!-$/g
const angleBracket = /[<>]/g

/** A numeric character reference, as hast-util-to-html writes one: `&#x3C;`. */
const reference = (character: string): string => `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`
const escapeAngles = (match: string): string => match.replace(angleBracket, reference)

function escape(value: string, special: RegExp): string {
  special.lastIndex = 0
  if (!special.test(value)) return value
  return value.replace(special, reference)
}

/** Property lookups by schema; the names in a site's trees are few and come back on every page. */
const attributesBySchema = new Map<Schema, Map<string, Attribute>>([
  [html, new Map()],
  [svg, new Map()]
])
/** Bounds the lookups kept for one schema: names outside the templates (data-*) could be many. */
const maxKeptAttributes = 2048

function attributeOf(schema: Schema, key: string): Attribute {
  const kept = attributesBySchema.get(schema)!
  let attribute = kept.get(key)
  if (attribute) return attribute
  const info = find(schema, key)
  attribute = {
    name: escape(info.attribute, nameSpecial),
    attribute: info.attribute,
    boolean: info.boolean,
    overloadedBoolean: info.overloadedBoolean,
    commaSeparated: info.commaSeparated
  }
  if (kept.size < maxKeptAttributes) kept.set(key, attribute)
  return attribute
}

class Serializer {
  schema: Schema = html

  node(node: Nodes, parent: Parents | undefined): string {
    switch (node.type) {
      case 'root':
        return this.children(node)
      case 'element':
        return this.element(node)
      case 'text':
      case 'raw':
        // `raw` is text unless dangerous HTML is allowed, which Gazette never allows.
        return parent?.type === 'element' && (parent.tagName === 'script' || parent.tagName === 'style') ? node.value : escape(node.value, textSpecial)
      case 'comment':
        commentSpecial.lastIndex = 0
        return `<!--${node.value.replace(commentSpecial, escapeAngles)}-->`
      case 'doctype':
        return '<!doctype html>'
      default:
        throw new Error(`Cannot compile unknown node \`${(node as { type?: unknown }).type}\``)
    }
  }

  children(parent: Parents | undefined): string {
    let out = ''
    if (!parent?.children) return out
    for (const child of parent.children) out += this.node(child, parent)
    return out
  }

  element(node: Element): string {
    const schema = this.schema
    const tagName = node.tagName
    let selfClosing = schema.space === 'svg' ? false : voids.has(tagName) || voids.has(tagName.toLowerCase())
    if (schema.space === 'html' && tagName === 'svg') this.schema = svg
    const attributes = this.attributes(node.properties)
    if (this.schema.space === 'svg' && htmlIntegrationPoints.has(tagName)) this.schema = html
    // A template's children are its content, a fragment of its own; hast-util-to-html writes only that.
    const content = schema.space === 'html' && tagName === 'template' ? this.children(node.content as Parents | undefined) : this.children(node)
    this.schema = schema
    if (content) selfClosing = false
    const open = attributes ? `<${tagName} ${attributes}>` : `<${tagName}>`
    return selfClosing ? open + content : `${open}${content}</${tagName}>`
  }

  attributes(properties: Properties | undefined): string {
    let out = ''
    if (!properties) return out
    for (const key in properties) {
      const value = properties[key]
      if (value === null || value === undefined) continue
      const attribute = this.attribute(key, value)
      if (attribute) out = out ? `${out} ${attribute}` : attribute
    }
    return out
  }

  attribute(key: string, given: Properties[string]): string {
    const info = attributeOf(this.schema, key)
    let value: unknown = given
    if (info.overloadedBoolean && (value === info.attribute || value === '')) value = true
    else if ((info.boolean || info.overloadedBoolean) && (typeof value !== 'string' || value === info.attribute || value === '')) value = Boolean(value)
    if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value))) return ''
    if (value === true) return info.name
    const text = Array.isArray(value) ? (info.commaSeparated ? commaSeparated(value) : value.join(' ').trim()) : String(value)
    return `${info.name}="${escape(text, valueSpecial)}"`
  }
}

/** A comma-separated list as comma-separated-tokens writes it: a trailing empty token is kept. */
function commaSeparated(values: readonly unknown[]): string {
  const tokens = values[values.length - 1] === '' ? [...values, ''] : values
  return tokens.join(', ').trim()
}
