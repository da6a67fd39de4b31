import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText } from '../../src/story/decode-text.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...parts: Array<number[] | Uint8Array>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const utf16le = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string): Uint8Array => {
  const le = utf16le(s);
  const be = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
};
/** Simulates the classic bug: UTF-8 bytes read as Windows-1252 and saved again as UTF-8. */
const mojibake = (s: string): string => iconv.decode(Buffer.from(s, 'utf8'), 'windows-1252');

describe('decodeText: encodings', () => {
  it.each([
    ['plain UTF-8', utf8('naïve café — “quoted”'), 'naïve café — “quoted”', 'utf-8'],
    ['UTF-8 BOM stripped', bytes([0xef, 0xbb, 0xbf], utf8('Tokyo')), 'Tokyo', 'utf-8'],
    ['UTF-16LE BOM', bytes([0xff, 0xfe], utf16le('Zürich ✓')), 'Zürich ✓', 'utf-16le'],
    ['UTF-16BE BOM', bytes([0xfe, 0xff], utf16be('Zürich ✓')), 'Zürich ✓', 'utf-16be'],
    ['UTF-16LE without BOM', utf16le('Hello, world. Ångström'), 'Hello, world. Ångström', 'utf-16le'],
    ['UTF-16BE without BOM', utf16be('Hello, world. Ångström'), 'Hello, world. Ångström', 'utf-16be'],
    ['UTF-16 surrogate pair', bytes([0xff, 0xfe], utf16le('emoji 😀 ok')), 'emoji 😀 ok', 'utf-16le'],
    ['empty input', new Uint8Array(0), '', 'utf-8'],
    ['literal U+FFFD in source is kept', utf8('a\uFFFDb'), 'a\uFFFDb', 'utf-8'],
    ['4-byte UTF-8', utf8('👍 São Paulo'), '👍 São Paulo', 'utf-8'],
  ])('%s', (_name, input, text, encoding) => {
    const result = decodeText(input);
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(text);
    expect(result.encoding).toBe(encoding);
    expect(result.warnings).toEqual([]);
  });
});

describe('decodeText: UTF-8 with stray Windows-1252 bytes', () => {
  const utf8Text = 'Café owners in München said prices rose – “sharply” – on Monday. The mayor';
  const mixed = bytes(utf8(utf8Text), [0x92], utf8('s office declined to comment.'));

  it('reads the UTF-8 as UTF-8 and the stray byte as Windows-1252, with a warning at that byte', () => {
    const result = decodeText(mixed);
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(`${utf8Text}’s office declined to comment.`);
    expect(result.warnings).toEqual([{ ruleId: 'encoding-legacy', offset: utf8(utf8Text).length, message: 'text is UTF-8 with 1 byte of Windows-1252 in it, read as such' }]);
  });

  it('reads Windows-1252 text that forms a UTF-8 sequence by chance as Windows-1252', () => {
    const source = 'Die Straße „groß“ und süß, sagte er.';
    const result = decodeText(new Uint8Array(iconv.encode(source, 'windows-1252')));
    expect(result.text).toBe(source);
    expect(result.encoding).toBe('windows-1252');
  });

  it('does not guess at a stray byte Windows-1252 leaves undefined', () => {
    const result = decodeText(bytes(utf8(utf8Text), [0x81], utf8('s office.')));
    expect(result.text).not.toContain('\uFFFD');
    expect(result.encoding).not.toBe('utf-8');
  });
});

describe('decodeText: legacy sets other than Latin-1', () => {
  // A news sentence or a headline in each language, saved in a set its readers used before UTF-8.
  it.each([
    ['Japanese, Shift_JIS', 'shift_jis', '東京都は月曜日、新しい駅の開業を発表した。多くの利用者が訪れた。', 'Shift_JIS'],
    ['Japanese, EUC-JP', 'euc-jp', '東京都は月曜日、新しい駅の開業を発表した。多くの利用者が訪れた。', 'EUC-JP'],
    ['Chinese, GB18030', 'gb18030', '北京市政府周一宣布了新的交通规则。许多市民表示支持。', 'GB18030'],
    ['Chinese, Big5', 'big5', '台北市政府週一宣布了新的交通規則。許多市民表示支持。', 'Big5'],
    ['Korean, EUC-KR', 'euc-kr', '서울시는 월요일 새로운 지하철 노선을 발표했다. 많은 시민들이 환영했다.', 'EUC-KR'],
    ['Russian, KOI8-R', 'koi8-r', 'Мэр Москвы Сергей Собянин открыл новую станцию метро в понедельник.', 'KOI8-R'],
    ['Russian, Windows-1251', 'windows-1251', 'Мэр Москвы Сергей Собянин открыл новую станцию метро в понедельник.', 'windows-1251'],
    ['a Russian headline, Windows-1251', 'windows-1251', 'Новости Москвы', 'windows-1251'],
    ['Greek, ISO-8859-7', 'iso-8859-7', 'Ο δήμαρχος της Αθήνας ανακοίνωσε την Τρίτη ότι το μετρό θα επεκταθεί στον Πειραιά.', 'ISO-8859-7'],
    ['Hebrew, Windows-1255 (letters as in ISO-8859-8)', 'windows-1255', 'ראש העיר תל אביב הודיע ביום שני על קו רכבת חדש שייפתח בשנה הבאה.', 'ISO-8859-8'],
    ['Polish, ISO-8859-2', 'iso-8859-2', 'Prezydent Krakowa otworzył nowy most na Wiśle w poniedziałek. Mieszkańcy są zadowoleni, a władze zapowiadają kolejne inwestycje.', 'ISO-8859-2'],
    ['Czech, Windows-1250', 'windows-1250', 'Primátor Prahy v pondělí oznámil, že nová linka metra bude otevřena příští rok. Občané jsou spokojeni.', 'windows-1250'],
  ])('reads %s as it was written, with a warning naming the set', (_name, set, source, named) => {
    const result = decodeText(new Uint8Array(iconv.encode(source, set)));
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(source);
    expect(result.encoding).toBe(named);
    expect(result.warnings).toEqual([{ ruleId: 'encoding-legacy', offset: expect.any(Number), message: `text is not valid UTF-8; decoded as ${named}` }]);
  });

  it('never reads a broken sequence of the detected set as a replacement character', () => {
    const japanese = iconv.encode('東京都は月曜日、新しい駅の開業を発表した。', 'shift_jis');
    // A lead byte with nothing after it: the text as Shift_JIS would end in U+FFFD.
    const result = decodeText(bytes(japanese, [0x81]));
    expect(result.text).not.toContain('\uFFFD');
    expect(result.error === undefined ? result.encoding : result.error.ruleId).not.toBe('Shift_JIS');
  });

  // Latin sets share most letters: text in Latin-1 must never be read as its neighbours (è as č).
  it.each([
    ['French', 'Le maire de Lyon a annoncé mercredi que les travaux du tramway commenceront à la rentrée. « C’est une étape décisive », a-t-il déclaré.'],
    ['a French phrase', 'Déjà vu à la crème brûlée.'],
    ['German', 'Der Bürgermeister von München kündigte am Dienstag an, dass die Straßenbahn über die Isar verlängert wird.'],
    ['a German greeting', 'Grüße aus Köln.'],
    ['Spanish', 'El alcalde de Málaga anunció el miércoles que la línea de metro llegará al puerto en otoño.'],
    ['Portuguese', 'O presidente da câmara de Lisboa anunciou que as obras começarão em março. Não haverá atrasos.'],
    ['Italian', 'Il sindaco di Napoli ha annunciato che i lavori saranno completati entro l’estate. È una buona notizia.'],
    ['Swedish', 'Borgmästaren i Malmö sade på tisdagen att spårvägen öppnar i höst.'],
    ['many languages at once', 'Smörgåsbord in Århus: naïve résumé of the café’s crème brûlée, à la carte; piñata, façade, jalapeño.'],
    ['English with typography', 'The mayor said the “new” plan — approved on Monday — would cost €3 million.'],
    ['an English headline', 'Café reopens'],
  ])('keeps %s in Windows-1252 a Latin-1 family text, and every start of it', (_name, source) => {
    // Every third prefix, in both sets: from one byte above ASCII to the whole text.
    for (let length = 1; length <= source.length; length += length === source.length ? 1 : Math.min(3, source.length - length)) {
      for (const set of ['windows-1252', 'latin1']) {
        const text = source.slice(0, length);
        const input = new Uint8Array(iconv.encode(text, set));
        if (set === 'latin1' && iconv.decode(Buffer.from(input), 'latin1') !== text) continue; // "€" and curly quotes are not in Latin-1
        const result = decodeText(input);
        expect(result.error).toBeUndefined();
        expect(result.text).toBe(text);
      }
    }
  });
});

describe('decodeText: legacy encodings', () => {
  it('decodes Windows-1252 curly quotes and warns with the offset of the first non-UTF-8 byte', () => {
    const input = new Uint8Array(iconv.encode('He said \u201chello\u201d \u2014 caf\u00e9', 'windows-1252'));
    const result = decodeText(input);
    expect(result.text).toBe('He said “hello” — café');
    expect(result.encoding).toBe('windows-1252');
    expect(result.error).toBeUndefined();
    expect(result.warnings).toEqual([
      { ruleId: 'encoding-legacy', offset: 8, message: expect.stringContaining('windows-1252') },
    ]);
  });

  it('decodes Latin-1 text without 0x80-0x9F bytes and names a Latin-1 family encoding', () => {
    const source = 'Le caf\u00e9 na\u00eff est d\u00e9j\u00e0 ferm\u00e9, \u00e0 la fran\u00e7aise.';
    const result = decodeText(new Uint8Array(iconv.encode(source, 'latin1')));
    expect(result.text).toBe(source);
    expect(['windows-1252', 'iso-8859-1']).toContain(result.encoding);
    expect(result.warnings.map((w) => w.ruleId)).toEqual(['encoding-legacy']);
    expect(result.warnings[0]!.message).toContain(result.encoding);
    expect(result.warnings[0]!.offset).toBe(6);
  });

  it.each([
    'The caf\u00e9 owners fear \u201cthe worst\u201d as the town\u2019s busiest bridge closes \u2014 for eighteen months.',
    'Don\u2019t expect the ferry before spring\u2013summer, the mayor said.',
    'El ni\u00f1o dijo \u201cno\u201d \u2014 y la se\u00f1ora Garc\u00eda no est\u00e1 de acuerdo, don\u2019t you see.',
  ])('decodes text saved on an old Mac (Mac OS Roman), which chardet does not name: %j', (source) => {
    const result = decodeText(new Uint8Array(iconv.encode(source, 'macintosh')));
    expect(result.text).toBe(source);
    expect(result.encoding).toBe('macintosh');
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringContaining('Mac OS Roman')]);
  });

  it.each([
    ['Windows-1252 with its own quotes and dashes', 'windows-1252', 'He said \u201chello\u201d \u2014 caf\u00e9 in the town\u2019s square, \u201cgoodbye\u201d \u2013 then left.'],
    ['Latin-1 capitals of Spanish and Portuguese', 'latin1', 'ESPA\u00d1A y CORA\u00c7\u00d5ES: \u00d3scar vio la \u00d3PERA en A CORU\u00d1A.'],
  ])('still reads %s as it is', (_name, encoding, source) => {
    const result = decodeText(new Uint8Array(iconv.encode(source, encoding)));
    expect(result.text).toBe(source);
    expect(result.encoding).not.toBe('macintosh');
  });

  it('reports bytes undefined in Windows-1252 as encoding-invalid instead of emitting U+FFFD', () => {
    const result = decodeText(bytes(utf8('abc '), [0x81], utf8(' def')));
    expect(result.text).toBe('');
    expect(result.text).not.toContain('\uFFFD');
    expect(result.error).toEqual({ ruleId: 'encoding-invalid', offset: 4, message: expect.any(String) });
  });
});

describe('decodeText: errors', () => {
  it.each([
    ['NUL in UTF-8 text', bytes(utf8('hello'), [0], utf8('world')), 'encoding-nul', 5],
    ['NUL after a BOM is offset from the start of the input', bytes([0xef, 0xbb, 0xbf], utf8('ab'), [0]), 'encoding-nul', 5],
    ['invalid UTF-8 with NUL bytes', bytes(utf8('ab'), [0xff, 0x00, 0x41, 0x42]), 'encoding-invalid', 2],
    ['unpaired surrogate in UTF-16LE', bytes([0xff, 0xfe], [0x41, 0, 0x00, 0xd8, 0x41, 0]), 'encoding-invalid', 4],
    ['odd byte count in UTF-16LE', bytes([0xff, 0xfe], [0x41, 0, 0x42]), 'encoding-invalid', 4],
    ['NUL character in UTF-16', bytes([0xff, 0xfe], [0x41, 0, 0, 0, 0x42, 0]), 'encoding-nul', 4],
  ])('%s', (_name, input, ruleId, offset) => {
    const result = decodeText(input, { strayNul: 'refuse' });
    expect(result.error).toMatchObject({ ruleId, offset });
    expect(result.text).toBe('');
  });

  it.each([
    ['overlong encoding', [0xc0, 0xaf], 'ok À¯'],
    ['encoded surrogate', [0xed, 0xa0, 0x80], 'ok í\u00a0€'],
    ['truncated sequence at end', [0xe2, 0x82], 'ok â‚'],
    ['code point above U+10FFFF (0x90 is undefined in cp1252)', [0xf4, 0x90, 0x80, 0x80], undefined],
  ])('never returns replacement characters for %s', (_name, bad, legacyText) => {
    const result = decodeText(bytes(utf8('ok '), bad));
    expect(result.text).not.toContain('\uFFFD');
    if (legacyText === undefined) {
      expect(result.error).toMatchObject({ ruleId: 'encoding-invalid', offset: 4 });
    } else {
      expect(result.error).toBeUndefined();
      expect(result.text).toBe(legacyText);
      expect(result.warnings).toEqual([{ ruleId: 'encoding-legacy', offset: 3, message: expect.stringContaining(result.encoding) }]);
    }
  });
});

describe('decodeText: mojibake repair', () => {
  it.each([
    ['right single quote', mojibake('It’s here'), 'It’s here', 1],
    ['double quotes incl. C1 0x9D', 'He said â€œhiâ€\u009d.', 'He said “hi”.', 2],
    ['e acute', mojibake('Café'), 'Café', 1],
    ['u umlaut', mojibake('München über'), 'München über', 2],
    ['em dash', mojibake('yes — no'), 'yes — no', 1],
    ['no-break space', 'price:Â\u00a010', 'price:\u00a010', 1],
    ['mixed legitimate and broken text', `naïve ${mojibake('déjà vu')}`, 'naïve déjà vu', 2],
    ['double-encoded (two passes)', mojibake(mojibake('é')), 'é', 3],
    ['emoji', mojibake('ok 😀'), 'ok 😀', 1],
    // "ß“" is DF 93 in cp1252, which is also valid UTF-8 (U+07D3): only sequences with a marker are repaired.
    ['legitimate "ß“" next to real mojibake', `„Fuß“ ${mojibake('café')}`, '„Fuß“ café', 1],
  ])('%s', (_name, source, expected, repairs) => {
    const result = decodeText(utf8(source));
    expect(result.text).toBe(expected);
    expect(result.error).toBeUndefined();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.ruleId).toBe('encoding-mojibake');
    expect(result.warnings[0]!.message).toContain(`repaired ${repairs} `);
  });

  it('locates the first repair by byte offset', () => {
    const source = `é ${mojibake('’')}`;
    const result = decodeText(utf8(source));
    // "é" is two bytes, then a space: the mojibake starts at byte 3.
    expect(result.warnings[0]).toMatchObject({ ruleId: 'encoding-mojibake', offset: 3 });
  });

  it.each([
    'Ångström',
    'São Paulo',
    'naïve café',
    'Â',
    'Â alone and Ã alone',
    'Er trat den Ball mit dem „Fuß“.',
    'Ça va? À bientôt, Æsir, Øresund, ÀÁÂ',
    'SÃO PAULO',
    '© 2024 — “quotes” ‘single’ …',
  ])('leaves legitimate text alone: %s', (source) => {
    const result = decodeText(utf8(source));
    expect(result.text).toBe(source);
    expect(result.warnings).toEqual([]);
  });
});
