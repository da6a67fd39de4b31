import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/story/decode-text.js';

const utf16 = (text: string, encoding: 'utf-16le' | 'utf-16be'): Uint8Array => {
  const bytes = Buffer.from(text, 'utf16le');
  return new Uint8Array(encoding === 'utf-16le' ? bytes : bytes.swap16());
};

// A headline and a paragraph of a story in each script, as a seed holds them.
const STORIES = {
  Russian: 'Пожар в порту\n\nКрупный пожар на химическом складе в портовом районе вынудил эвакуировать более 300 жителей, сообщила пожарная служба.\n',
  Arabic: 'حريق في الميناء\n\nأجبر حريق كبير في مستودع للمواد الكيميائية في منطقة الميناء على إجلاء أكثر من 300 شخص، حسبما ذكرت خدمة الإطفاء.\n',
  Greek: 'Φωτιά στο λιμάνι\n\nΜεγάλη πυρκαγιά σε αποθήκη χημικών στην περιοχή του λιμανιού ανάγκασε την εκκένωση 300 κατοίκων.\n',
  Hebrew: 'שריפה בנמל\n\nשריפה גדולה במחסן כימיקלים באזור הנמל אילצה את פינוי יותר מ-300 תושבים.\n',
  Chinese: '港口火灾\n\n周一晚间，汉堡港区一座化学品仓库发生大火，消防部门表示，300多名居民被迫撤离。\n',
  'Chinese with no ASCII at all': '港口火灾迫使三百多名居民撤离，消防部门表示。',
  Japanese: '港で火災\n\n月曜日の夜、ハンブルク港の化学品倉庫で大規模な火災が発生し、住民300人以上が避難した。\n',
  Korean: '항구 화재\n\n월요일 밤 함부르크 항구의 화학 창고에서 큰 화재가 발생해 300명 이상의 주민이 대피했다.\n',
  Hindi: 'बंदरगाह में आग\n\nएक रासायनिक गोदाम में भीषण आग लगने से 300 से अधिक निवासियों को निकालना पड़ा।\n',
  English: 'Fire forces evacuation\n\nFirefighters battled a large blaze at a chemical warehouse overnight, forcing 300 residents out.\n',
  'Russian headline alone': 'Пожар в порту',
};

describe('decodeText: UTF-16 without a byte-order mark', () => {
  it.each(Object.entries(STORIES).flatMap(([script, text]) => (['utf-16le', 'utf-16be'] as const).map((encoding) => [script, encoding, text] as const)))(
    '%s in %s',
    (_script, encoding, text) => {
      const result = decodeText(utf16(text, encoding));
      expect(result.error).toBeUndefined();
      expect(result.encoding).toBe(encoding);
      expect(result.text).toBe(text);
    },
  );

  // Legacy sets of other scripts turn into Korean syllables when read as UTF-16, and Latin ones into Chinese.
  const LEGACY: Array<[string, string]> = [
    ['windows-1251', 'Пожар в порту: эвакуированы сотни жителей, сообщила пожарная служба.'],
    ['koi8-r', 'Пожар в порту: эвакуированы сотни жителей, сообщила пожарная служба.'],
    ['windows-1256', 'أجبر حريق كبير في مستودع للمواد الكيميائية على إجلاء أكثر من 300 شخص.'],
    ['windows-1253', 'Μεγάλη πυρκαγιά σε αποθήκη χημικών ανάγκασε την εκκένωση κατοίκων.'],
    ['windows-1252', 'Großbrand im Hafen – „Wir hörten einen Knall“, sagte Müller.'],
    ['shift_jis', '月曜日の夜、ハンブルク港の化学品倉庫で大規模な火災が発生した。'],
    ['gb18030', '周一晚间，汉堡港区一座化学品仓库发生大火，消防部门表示。'],
  ];
  it.each(LEGACY)('%s text of an even number of bytes is not read as UTF-16', (encoding, text) => {
    for (const padded of [text, `${text} `]) {
      const bytes = new Uint8Array(iconv.encode(padded, encoding));
      if (bytes.length % 2 === 1) continue;
      const result = decodeText(bytes);
      expect(result.encoding).not.toMatch(/16/);
      expect(result.text).toBe(padded);
    }
  });

  it('refuses binary data whatever its byte order', () => {
    // A PNG's header and the start of its chunks, then bytes of every value.
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x5c, 0x72, 0xa8, 0x66]);
    const counting = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
    const swapped = Uint8Array.from(counting, (_, i) => counting[i ^ 1]!);
    for (const bytes of [png.subarray(0, 32), counting, swapped]) expect(decodeText(bytes).error).toBeDefined();
  });
});

describe('decodeText: stray NUL bytes in UTF-8 text', () => {
  const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
  const joined = (...parts: Array<string | number[]>): Uint8Array =>
    Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));
  const LEDE = 'Firefighters battled a large blaze overnight, the fire service said.';

  it('removes a NUL at the end of a paragraph, with a warning at its byte', () => {
    const result = decodeText(joined(`Port fire\n\n${LEDE}`, [0], '\n\nNo injuries were reported.\n'));
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(`Port fire\n\n${LEDE}\n\nNo injuries were reported.\n`);
    expect(result.warnings).toEqual([{ ruleId: 'encoding-nul-removed', offset: 11 + utf8(LEDE).length, message: 'removed 1 stray NUL byte from UTF-8 text' }]);
  });

  it('removes a few, in text of other scripts and after a byte-order mark, counting them', () => {
    const result = decodeText(joined([0xef, 0xbb, 0xbf], 'Пожар в порту.', [0], ' Жители', [0, 0], ' эвакуированы.'));
    expect(result.text).toBe('Пожар в порту. Жители эвакуированы.');
    expect(result.warnings).toEqual([{ ruleId: 'encoding-nul-removed', offset: 3 + utf8('Пожар в порту.').length, message: 'removed 3 stray NUL bytes from UTF-8 text' }]);
  });

  it('places a repair of mojibake after a removed NUL at its byte in the file', () => {
    const result = decodeText(joined('a', [0], 'b CafÃ©'));
    expect(result.text).toBe('ab Café');
    expect(result.warnings.map((w) => [w.ruleId, w.offset])).toEqual([['encoding-nul-removed', 1], ['encoding-mojibake', 7]]);
  });

  it.each<[string, Uint8Array]>([
    ['many NUL bytes', joined(LEDE, Array.from({ length: 9 }, () => 0), LEDE)],
    ['a NUL among other control bytes', joined(LEDE, [0, 0x01, 0x02], LEDE)],
    ['UTF-16 that is not text', Uint8Array.from([0x41, 0, 0, 0, 0x42, 0, 0x03, 0])],
  ])('refuses %s as binary', (_name, bytes) => {
    expect(decodeText(bytes).error).toMatchObject({ ruleId: 'encoding-nul' });
  });

  it('refuses any NUL when asked to, as for content files', () => {
    expect(decodeText(joined(LEDE, [0]), { strayNul: 'refuse' })).toMatchObject({ text: '', error: { ruleId: 'encoding-nul', offset: utf8(LEDE).length } });
  });
});
