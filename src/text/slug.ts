/** Longest slug in UTF-8 bytes: leaves room under the common 255-byte file-name limit. */
const maxBytes = 64
const reserved = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/

/**
 * Turn text into one safe path segment: lower-case letters and digits of any script, joined by
 * single hyphens; no dots, slashes or percent signs, never a Windows-reserved name, at most 64
 * bytes. Returns an empty string when nothing usable is left.
 */
export function slugify(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  let slug = ''
  for (const part of ascii.split('-')) {
    const next = slug ? `${slug}-${part}` : part
    if (Buffer.byteLength(next) > maxBytes) break
    slug = next
  }
  // A slug cut short should not end on a little word ("…-response-capabilities-of-the").
  if (slug.length < ascii.length) slug = slug.replace(/(?:-(?:a|an|the|and|or|of|to|in|on|at|by|for|with|as|amid|from))+$/, '')
  if (!slug && ascii) slug = [...ascii].reduce((kept, char) => (Buffer.byteLength(kept + char) <= maxBytes ? kept + char : kept), '').replace(/-+$/, '')
  return reserved.test(slug) ? `${slug}-1` : slug
}

/** Whether a slug is already in the safe form `slugify` produces. */
export function isSafeSlug(slug: string): boolean {
  return slug !== '' && slugify(slug) === slug
}
