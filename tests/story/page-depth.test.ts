import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../src/story/page-depth.js';

const page = (body: string): string => `<!DOCTYPE html><html><head><title>T</title></head><body>${body}</body></html>`;

/** Levels of elements below the page's root as linkedom parses it, counting the root as one. */
function parsedDepth(html: string): number {
  const depth = (node: { childNodes: Iterable<{ nodeType: number }> }): number => {
    let deepest = 0;
    for (const child of node.childNodes) if (child.nodeType === 1) deepest = Math.max(deepest, depth(child as never));
    return deepest + 1;
  };
  return depth((parseHTML(html) as unknown as { document: { documentElement: never } }).document.documentElement);
}

describe('nestsDeeperThan', () => {
  it('finds elements nested past the limit, and none at it', () => {
    expect(nestsDeeperThan(page('<div>'.repeat(100_000)), 512)).toBe(true);
    expect(nestsDeeperThan(page(`${'<b>'.repeat(300_000)}text`), 512)).toBe(true);
    // <html>, <body> and 8 <div>s: 10 open at the deepest.
    expect(nestsDeeperThan(page(`${'<div>'.repeat(8)}x${'</div>'.repeat(8)}`), 10)).toBe(false);
    expect(nestsDeeperThan(page(`${'<div>'.repeat(9)}x${'</div>'.repeat(9)}`), 10)).toBe(true);
  });

  it.each([
    ['paragraphs never closed', '<p>One'.repeat(2000)],
    ['list items never closed', `<ul>${'<li>One'.repeat(2000)}</ul>`],
    ['rows and cells never closed', `<table><tbody>${'<tr><td>a<td>b'.repeat(2000)}</table>`],
    ['terms and definitions never closed', `<dl>${'<dt>a<dd>b'.repeat(2000)}</dl>`],
    ['inline tags closed by the block around them', '<div><span><b><i>x</div>'.repeat(2000)],
    ['void elements', '<br><img src=a.png><hr><input>'.repeat(2000)],
    ['self-closing tags in SVG', `<svg>${'<path d="M0 0"/>'.repeat(2000)}</svg>`],
    ['tags in a script, a style, a comment and an attribute', `<script>${'"<div>"+'.repeat(2000)}1</script><style>${'<div>'.repeat(2000)}</style><!--${'<div>'.repeat(2000)}--><p title="${'<div>'.repeat(2000)}">x</p>`],
    ['a text area', `<textarea>${'<div>'.repeat(2000)}</textarea>`],
  ])('counts %s as the parser nests them', (_, body) => {
    const html = page(body);
    expect(parsedDepth(html)).toBeLessThan(20);
    expect(nestsDeeperThan(html, 20)).toBe(false);
  });

  it('keeps open what HTML keeps open: a self-closing <div/> outside SVG', () => {
    expect(nestsDeeperThan(page('<div/>'.repeat(200)), 100)).toBe(true);
    expect(parsedDepth(page('<div/>'.repeat(200)))).toBeGreaterThan(100);
  });

  it('never counts deeper than linkedom parses, over random tag soup', () => {
    const tags = ['div', 'p', 'span', 'li', 'ul', 'td', 'tr', 'table', 'tbody', 'b', 'svg', 'path', 'math', 'mi', 'title', 'br', 'img', 'input', 'select', 'option', 'h1', 'dd', 'dt', 'script', 'body', 'head', 'foreignObject', 'textarea', 'hr'];
    let state = 7;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state % n;
    };
    let exact = 0;
    for (let run = 0; run < 500; run++) {
      let body = '';
      for (let count = 5 + random(200); count > 0; count--) {
        const tag = tags[random(tags.length)]!;
        const kind = random(10);
        body += kind < 5 ? `<${tag}>` : kind < 8 ? `</${tag}>` : kind < 9 ? `<${tag}/>` : 'x<!-- <div> -->';
      }
      const html = page(body);
      const depth = parsedDepth(html);
      expect(nestsDeeperThan(html, depth), body).toBe(false);
      if (nestsDeeperThan(html, depth - 1)) exact++;
    }
    // It counts as deep as the parser in most: a check that never counts is not one.
    expect(exact).toBeGreaterThan(400);
  });
});
