/**
 * Decoding lives in `story/decode-text.ts`: BOMs, UTF-16 with or without a BOM, Windows-1252
 * and the other legacy sets chardet clearly finds, mojibake repair, and NUL or invalid bytes
 * refused with their byte offset. Seeds and content files both read their bytes through it.
 */
export { decodeText, type DecodedText } from '../story/decode-text.js'
