/** Text decoded from a file's bytes, or why it could not be. */
export interface DecodedText {
  readonly text: string
  readonly encoding: string
  readonly warnings: ReadonlyArray<{ message: string; offset: number; ruleId: string }>
  readonly error?: { message: string; offset: number; ruleId: string }
}

/** Decode bytes as UTF-8 (BOM stripped); anything else is refused with the byte offset. */
export function decodeText(bytes: Uint8Array): DecodedText {
  let start = 0
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3
  const nul = bytes.indexOf(0, start)
  if (nul !== -1) return { text: '', encoding: 'binary', warnings: [], error: { message: `NUL byte at byte ${nul}`, offset: nul, ruleId: 'encoding-nul' } }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start)), encoding: 'utf-8', warnings: [] }
  } catch {
    return { text: '', encoding: 'unknown', warnings: [], error: { message: 'invalid UTF-8', offset: 0, ruleId: 'encoding-invalid' } }
  }
}
