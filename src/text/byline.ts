/**
 * The people a byline names, for feeds and structured data that list authors one by one:
 * "By Jane Doe and Ola Nordmann" and "Jane Doe, Ola Nordmann" are two; "Martin Luther King, Jr." is
 * one, and "Jane Doe, Staff Writer" names Jane Doe.
 */
export function bylineNames(byline: string): string[] {
  const names: string[] = []
  for (const part of byline.replace(/^\s*by\s+/i, '').split(/\s*(?:[,;&]|\band\b)\s*/i)) {
    const name = part.trim()
    if (name === '' || role.test(name)) continue
    // "Martin Luther King, Jr." is one person: a suffix after a comma belongs to the name before it.
    if (suffix.test(name) && names.length > 0) names[names.length - 1] += `, ${name}`
    else names.push(name)
  }
  return names
}

/** What follows a name after a comma and is part of it. */
const suffix = /^(?:jr|sr|[ivx]{1,4}|phd|md|esq)\.?$/i

/** A role written after the names ("Jane Doe, Staff Writer"): no person. */
const role = /^(?:(?:staff|senior|chief|special|foreign|political|business|economics?|science|health|sports?|contributing|local|news|wire)\s+)*(?:writer|reporter|correspondent|editor|columnist|contributor|photographer)s?$/i
