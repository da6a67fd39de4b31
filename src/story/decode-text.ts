import chardet from 'chardet';
import iconv from 'iconv-lite';

/** A problem found while decoding, located by byte offset in the input. */
export interface DecodeIssue {
  message: string;
  offset: number;
  ruleId: string;
}

/** Decoded text plus how it was decoded; `text` is '' whenever `error` is set. */
export interface DecodedText {
  text: string;
  encoding: string;
  warnings: DecodeIssue[];
  error?: DecodeIssue;
}

/** How decodeText reads what it is given. */
export interface DecodeOptions {
  /**
   * A few NUL bytes in text that is otherwise UTF-8: 'remove' (the default) takes them out, with a
   * warning at the first; 'refuse' makes any NUL byte an error, for a file a person keeps.
   */
  readonly strayNul?: 'remove' | 'refuse';
}

type Utf16Endian = 'utf-16le' | 'utf-16be';

const REPLACEMENT = '\uFFFD';

/** Decodes raw article bytes to text, detecting BOMs, UTF-16 and legacy sets (Windows-1252 and others chardet names), and repairing UTF-8 mojibake. */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const strayNul = options.strayNul ?? 'remove';
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8(bytes.subarray(3), 3, strayNul);
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return decodeUtf16(bytes.subarray(2), 'utf-16le', 2);
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return decodeUtf16(bytes.subarray(2), 'utf-16be', 2);
  }
  const endian = sniffUtf16(bytes);
  if (endian !== undefined) return decodeUtf16(bytes, endian, 0);
  return decodeUtf8(bytes, 0, strayNul);
}

function decodeUtf8(bytes: Uint8Array, base: number, strayNul: 'remove' | 'refuse'): DecodedText {
  const bad = firstInvalidUtf8(bytes);
  const nul = bytes.indexOf(0);
  if (bad === -1) {
    if (nul !== -1) {
      return strayNul === 'remove' ? withoutStrayNuls(bytes, base) : failure('utf-8', 'encoding-nul', `NUL byte in UTF-8 text`, base + nul);
    }
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    return withMojibakeRepair(text, 'utf-8', (i) => base + Buffer.byteLength(text.slice(0, i), 'utf8'));
  }
  // NUL bytes rule out a single-byte legacy text encoding, so the input is neither UTF-8 nor Windows-1252.
  if (nul !== -1) {
    return failure('utf-8', 'encoding-invalid', 'invalid UTF-8 sequence in text that also contains NUL bytes', base + bad);
  }
  return decodeMixed(bytes, base, bad) ?? decodeLegacy(bytes, base, bad);
}

/** More NUL bytes than this in a text say it is binary, not text with a stray NUL. */
const MAX_STRAY_NULS = 8;

/**
 * Valid UTF-8 with a few NUL bytes in it (a scraper's stray "\0" at the end of a paragraph),
 * read with them taken out and a warning at the first. Refused as binary, as before, when the NUL
 * bytes are more than MAX_STRAY_NULS or stand among other control bytes: binary data has both.
 * Why: the whole article was lost for one NUL byte, with the advice to save as UTF-8 a file that was.
 */
function withoutStrayNuls(bytes: Uint8Array, base: number): DecodedText {
  const nuls: number[] = [];
  for (let i = bytes.indexOf(0); i !== -1; i = bytes.indexOf(0, i + 1)) nuls.push(i);
  const control = bytes.findIndex((b) => b > 0 && b < 0x20 && !TEXT_CONTROLS.has(b));
  if (nuls.length > MAX_STRAY_NULS || control !== -1) {
    return failure('utf-8', 'encoding-nul', `NUL byte in UTF-8 text`, base + nuls[0]!);
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.filter((b) => b !== 0));
  // Offsets in the text without the NUL bytes, moved past those that stood before them.
  const byteOffsetOf = (i: number): number => {
    let offset = Buffer.byteLength(text.slice(0, i), 'utf8');
    for (const nul of nuls) if (nul <= offset) offset++;
    return base + offset;
  };
  const repaired = withMojibakeRepair(text, 'utf-8', byteOffsetOf);
  const count = nuls.length;
  const removed: DecodeIssue = { message: `removed ${count} stray NUL byte${count === 1 ? '' : 's'} from UTF-8 text`, offset: base + nuls[0]!, ruleId: 'encoding-nul-removed' };
  return { ...repaired, warnings: [removed, ...repaired.warnings] };
}

/**
 * UTF-8 with a few stray Windows-1252 bytes, as text pasted together from two sources often is
 * ("It’s" typed in Word into a UTF-8 page): each well-formed UTF-8 sequence read as UTF-8 and
 * each other byte as Windows-1252. Taken only when the well-formed multibyte sequences are at
 * least three and more than twice the stray bytes: text in Windows-1252 forms such a sequence
 * only by chance ("ß“" is also valid UTF-8), and seldom. Undefined when the text is not that, or
 * a stray byte is one Windows-1252 leaves undefined. Why: read as Windows-1252 whole, every
 * UTF-8 letter of such a text came out as mojibake, or the seed was refused for a byte of one.
 */
function decodeMixed(bytes: Uint8Array, base: number, firstBad: number): DecodedText | undefined {
  let multibyte = 0;
  let stray = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      const byte = bytes[i]!;
      if (byte >= 0x80 && byte <= 0x9f && CP1252_HIGH[byte - 0x80] === byte) return undefined;
      stray++;
      i++;
    } else {
      if (length > 1) multibyte++;
      i += length;
    }
  }
  if (multibyte < 3 || multibyte <= 2 * stray) return undefined;
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  for (let i = 0, start = 0; i <= bytes.length; ) {
    const length = i < bytes.length ? utf8SequenceLength(bytes, i) : 0;
    if (length > 0) {
      i += length;
      continue;
    }
    text += utf8.decode(bytes.subarray(start, i));
    if (i === bytes.length) break;
    const byte = bytes[i]!;
    text += String.fromCodePoint(byte < 0xa0 ? CP1252_HIGH[byte - 0x80]! : byte);
    start = ++i;
  }
  return { text, encoding: 'utf-8', warnings: [{ message: `text is UTF-8 with ${stray} byte${stray === 1 ? '' : 's'} of Windows-1252 in it, read as such`, offset: base + firstBad, ruleId: 'encoding-legacy' }] };
}

function decodeLegacy(bytes: Uint8Array, base: number, firstBad: number): DecodedText {
  // chardet reads the whole text: once, for both choices.
  let analysed: ReturnType<typeof chardet.analyse> | undefined;
  const ranked = () => (analysed ??= chardet.analyse(bytes));
  if (looksMacRoman(bytes)) return { text: iconv.decode(bytes, 'macintosh'), encoding: 'macintosh', warnings: [legacyWarning('macintosh (Mac OS Roman)', base + firstBad)] };
  const detected = detectedEncoding(bytes, ranked);
  if (detected !== undefined) {
    const text = iconv.decode(bytes, detected);
    // Bytes the detected set cannot read say the detection was wrong: the Latin-1 reading follows.
    if (!text.includes(REPLACEMENT)) return { text, encoding: detected, warnings: [legacyWarning(detected, base + firstBad)] };
  }
  const encoding = latinEncoding(bytes, ranked);
  const text = iconv.decode(bytes, encoding);
  const replacement = text.indexOf(REPLACEMENT);
  if (replacement !== -1) {
    // Single-byte decoding maps char index i to byte i.
    return failure(encoding, 'encoding-invalid', `byte 0x${hex(bytes[replacement] ?? 0)} is undefined in ${encoding}`, base + replacement);
  }
  return { text, encoding, warnings: [legacyWarning(encoding, base + firstBad)] };
}

const isLowerAscii = (b: number | undefined): boolean => b !== undefined && b >= 0x61 && b <= 0x7a;

/**
 * Whether bytes are text saved on an old Mac (Mac OS Roman), which chardet does not name: its
 * quotes, apostrophe and dashes stand where Windows-1252 has capitals that no Latin text sets so
 * ("town\xD5s", "\xD2the worst\xD3", "bridge \xD1 the"; in Windows-1252 "townÕs", "Òthe
 * worstÓ", "bridge Ñ the"), twice or more, and more often than Windows-1252's own quotes and
 * dashes stand as such (an opening quote after a space, a dash between spaces), which are
 * letters on a Mac ("ì", "ñ"). Why by hand: read as Windows-1252, such a seed's "Café" was "CafŽ".
 */
function looksMacRoman(bytes: Uint8Array): boolean {
  let mac = 0;
  let windows = 0;
  for (let i = 1; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x91 || (b > 0x97 && b < 0xd0) || b > 0xd5) continue;
    const before = bytes[i - 1];
    const after = bytes[i + 1];
    // An apostrophe or a closing quote after a small letter ("town's", "worst""); a dash between words.
    if ((b === 0xd5 || b === 0xd3) && isLowerAscii(before)) mac++;
    else if ((b === 0xd0 || b === 0xd1) && (isLowerAscii(before) || before === 0x20) && (isLowerAscii(after) || after === 0x20)) mac++;
    else if ((b === 0x91 || b === 0x93) && (before === 0x20 || before === 0x0a)) windows++;
    else if ((b === 0x96 || b === 0x97) && before === 0x20 && after === 0x20) windows++;
  }
  return mac >= 2 && mac > windows;
}

function legacyWarning(encoding: string, offset: number): DecodeIssue {
  return { message: `text is not valid UTF-8; decoded as ${encoding}`, offset, ruleId: 'encoding-legacy' };
}

/** The Latin-1 family: most legacy text Gazette meets, and what it reads bytes as when nothing else is clear. */
const LATIN1_FAMILY = new Set(['ISO-8859-1', 'windows-1252']);

/**
 * Sets that chardet (2.x) recognises and iconv-lite decodes besides the Latin-1 family: those of
 * other scripts (Japanese, Chinese and Korean multibyte sets, Cyrillic, Greek, Hebrew, Arabic),
 * and Latin-1's neighbours (the Latin sets of Central Europe, Turkey and the Baltic).
 */
const OTHER_SCRIPTS = new Set([
  'Shift_JIS', 'EUC-JP', 'GB18030', 'Big5', 'EUC-KR', 'KOI8-R', 'windows-1251', 'ISO-8859-5', 'ISO-8859-6', 'ISO-8859-7',
  'ISO-8859-8', 'windows-1253', 'windows-1255', 'windows-1256',
]);
const LATIN_NEIGHBOURS = new Set(['ISO-8859-2', 'windows-1250', 'ISO-8859-9', 'windows-1254', 'windows-1257']);
/**
 * How far a Latin neighbour must rank above Latin-1 to be taken: a Windows-1252 text of Swedish,
 * Danish, French and Spanish words came out up to 1.24 times as likely Central European in
 * chardet's ranking, and Polish and Czech 1.4 to 3 times.
 */
const NEIGHBOUR_MARGIN = 1.4;

/** Below this confidence (of 100) chardet's first guess is not taken over the Latin-1 family. */
const MIN_CONFIDENCE = 25;
/**
 * Nor with fewer bytes above ASCII than this: a Latin headline has one or two ("Café reopens").
 * chardet names a Cyrillic set, sure at 50 of 100, for the two bytes of a cut-off UTF-8 sequence,
 * and a Central European one, twice as likely as Latin-1, for Swedish words with one ("Borgmästare").
 * A Russian headline of two words has a dozen, a Japanese one twice as many, a Polish sentence
 * six or seven.
 */
const MIN_EVIDENCE = 6;

/**
 * The legacy set chardet finds when it is clearly not the Latin-1 family: its first guess, with
 * enough bytes above ASCII to go on, sure enough, and ranked above every Latin-1 reading (well
 * above, for Latin-1's neighbours). Why not always Latin-1: Japanese, Chinese or Russian text
 * read as Windows-1252 came out as unreadable Latin letters, or was refused for a byte that set
 * leaves undefined. Why the margins: Latin sets share most letters, and where chardet is unsure
 * (short French or German text) Latin-1 is the likelier writer.
 */
function detectedEncoding(bytes: Uint8Array, analyse: () => ReturnType<typeof chardet.analyse>): string | undefined {
  let high = 0;
  for (let i = 0; i < bytes.length && high < MIN_EVIDENCE; i++) if (bytes[i]! >= 0x80) high++;
  if (high < MIN_EVIDENCE) return undefined;
  const ranked = analyse();
  const first = ranked[0];
  if (first === undefined || first.confidence < MIN_CONFIDENCE) return undefined;
  const latin = Math.max(0, ...ranked.filter((match) => LATIN1_FAMILY.has(match.name)).map((match) => match.confidence));
  if (OTHER_SCRIPTS.has(first.name)) return first.confidence > latin ? first.name : undefined;
  if (LATIN_NEIGHBOURS.has(first.name)) return first.confidence >= NEIGHBOUR_MARGIN * latin ? first.name : undefined;
  return undefined;
}

/** Picks the Latin-1 family label: bytes 0x80-0x9F are C1 controls in ISO-8859-1 and so imply Windows-1252. */
function latinEncoding(bytes: Uint8Array, analyse: () => ReturnType<typeof chardet.analyse>): 'windows-1252' | 'iso-8859-1' {
  if (bytes.some((b) => b >= 0x80 && b <= 0x9f)) return 'windows-1252';
  const ranked = analyse().map((m) => m.name.toLowerCase());
  const iso = ranked.indexOf('iso-8859-1');
  const win = ranked.indexOf('windows-1252');
  return iso !== -1 && (win === -1 || iso < win) ? 'iso-8859-1' : 'windows-1252';
}

function decodeUtf16(bytes: Uint8Array, encoding: Utf16Endian, base: number): DecodedText {
  const units = Math.floor(bytes.length / 2);
  const unitAt = (i: number): number => {
    const a = bytes[2 * i] ?? 0;
    const b = bytes[2 * i + 1] ?? 0;
    return encoding === 'utf-16le' ? a | (b << 8) : (a << 8) | b;
  };
  for (let i = 0; i < units; i++) {
    const u = unitAt(i);
    if (u === 0) return failure(encoding, 'encoding-nul', 'NUL character in UTF-16 text', base + 2 * i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < units ? unitAt(i + 1) : -1;
      if (next < 0xdc00 || next > 0xdfff) {
        return failure(encoding, 'encoding-invalid', 'unpaired UTF-16 high surrogate', base + 2 * i);
      }
      i++;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      return failure(encoding, 'encoding-invalid', 'unpaired UTF-16 low surrogate', base + 2 * i);
    }
  }
  if (bytes.length % 2 === 1) {
    return failure(encoding, 'encoding-invalid', 'odd number of bytes in UTF-16 text', base + bytes.length - 1);
  }
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  return withMojibakeRepair(text, encoding, (i) => base + 2 * i);
}

/** How much of a text the UTF-16 sniffing reads, in code units. */
const SNIFF_UNITS = 4096;

/**
 * Detects UTF-16 without a byte-order mark by reading the text both ways: the way that gives
 * plain text (see `readsAsText`) is taken; when both do, the way whose high bytes take fewer values,
 * as an alphabet's letters share theirs (0x00 for Latin, 0x04 for Cyrillic, 0x06 for Arabic).
 * Only bytes that are not clean UTF-8 are tried: UTF-16 has a NUL or a control byte in the spaces,
 * line ends or letters of any alphabet, or is not valid UTF-8 (Chinese). Why not count NUL bytes,
 * as before: only Latin letters have a NUL byte, so Russian or Arabic without a BOM was refused.
 */
function sniffUtf16(bytes: Uint8Array): Utf16Endian | undefined {
  if (bytes.length < 4 || bytes.length % 2 === 1) return undefined;
  const sample = bytes.subarray(0, Math.min(bytes.length, 2 * SNIFF_UNITS));
  if (!hasControlByte(sample) && firstInvalidUtf8(sample) === -1) return undefined;
  const le = readsAsText(sample, 'utf-16le');
  const be = readsAsText(sample, 'utf-16be');
  if (le !== be) return le ? 'utf-16le' : 'utf-16be';
  if (!le) return undefined;
  const [highLe, highBe] = [distinctBytes(sample, 1), distinctBytes(sample, 0)];
  return highLe < highBe ? 'utf-16le' : highBe < highLe ? 'utf-16be' : undefined;
}

/** Control bytes that plain text holds: tab, line feed, form feed and carriage return. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);

/** Whether the bytes hold a control byte plain text does not. A loop: it is asked of every file a build reads. */
function hasControlByte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return true;
  }
  return false;
}

/** How many values the bytes at even (`parity` 0) or odd (1) offsets take. */
function distinctBytes(bytes: Uint8Array, parity: 0 | 1): number {
  const seen = new Set<number>();
  for (let i = parity; i < bytes.length; i += 2) seen.add(bytes[i]!);
  return seen.size;
}

/**
 * Characters that no text holds: controls besides the four above, unassigned or private-use code
 * points, and invisible formatting besides the joiners, marks and hyphen that text uses.
 */
const NOT_TEXT = /(?![\t\n\f\r\u00ad\u061c\u200b-\u200f\u2060\ufeff])[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}]/u;
/** Scripts a letter is counted under; Chinese and Japanese letters count as one. */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  'Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Armenian', 'Georgian', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati',
  'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Ethiopic', 'Hangul', 'Han',
].map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const);
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * What parts words or sentences in text of any script: white space, and the full stops and commas
 * of Chinese and Japanese. Each has a byte below 0x20 in UTF-16, which Latin-1, Windows-1251 or
 * KOI-8 text never has: read as UTF-16 such text gives Korean syllables and marks, but never these.
 */
const SEPARATOR = /[\t\n\f\r \u00a0\u3000\u3001\u3002\uff01\uff0c\uff0e\uff1a\uff1b\uff1f]/u;

/**
 * Whether bytes read as UTF-16 give plain text: no lone surrogate and nothing in NOT_TEXT; a
 * SEPARATOR; at least as many letters as digits, punctuation and symbols; and letters of one
 * script, beside Latin ones, at least nine in ten of them. UTF-16 read the wrong way round, or
 * Latin-1 and binary read as UTF-16, gives letters of a dozen scripts, invisible or unassigned
 * characters, or controls.
 */
function readsAsText(bytes: Uint8Array, encoding: Utf16Endian): boolean {
  // A pair the sample cuts in two is not a lone surrogate.
  const last = encoding === 'utf-16le' ? bytes[bytes.length - 1]! : bytes[bytes.length - 2]!;
  const whole = last >= 0xd8 && last <= 0xdb ? bytes.subarray(0, bytes.length - 2) : bytes;
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(whole);
  } catch {
    return false;
  }
  let letters = 0;
  let others = 0;
  let separators = 0;
  const byScript = new Map<string, number>();
  for (const char of text) {
    if (NOT_TEXT.test(char)) return false;
    if (SEPARATOR.test(char)) separators++;
    if (/\s/u.test(char)) continue;
    if (!/[\p{L}\p{M}]/u.test(char)) {
      others++;
      continue;
    }
    letters++;
    if (!/\p{L}/u.test(char)) continue;
    // A script not listed is counted by its block of 256 code points.
    const script = KANA.test(char) ? 'Han' : (SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? String(char.codePointAt(0)! >> 8));
    byScript.set(script, (byScript.get(script) ?? 0) + 1);
  }
  const latin = byScript.get('Latin') ?? 0;
  const main = Math.max(0, ...[...byScript].filter(([script]) => script !== 'Latin').map(([, count]) => count));
  return separators > 0 && letters >= 2 && letters >= others && latin + main >= 0.9 * [...byScript.values()].reduce((a, b) => a + b, 0);
}

/** Returns the byte offset of the first ill-formed UTF-8 sequence (overlongs, surrogates, truncation), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) return i;
    i += len;
  }
  return -1;
}

/** Length of the well-formed UTF-8 sequence starting at `i`, or 0 if none (Unicode Table 3-7). */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? -1;
  if (b0 < 0) return 0;
  if (b0 < 0x80) return 1;
  const inRange = (k: number, lo: number, hi: number): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return inRange(1, 0x80, 0xbf) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return inRange(1, lo, hi) && inRange(2, 0x80, 0xbf) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return inRange(1, lo, hi) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0;
  }
  return 0;
}

// Windows-1252 0x80-0x9F. The five undefined bytes map to their C1 code points, because mojibake
// produced by Latin-1-tolerant decoders carries them that way (e.g. "â€\u009d" for a right double quote).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const CP1252_BYTE = new Map<number, number>(CP1252_HIGH.map((cp, i) => [cp, 0x80 + i]));

/** Maps a non-ASCII character to its Windows-1252 byte, or undefined when it has none. */
function cp1252Byte(codePoint: number): number | undefined {
  if (codePoint >= 0xa0 && codePoint <= 0xff) return codePoint;
  return CP1252_BYTE.get(codePoint);
}

// Typical traces of UTF-8 read as Windows-1252: "Ã" (U+00C0-00FF), "Â" (U+0080-00BF), "â€" (U+2000-203F), "ðŸ" (emoji).
const MARKERS = /Ã|Â|â€|ðŸ/g;

function markerCount(s: string): number {
  return s.match(MARKERS)?.length ?? 0;
}

interface Repair {
  text: string;
  repairs: number;
  firstIndex: number;
}

/**
 * Repairs UTF-8 that was decoded as Windows-1252: within each maximal run of non-ASCII characters
 * that all have a cp1252 byte, every well-formed multibyte UTF-8 sequence is decoded, but only if
 * the replaced characters contain a mojibake marker. That per-sequence test keeps legitimate pairs
 * such as "ß“" (bytes DF 93, which happen to be valid UTF-8) intact.
 */
function repairMojibake(text: string): Repair {
  const chars = Array.from(text);
  let out = '';
  let repairs = 0;
  let firstIndex = -1;
  let codeUnitIndex = 0;
  let i = 0;
  while (i < chars.length) {
    const bytes: number[] = [];
    let j = i;
    while (j < chars.length) {
      const b = cp1252Byte(chars[j]!.codePointAt(0)!);
      if (b === undefined) break;
      bytes.push(b);
      j++;
    }
    if (bytes.length === 0) {
      out += chars[i]!;
      codeUnitIndex += chars[i]!.length;
      i++;
      continue;
    }
    const run = Uint8Array.from(bytes);
    let k = 0;
    while (k < run.length) {
      const len = utf8SequenceLength(run, k);
      const source = chars.slice(i + k, i + k + len).join('');
      if (len >= 2 && markerCount(source) > 0) {
        out += new TextDecoder('utf-8').decode(run.subarray(k, k + len));
        repairs++;
        if (firstIndex === -1) firstIndex = codeUnitIndex;
        codeUnitIndex += source.length;
        k += len;
      } else {
        out += chars[i + k]!;
        codeUnitIndex += chars[i + k]!.length;
        k++;
      }
    }
    i = j;
  }
  return { text: out, repairs, firstIndex };
}

function withMojibakeRepair(text: string, encoding: string, byteOffsetOf: (charIndex: number) => number): DecodedText {
  // Nearly all text has no marker at all; skip the per-character scan for it.
  if (markerCount(text) === 0) return { text, encoding, warnings: [] };
  let current = text;
  let total = 0;
  let first = -1;
  // Double-encoded text ("ÃƒÂ©") needs a second pass; stop as soon as a pass stops helping.
  for (let pass = 0; pass < 3; pass++) {
    const repaired = repairMojibake(current);
    if (repaired.repairs === 0 || markerCount(repaired.text) >= markerCount(current)) break;
    if (pass === 0) first = repaired.firstIndex;
    current = repaired.text;
    total += repaired.repairs;
  }
  if (total === 0) return { text, encoding, warnings: [] };
  const warning: DecodeIssue = {
    message: `repaired ${total} mojibake sequence${total === 1 ? '' : 's'} (UTF-8 misread as Windows-1252)`,
    offset: byteOffsetOf(first),
    ruleId: 'encoding-mojibake',
  };
  return { text: current, encoding, warnings: [warning] };
}

function failure(encoding: string, ruleId: string, message: string, offset: number): DecodedText {
  return { text: '', encoding, warnings: [], error: { message, offset, ruleId } };
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}
