import { Tokenizer } from 'htmlparser2';

// htmlparser2's rules for what the parser opens and closes, as linkedom builds a page with them.
const pTag = ['p'];
const formTags = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const openImpliesClose = new Map<string, ReadonlySet<string>>(
  Object.entries({
    tr: ['tr', 'th', 'td'],
    th: ['th'],
    td: ['thead', 'th', 'td'],
    body: ['head', 'link', 'script'],
    li: ['li'],
    ...Object.fromEntries(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((name) => [name, pTag])),
    ...Object.fromEntries(['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((name) => [name, formTags])),
    option: ['option'],
    optgroup: ['optgroup', 'option'],
    dd: ['dd', 'dt'],
    dt: ['dd', 'dt'],
    rt: ['rt', 'rp'],
    rp: ['rt', 'rp'],
    tbody: ['thead', 'tbody'],
    tfoot: ['thead', 'tbody'],
  }).map(([name, closes]) => [name, new Set(closes)]),
);
const voidElements = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const foreignElements = new Set(['math', 'svg']);
const integrationElements = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

const tooDeep = Symbol('too deep');

/**
 * Whether parsing `html` would nest elements more than `limit` levels deep, found in time linear
 * in its length. Why: htmlparser2, which linkedom parses with, keeps its open elements in an array
 * it adds to and takes from at the front, so a build of a page of 300,000 nested elements took
 * 113 s (100,000: 5.8 s) before the page's depth could be looked at. This follows the same rules (what closes what, void
 * elements, self-closing tags inside SVG and MathML) on a stack kept at its end, and stops at the
 * first element too deep.
 */
export function nestsDeeperThan(html: string, limit: number): boolean {
  const open: string[] = [];
  // How many of each element are open, so a close tag for one that is not costs nothing.
  const openCount = new Map<string, number>();
  // Whether the innermost SVG or MathML element, or an HTML island in one, is foreign: there a `/>` closes.
  const foreign: boolean[] = [false];
  let tagName = '';
  const push = (name: string) => {
    open.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (open.length > limit) throw tooDeep;
  };
  const pop = () => {
    const name = open.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
    return name;
  };
  const nameAt = (start: number, end: number) => html.slice(start, end).toLowerCase();
  const nothing = () => {};
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      onopentagname(start, end) {
        tagName = nameAt(start, end);
        const closes = openImpliesClose.get(tagName);
        if (closes) while (open.length > 0 && closes.has(open.at(-1)!)) pop();
        if (voidElements.has(tagName)) return;
        push(tagName);
        if (foreignElements.has(tagName)) foreign.push(true);
        else if (integrationElements.has(tagName)) foreign.push(false);
      },
      onselfclosingtag() {
        if (foreign.at(-1) === true && open.at(-1) === tagName) pop();
      },
      onclosetag(start, end) {
        const name = nameAt(start, end);
        if (foreignElements.has(name) || integrationElements.has(name)) foreign.pop();
        if (voidElements.has(name) || !openCount.get(name)) return;
        while (pop() !== name);
      },
      onopentagend: nothing,
      onattribname: nothing,
      onattribdata: nothing,
      onattribentity: nothing,
      onattribend: nothing,
      ontext: nothing,
      ontextentity: nothing,
      oncdata: nothing,
      oncomment: nothing,
      ondeclaration: nothing,
      onprocessinginstruction: nothing,
      onend: nothing,
    },
  );
  try {
    tokenizer.write(html);
    tokenizer.end();
  } catch (cause) {
    if (cause === tooDeep) return true;
    throw cause;
  }
  return false;
}
