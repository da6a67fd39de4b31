/**
 * The people a byline names, for feeds and structured data that list authors one by one:
 * "By Jane Doe and Ola Nordmann" and "Jane Doe, Ola Nordmann" are two.
 */
export function bylineNames(byline: string): string[] {
  return byline
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:[,;&]|\band\b)\s*/i)
    .map((name) => name.trim())
    .filter((name) => name !== '')
}
