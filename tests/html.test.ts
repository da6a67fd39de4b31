import fc from 'fast-check'
import type { Element, ElementContent, Nodes, Properties, Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h, s } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { serializeHtml } from '../src/html.js'

// Characters every escape rule is about, beside plain ones, astral ones and lone surrogates.
const unit = fc.constantFrom('a', 'Z', '0', ' ', '<', '>', '&', '"', "'", '`', '=', '/', '!', '-', '\0', '\t', '\n', '\f', '\r', '\u00a0', 'é', '東', '𝒜', '\ud800', '\udc00', '\u2028')
const text = fc.string({ unit, maxLength: 12 })

// HTML and SVG names, in both cases: void, raw-text, template, integration points, unknown.
const tagName = fc.constantFrom('div', 'p', 'a', 'br', 'BR', 'img', 'hr', 'input', 'meta', 'link', 'wbr', 'script', 'style', 'template', 'svg', 'path', 'title', 'desc', 'foreignObject', 'circle', 'span', 'Custom-El', 'x')
// Properties of every kind: boolean, overloaded boolean, booleanish, lists split by spaces and by
// commas, numbers, data-* in both spellings, SVG's case-sensitive names, and names to escape.
const propertyName = fc.constantFrom('id', 'className', 'hidden', 'download', 'draggable', 'contentEditable', 'accept', 'coords', 'rel', 'srcSet', 'sizes', 'width', 'tabIndex', 'ariaHidden', 'ariaDescribedBy', 'dataFooBar', 'data-foo-bar', 'dataX', 'viewBox', 'strokeDashArray', 'xLinkHref', 'xmlLang', 'htmlFor', 'checked', 'async', 'weird name', 'a"b', 'x=y', '', 'on<x>')
const propertyValue = fc.oneof(text, fc.boolean(), fc.integer({ min: -3, max: 300 }), fc.constant(Number.NaN), fc.constant(null), fc.constant(undefined), fc.array(text, { maxLength: 3 }), fc.constantFrom('', 'hidden', 'download', 'true', 'false'))
const properties = fc.dictionary(propertyName, propertyValue, { maxKeys: 4 }) as fc.Arbitrary<Properties>

const { tree } = fc.letrec<{ tree: Nodes; content: ElementContent }>((go) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    go('content'),
    fc.array(go('content'), { maxLength: 4 }).map((children): Root => ({ type: 'root', children: [{ type: 'doctype' }, ...children] }))
  ),
  content: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map((value) => ({ type: 'text' as const, value })),
    text.map((value) => ({ type: 'comment' as const, value })),
    fc.constantFrom('-->', '<!--', '--!>', '<!-', '>x', '->x').map((value) => ({ type: 'comment' as const, value })),
    fc.record({ tagName, properties, children: fc.array(go('content'), { maxLength: 4 }) }).map((element): Element => ({ type: 'element', ...element }))
  )
}))

describe('serializeHtml', () => {
  it('writes what hast-util-to-html writes, on random trees', () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(serializeHtml(node)).toBe(toHtml(node))
      }),
      { numRuns: 5000 }
    )
  })

  it('escapes text, attribute values and names, and leaves script and style text as it is', () => {
    const node = h('p', { title: 'a "b" & \'c\' `d`', dataNote: '<x>' }, ['1 < 2 & 3 > 2', h('script', 'if (a < b && c) {}'), h('style', 'a > b {}')])
    const html = serializeHtml(node)
    expect(html).toBe('<p title="a &#x22;b&#x22; &#x26; &#x27;c&#x27; &#x60;d&#x60;" data-note="<x>">1 &#x3C; 2 &#x26; 3 > 2<script>if (a < b && c) {}</script><style>a > b {}</style></p>')
    expect(html).toBe(toHtml(node))
  })

  it('writes boolean attributes bare, lists joined, void elements without an end tag', () => {
    const node = h('div', [h('input', { disabled: true, hidden: false, accept: ['a', 'b'], className: ['x', 'y'] }), h('a', { download: '' }, 'f'), h('img', { src: 'a.png', width: 10 })])
    expect(serializeHtml(node)).toBe('<div><input disabled accept="a, b" class="x y"><a download>f</a><img src="a.png" width="10"></div>')
    expect(serializeHtml(node)).toBe(toHtml(node))
  })

  it('writes SVG with its own names, and its title as HTML', () => {
    const node = h('p', [s('svg', { viewBox: '0 0 10 10', ariaHidden: 'true' }, [s('title', 'Icon <1>'), s('path', { d: 'M0 0', strokeLinecap: 'round' })])])
    expect(serializeHtml(node)).toBe('<p><svg viewBox="0 0 10 10" aria-hidden="true"><title>Icon &#x3C;1></title><path d="M0 0" stroke-linecap="round"></path></svg></p>')
    expect(serializeHtml(node)).toBe(toHtml(node))
    // Inside foreignObject, names and void elements are HTML's again; in SVG they are not.
    const mixed: Element = { type: 'element', tagName: 'svg', properties: {}, children: [
      { type: 'element', tagName: 'foreignObject', properties: { strokeDashArray: '1' }, children: [
        { type: 'element', tagName: 'span', properties: { strokeDashArray: '2' }, children: [] },
        { type: 'element', tagName: 'br', properties: {}, children: [] }
      ] },
      { type: 'element', tagName: 'br', properties: {}, children: [] }
    ] }
    expect(serializeHtml(mixed)).toBe('<svg><foreignObject stroke-dasharray="1"><span strokeDashArray="2"></span><br></foreignObject><br></br></svg>')
    expect(serializeHtml(mixed)).toBe(toHtml(mixed))
  })

  it('makes a comment that cannot close early', () => {
    const node: Root = { type: 'root', children: [{ type: 'comment', value: 'a --> b <!-- c --!> d' }] }
    expect(serializeHtml(node)).toBe('<!--a --&#x3E; b &#x3C;!-- c --!&#x3E; d-->')
    expect(serializeHtml(node)).toBe(toHtml(node))
  })

  it('writes a raw node as escaped text', () => {
    const node: Root = { type: 'root', children: [{ type: 'raw', value: '<script>alert(1)</script>' }] }
    expect(serializeHtml(node)).toBe('&#x3C;script>alert(1)&#x3C;/script>')
  })

  it('refuses a node it does not know', () => {
    expect(() => serializeHtml({ type: 'unknown' } as unknown as Root)).toThrow(/unknown node/)
  })
})
