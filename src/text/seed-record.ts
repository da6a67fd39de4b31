import { createHash } from 'node:crypto'

/**
 * What a content file made from a seed records of it: the seed's SHA-256 as ingested, and
 * whether a person changed the file since (its `generated:` hash no longer matches). Read from
 * the file's text as written, so the article stage can keep it with the article's summary and
 * ingest need not read the file again.
 */
export function seedRecordOf(bytes: Uint8Array): { readonly seedSha256?: string; readonly handEdited: boolean } {
  const text = new TextDecoder().decode(bytes)
  const sha256 = recordedField(text, 'sha256')
  const generated = recordedField(text, 'generated')
  return { ...(sha256 === undefined ? {} : { seedSha256: sha256 }), handEdited: generated === undefined || generated !== contentHash(text) }
}

/** Hash of a content file with its own `generated:` value blanked, so the hash can live inside it. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/^(\s+generated: ).*$/m, '$1""')).digest('hex').slice(0, 16)
}

function recordedField(text: string, field: string): string | undefined {
  return new RegExp(`^\\s+${field}: "?([0-9a-f]+)"?$`, 'm').exec(text)?.[1]
}
