import { describe, expect, it } from 'vitest'
import { loneDateline, readDateline, withoutSiteName } from '../src/story/attribution.js'
import { removeMarkupResidue } from '../src/text/markup-residue.js'
import { isPageChrome, isReactionCount } from '../src/text/page-chrome.js'
import { isBlank, splitParagraphs } from '../src/text/paragraphs.js'
import { readBareByline, readByline, takeStoryLead } from '../src/text/story-lead.js'
import { isHeadline } from '../src/text/title.js'
import { buildInMemory } from './helpers.js'

/** The one content file a build wrote, as its frontmatter lines and its body's paragraphs. */
async function ingestOne(seed: string, config?: unknown): Promise<{ frontmatter: string; body: string[]; messages: string[] }> {
  const { store, messages } = await buildInMemory({ 'seeds/a.txt': seed }, config === undefined ? {} : { config })
  const files = [...store.files].filter(([path]) => path.startsWith('content/'))
  expect(files).toHaveLength(1)
  const text = String(files[0]![1])
  const end = text.indexOf('\n---\n')
  return { frontmatter: text.slice(0, end), body: text.slice(end + 5).trim().split('\n\n'), messages }
}

const texts = (text: string) => splitParagraphs(text).map((paragraph) => paragraph.text)

describe('paragraphs of a line each, with lists and subheads', () => {
  const lede = 'Schools across the region will be closed on Friday as a severe storm approaches, the education ministry said on Thursday evening.'

  it('keeps each line of a list its own paragraph, and the headline the title', async () => {
    const { frontmatter, body } = await ingestOne(`Storm closes schools across the region\n${lede}\nOfficials advised parents to:\n• Keep children indoors\n• Check the ministry website for updates\nClasses are expected to resume on Monday.\n`)
    expect(frontmatter).toContain('title: Storm closes schools across the region\n')
    expect(body).toEqual([lede, 'Officials advised parents to:', '• Keep children indoors', '• Check the ministry website for updates', 'Classes are expected to resume on Monday.'])
  })

  it('keeps each subhead its own paragraph', () => {
    const text = `Storm closes schools across the region\n${lede}\nWhat parents need to know\nChildren should stay indoors until the warning is lifted, and parents should check the ministry website for updates.\nWhen classes resume\nClasses are expected to resume on Monday.\n`
    expect(texts(text)).toEqual(text.trim().split('\n'))
  })

  it('reads a copy of a line per paragraph and a hard-wrapped copy each as it is, so the repeat is found', async () => {
    const paragraphs = [
      'The city council voted 7 to 2 on Tuesday to approve a new budget that raises spending on public transport by 12 percent, the first increase in four years, officials said after a late-night session.',
      "Mayor Ana Lopez said the money would pay for 40 new electric buses and longer service hours on weekends, adding that the city's ridership had recovered to pre-pandemic levels for the first time last autumn.",
      'The budget now goes to the state comptroller for review, a step expected to take several weeks. Construction of the first new depot is scheduled to begin in the spring.'
    ]
    const wrapped = paragraphs.map((paragraph) => wrap(paragraph, 72)).join('\n\n')
    const { frontmatter, body } = await ingestOne(`Council approves transit budget\n${paragraphs.join('\n')}\n\n${wrapped}\n`)
    expect(frontmatter).toContain('title: Council approves transit budget\n')
    expect(frontmatter).toMatch(/repeated: 3\n/)
    expect(body).toEqual(paragraphs)
  })

  it('still joins hard-wrapped text, at any width, and a line that ends a sentence inside a wrapped block', () => {
    const paragraph = 'The harbour reopened on Monday. Ships that had waited off the coast for three weeks came in at dawn, and the port authority said that Container Terminal B would be working again by Friday.'
    for (const width of [40, 60, 72, 80, 100]) expect(texts(`${wrap(paragraph, width)}\n\n${wrap(paragraph.replace('Monday', 'Tuesday'), width)}\n`)).toEqual([paragraph, paragraph.replace('Monday', 'Tuesday')])
  })

  it('keeps a headline and a subhead apart from hard-wrapped paragraphs with no blank line between them', () => {
    const first = 'The city council voted 7 to 2 on Tuesday to approve a new budget that raises spending on public transport by 12 percent.'
    const second = 'Mayor Ana Lopez said the money would pay for 40 new electric buses and longer service hours on weekends.'
    expect(texts(`Council approves transit budget\n${wrap(first, 72)}\n\nWhat the money pays for\n${wrap(second, 72)}\n`)).toEqual(['Council approves transit budget', first, 'What the money pays for', second])
  })
})

describe('items of a list', () => {
  it.each([
    ['bullets', ['• Keep windows and doors closed', '• Avoid the area around Dock Street', '• Call 112 only in emergencies']],
    ['hyphens', ['- Keep windows and doors closed', '- Avoid the area around Dock Street', '- Call 112 only in emergencies']],
    ['asterisks', ['* Keep windows and doors closed', '* Avoid the area around Dock Street', '* Call 112 only in emergencies']],
    ['numbers', ['1. Keep windows and doors closed', '2. Avoid the area around Dock Street', '3. Call 112 only in emergencies']]
  ])('never joins an item of %s to the line before it, in a block with blank lines around it', async (_name, items) => {
    const { body } = await ingestOne(`Fire forces evacuation in port district\n\nFirefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.\n\nThe fire service listed the following measures:\n\n${items.join('\n')}\n`)
    // The items show as typed: their marks are escaped in the Markdown, not made a list.
    expect(body.slice(2).map((paragraph) => paragraph.replace(/\\(?=[-*.])/g, ''))).toEqual(items)
  })

  it('keeps the items of a hard-wrapped list apart, each with its own wrapped lines', () => {
    const text = 'The fire service listed the following measures for people who live near\nthe port:\n\n- Keep windows and doors closed until the fire service says it is safe to\n  open them again\n- Avoid the area around Dock Street\n- Call 112 only in emergencies\n\nCrews expect to have the fire under control by Thursday evening, a\nspokesperson said.\n'
    expect(texts(text)).toEqual([
      'The fire service listed the following measures for people who live near the port:',
      '- Keep windows and doors closed until the fire service says it is safe to open them again',
      '- Avoid the area around Dock Street',
      '- Call 112 only in emergencies',
      'Crews expect to have the fire under control by Thursday evening, a spokesperson said.'
    ])
  })

  it('reads a dash or a figure that wrapped prose starts a line with as prose', () => {
    const text = 'HAMBURG, Jan 5 (Reuters)\n- Firefighters battled a large blaze at a chemical warehouse in the port\ndistrict overnight, forcing the evacuation of more than 300 residents, the\nfire service said, and the council will meet to discuss it on January\n20. Nobody was hurt.\n\nOfficials urged people nearby to keep their windows closed while crews\nworked through the night to stop the fire from spreading.\n'
    expect(texts(text)).toEqual([
      'HAMBURG, Jan 5 (Reuters) - Firefighters battled a large blaze at a chemical warehouse in the port district overnight, forcing the evacuation of more than 300 residents, the fire service said, and the council will meet to discuss it on January 20. Nobody was hurt.',
      'Officials urged people nearby to keep their windows closed while crews worked through the night to stop the fire from spreading.'
    ])
  })
})

/** A paragraph wrapped greedily at a width, as editors and mail do. */
function wrap(paragraph: string, width: number): string {
  const lines: string[] = []
  let line = ''
  for (const word of paragraph.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  return [...lines, line].join('\n')
}

describe('text that shows nothing', () => {
  it.each([
    ['zero-width spaces', '\u200B\n\n\u200B\n'],
    ['format characters and white space', '\u200B\u200D \u2060\n\uFEFF\u00AD\n\t\u3000\n'],
    ['markup around a zero-width space', '<p>&#8203;</p>\n<p>\u200B</p>\n']
  ])('skips a seed of only %s with a warning', async (_name, seed) => {
    const { store, messages } = await buildInMemory({ 'seeds/blank.txt': seed })
    expect([...store.files.keys()].filter((path) => path.startsWith('content/'))).toEqual([])
    expect(messages).toContain("seeds/blank.txt:1:1: seeds/blank.txt has no usable text, so it was skipped. Add the article's paragraphs or delete the file.")
  })

  it('reads a line of only zero-width spaces as a blank line', async () => {
    const { frontmatter, body } = await ingestOne('Fire forces evacuation in port district\n\u200B\nFirefighters battled a large blaze overnight, the fire service said.\n\u200B\u200B\nNo injuries were reported.\n')
    expect(frontmatter).toContain('title: Fire forces evacuation in port district\n')
    expect(body).toEqual(['Firefighters battled a large blaze overnight, the fire service said.', 'No injuries were reported.'])
  })

  it.each([
    ['', true],
    [' \t\u00A0\u3000', true],
    ['\u200B\u200C\u200D\u2060\uFEFF\u00AD\u200E', true],
    ['\u200Ba', false],
    ['·', false],
    ['日', false]
  ])('isBlank(%j) is %s', (text, blank) => {
    expect(isBlank(text)).toBe(blank)
  })
})

describe('headings a scrape left in raw text', () => {
  it('takes the tags of a heading out, and the heading on the first line is the title', async () => {
    const { frontmatter, body, messages } = await ingestOne('<h1>Fire forces evacuation</h1>\n<p>Firefighters battled a large blaze at a chemical warehouse overnight, the fire service said.</p>\n<H2 class="sub">What residents should do</H2>\n<p>Officials urged people nearby to keep their windows closed.</p>\n')
    expect(frontmatter).toContain('title: Fire forces evacuation\n')
    expect(body).toEqual(['Firefighters battled a large blaze at a chemical warehouse overnight, the fire service said.', 'What residents should do', 'Officials urged people nearby to keep their windows closed.'])
    expect(messages).toContain('seeds/a.txt:1:1: Took out 8 HTML tags and decoded 0 character references left in the text.')
  })

  it('splits a paragraph where a heading stands in it', () => {
    const { paragraphs, tags } = removeMarkupResidue([{ text: 'The fire is out.<h3>What comes next</h3><p>Crews will stay overnight.</p>', line: 4, column: 1 }])
    expect(paragraphs.map((paragraph) => paragraph.text)).toEqual(['The fire is out.', 'What comes next', 'Crews will stay overnight.'])
    expect(tags).toBe(4)
  })
})

describe('an auto-posting blog\'s post', () => {
  const lede = 'Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.'
  const rest = 'No injuries were reported, but officials urged people nearby to keep their windows closed while crews worked.'

  it('loses its ad slots\' shortcodes, its trailer and its repeat, and keeps its headline the title, not also a paragraph', async () => {
    const { frontmatter, body, messages } = await ingestOne(`Fire forces evacuation in port district\n[ad_1]\n${lede}\n${rest}\n${lede}\n${rest}\n[ad_2]\nSource link\n`)
    expect(frontmatter).toContain('title: Fire forces evacuation in port district\n')
    expect(body).toEqual([lede, rest])
    expect(messages).toContain('seeds/a.txt:1:1: Took out 0 HTML tags, 2 WordPress shortcodes and decoded 0 character references left in the text.')
  })

  it('loses the scripts of its ads that the scrape kept as text', async () => {
    const { body } = await ingestOne(`Fire forces evacuation in port district\n\n${lede}\n\n(adsbygoogle = window.adsbygoogle || []).push({});\n\ngoogletag.cmd.push(function() { googletag.display('div-gpt-ad-1234567-0'); });\n\n${rest}\n`)
    expect(body).toEqual([lede, rest])
  })
})

describe('a headline that asks or exclaims', () => {
  const body = 'Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.'

  it.each(['Will the port district ever be safe again?', 'Port fire: 300 evacuated!', 'Can the U.S. Navy keep Port St. Lucie safe?'])('takes %j above a blank line as the title, not the first paragraph and the summary', async (headline) => {
    const { frontmatter, body: paragraphs } = await ingestOne(`${headline}\n\n${body}\n\nNo injuries were reported.\n`)
    expect(frontmatter).toMatch(new RegExp(`^title: "?${headline.replace(/[.?!]/g, '\\$&')}"?$`, 'm'))
    expect(frontmatter).toContain(`summary: ${body}\n`)
    expect(paragraphs).toEqual([body, 'No injuries were reported.'])
  })

  it('leaves a question that is body text in the body', async () => {
    const question = 'Why did the council wait until the warehouse burned down before it ordered an inspection of what was stored there?'
    const { body: paragraphs } = await ingestOne(`${question}\n\n${body}\n`)
    expect(paragraphs).toEqual([question, body])
    // Nor a question that opens text of a paragraph per line, where every line ends a sentence.
    const perLine = await ingestOne(`What happens now?\n${body}\nNo injuries were reported.\n`)
    expect(perLine.body).toEqual(['What happens now?', body, 'No injuries were reported.'])
  })

  it.each([
    ['Will the port district ever be safe again?', true],
    ['Port fire: 300 evacuated!', true],
    ['Is it safe? Experts are divided', true],
    ['Is it safe? Experts are divided.', false],
    ['Is it safe? Experts doubt it!', false],
    ['Why did the council wait until the warehouse burned down before it ordered an inspection?', false],
    ['Why?', false]
  ])('isHeadline(%j) is %s', (line, expected) => {
    expect(isHeadline(line)).toBe(expected)
  })
})

describe("a scraped page's chrome above the headline", () => {
  const lede = 'Firefighters battled a large blaze at a chemical warehouse in the port district overnight, forcing the evacuation of more than 300 residents, the fire service said.'

  it.each([
    ['Skip to content'],
    ['Skip to main content'],
    ['Skip to site index'],
    ['Skip to main contentSkip to navigation'],
    ['Menu'],
    ['Home > News > Local'],
    ['Home / World / Europe'],
    ['5 min read'],
    ['Listen to this article'],
    ['Photo: AP'],
    ['Advertisement'],
    ['We use cookies to personalise content and ads. Accept all cookies'],
    ['Skip to content\nHome\nNews\nWorld\nBusiness\nSport\nMenu\nSearch'],
    ['Skip to content Home News World Business Sport Menu Search'],
    ['US edition'],
    ['Print subscriptions'],
    ['Democracy Dies in Darkness'],
    ['UK politics'],
    ['Skip to main content\nUS edition\nPrint subscriptions\nSign in\nUK politics']
  ])('drops %j, says so, and the headline is the title', async (chrome) => {
    const { frontmatter, body, messages } = await ingestOne(`${chrome}\n\nFire forces evacuation in port district\n\n${lede}\n\nNo injuries were reported.\n`)
    expect(frontmatter).toContain('title: Fire forces evacuation in port district\n')
    expect(body).toEqual([lede, 'No injuries were reported.'])
    expect(messages).toContain(`seeds/a.txt:1:1: Removed "${chrome.split('\n')[0]}", a part of the scraped page around the story.`)
  })

  it('takes the headline under a whole page\'s menus in text of a paragraph per line, with the byline under it', async () => {
    const { frontmatter, body } = await ingestOne(`Skip to main content\nUS edition\nPrint subscriptions\nSign in\nUK politics\nFire forces evacuation in port district\nJane Doe in Brussels\n${lede}\nNo injuries were reported.\n`)
    expect(frontmatter).toContain('title: Fire forces evacuation in port district\n')
    expect(frontmatter).toContain('byline: Jane Doe\n')
    expect(body).toEqual([lede, 'No injuries were reported.'])
  })

  it('drops chrome under the headline too, in text of a paragraph per line', async () => {
    const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\nListen to this article · 4 min\n${lede}\nNo injuries were reported.\n`)
    expect(frontmatter).toContain('title: Fire forces evacuation in port district\n')
    expect(frontmatter).toMatch(/boilerplate:\n\s+- Listen to this article · 4 min\n/)
    expect(body).toEqual([lede, 'No injuries were reported.'])
  })

  it.each([
    'Fire forces evacuation in port district',
    'World News',
    'Home sales fall for a third month',
    'Search for missing sailors called off',
    'Menu prices rise as food costs soar',
    'Video: Floods sweep through Genoa',
    'Photo: the scene at the harbour on Monday',
    'We use our cars less now, residents say',
    'Ukraine / Russia talks stall',
    'Live updates: storm hits the coast',
    'Skip to content of the report, the minister told lawmakers',
    'Jump to navigation errors blamed for crash',
    'US edition of the game sells out',
    'Print subscriptions fell by a third',
    'Democracy dies in darkness, the judge wrote.',
    'UK politics is in turmoil',
    'Markets rally',
    'Europe Votes',
    'US Politics',
    'Heard on the street: traders brace for a rate cut',
    'Paid leave bill passes the Senate'
  ])('keeps %j', (line) => {
    expect(isPageChrome(line)).toBe(false)
  })

  it.each(['News › World › Europe', 'You are here: Home > Sport', 'Reading time: 4 minutes', '5-minute read', 'Photograph: Jane Doe/Reuters', 'Photo: AFP via Getty Images', 'Share Print Email', 'Sign in', 'Updated 3 hours ago', 'ADVERTISEMENT', 'Rescue workers search the rubble. Photograph: Stringer/Reuters', 'Joseph Prezioso/AFP/Getty Images', 'Heard on Morning Edition', 'Heard on All Things Considered', '∙ Paid'])('knows %j as chrome', (line) => {
    expect(isPageChrome(line)).toBe(true)
  })
})

describe('a date under the story that says what it is', () => {
  const lede = 'Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.'
  const rest = 'No injuries were reported, but officials urged people nearby to keep their windows closed while crews worked.'

  it.each([
    ['Published: January 5, 2026', 'date: 2026-01-05T00:00:00Z\n'],
    ['First published on Mon 5 Jan 2026 10.04 GMT', 'date: 2026-01-05T10:04:00Z\n'],
    ['Posted on January 5, 2026', 'date: 2026-01-05T00:00:00Z\n']
  ])('goes, and dates the story: %j', async (line, date) => {
    const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\n\n${lede}\n\n${rest}\n\n${line}\n\nSource link\n`)
    expect(frontmatter).toContain(date)
    expect(body).toEqual([lede, rest])
  })

  it('goes, and leaves the date the lead gives', async () => {
    const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\n\nBy Jane Doe\nJanuary 3, 2026\n\n${lede}\n\n${rest}\n\nUpdated: January 5, 2026\n`)
    expect(frontmatter).toContain('date: 2026-01-03T00:00:00Z\n')
    expect(body).toEqual([lede, rest])
  })

  it.each(['Posted: 05/01/2026', 'January 5, 2026', 'The fire was out by January 5, 2026.', 'By January 5, 2026, the fire was out'])('stays when the line is no date alone: %j', async (line) => {
    const { body } = await ingestOne(`Fire forces evacuation in port district\n\n${lede}\n\n${rest}\n\n${line}\n`)
    expect(body).toEqual([lede, rest, line])
  })
})

describe('a line over the headline', () => {
  const lede = 'Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.'
  const rest = 'No injuries were reported, but officials urged people nearby to keep their windows closed while crews worked.'

  it.each(['Analysis', 'Exclusive', 'Explainer', 'Breaking News'])('goes when it is a kicker, %j, and the headline is the title', async (kicker) => {
    const { frontmatter, body } = await ingestOne(`${kicker}\nFire forces evacuation in port district\nBy Jane Doe\nJanuary 5, 2026\n${lede}\n${rest}\n`)
    expect(frontmatter).toContain('title: Fire forces evacuation in port district\ndate: 2026-01-05T00:00:00Z\n')
    expect(frontmatter).toContain('byline: Jane Doe\n')
    expect(body).toEqual([lede, rest])
  })

  it('goes when it is a newsletter\'s name over a headline with its byline and date under it, as Substack gives them', async () => {
    const { frontmatter, body } = await ingestOne(`The Weekly Signal\nWhy the port fire spread so fast\nThree warnings the operator ignored\nJane Doe\nMar 03, 2026\n∙ Paid\n${lede}\n${rest}\n`)
    expect(frontmatter).toContain('title: Why the port fire spread so fast\ndate: 2026-03-03T00:00:00Z\n')
    expect(frontmatter).toContain('byline: Jane Doe\n')
    expect(body).toEqual(['Three warnings the operator ignored', lede, rest])
  })

  it('is the headline when it is one, short, over its standfirst and byline', async () => {
    const { frontmatter, body } = await ingestOne(`Port fire spreads\nCrews battle the blaze at a chemical warehouse\nBy Jane Doe\nJanuary 5, 2026\n${lede}\n`)
    expect(frontmatter).toContain('title: Port fire spreads\n')
    expect(body).toEqual(['Crews battle the blaze at a chemical warehouse', lede])
  })

  it('stays in the body as a subheading', async () => {
    const { body } = await ingestOne(`Fire forces evacuation in port district\n\nBy Jane Doe\n\n${lede}\n\nAnalysis\n\n${rest}\n`)
    expect(body).toEqual([lede, 'Analysis', rest])
  })
})

describe('a headline copied from the page\'s title', () => {
  const lede = 'Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.'

  it.each([
    ['Fire forces evacuation in port district - BBC News', 'BBC News'],
    ['Fire forces evacuation in port district | Reuters', 'Reuters'],
    ['Fire forces evacuation in port district – The Guardian', 'The Guardian'],
    ['Fire forces evacuation in port district | CNN Business', 'CNN'],
    ['Fire forces evacuation in port district : NPR', 'NPR'],
    ['Fire forces evacuation in port district - Harbour Herald', 'Harbour Herald']
  ])('loses the site\'s name, which is the source: %j', async (line, source) => {
    const { frontmatter, body } = await ingestOne(`${line}\n\n${lede}\n`)
    expect(frontmatter).toContain('title: Fire forces evacuation in port district\n')
    expect(frontmatter).toContain(`source: ${source}\n`)
    expect(body).toEqual([lede])
  })

  it.each(['Fire forces evacuation - Three Dead', 'Port fire: what we know', 'Storm hits coast - live updates', 'Fire - Harbour'])('keeps an end that names no site: %j', (title) => {
    expect(withoutSiteName(title)).toEqual({ title })
  })
})

describe('a page\'s menu a line each, over its headline', () => {
  const lede = 'Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.'
  const rest = 'No injuries were reported, but officials urged people nearby to keep their windows closed while crews worked.'

  it.each([
    ['the Guardian\'s, with its section over the headline', ['Skip to main content', 'Skip to navigation', 'Print subscriptions', 'Sign in', 'Search jobs', 'Search', 'UK edition', 'The Guardian - Back to home', 'News', 'Opinion', 'Sport', 'Culture', 'Lifestyle', 'Show more', 'UK', 'World', 'Climate crisis', 'Newsletters', 'Business', 'Transport'], 'Pippa Crerar Political editor\nMon 5 Jan 2026 10.04 GMT\nShare', 'byline: Pippa Crerar\n'],
    ['the BBC\'s, with links of its own among them', ['Skip to content', 'British Broadcasting Corporation', 'Home', 'News', 'Sport', 'Weather', 'iPlayer', 'Sounds', 'Bitesize', 'More menu', 'Search BBC', 'Home', 'InDepth', 'Israel-Gaza war', 'War in Ukraine', 'Climate', 'UK', 'World', 'Business', 'Politics', 'Culture'], '5 January 2026\nShare\nSave\nJane Doe\nBBC News', 'source: BBC News\nbyline: Jane Doe\n']
  ])('is taken out whole, %s', async (_name, menu, lead, byline) => {
    const { frontmatter, body } = await ingestOne(`${menu.join('\n')}\nFire forces evacuation in port district\n${lead}\n${lede}\n${rest}\n`)
    expect(frontmatter).toContain('title: Fire forces evacuation in port district\n')
    expect(frontmatter).toContain(byline)
    expect(frontmatter).not.toMatch(/^ {2}- (?:UK|Ukraine|Gaza|BBC|Guardian)/mu)
    expect(body).toEqual([lede, rest])
  })

  it('leaves a headline of two words under it, over the story\'s first sentence', async () => {
    const { frontmatter, body } = await ingestOne(`Home\nNews\nSport\nWeather\nWorld\nBusiness\nWarehouse burns\n${lede}\n${rest}\n`)
    expect(frontmatter).toContain('title: Warehouse burns\n')
    expect(body).toEqual([lede, rest])
  })

  it('is no list of short lines of anything else', async () => {
    const list = ['Flour', 'Sugar', 'Two eggs', 'Butter', 'Milk', 'Salt']
    const { body } = await ingestOne(`Bake sale raises funds for fire victims\n\nThe bakers used:\n${list.join('\n')}\n\n${lede}\n`)
    expect(body).toEqual(['The bakers used:', ...list, lede])
  })

  it('is taken out with the logo and search form, as AP\'s page gives them', async () => {
    const lede = 'Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.'
    const menu = ['Skip to main content', 'AP Logo', 'Menu', 'World', 'U.S.', 'Politics', 'Sports', 'Entertainment', 'Business', 'Search Query', 'Submit Search', 'Show Search']
    const { frontmatter, body } = await ingestOne(`${menu.join('\n')}\nFire forces evacuation in port district\nBy  JANE DOE\nUpdated 10:04 AM EST, January 5, 2026\nShare\n${lede}\n`)
    expect(frontmatter).toContain('title: Fire forces evacuation in port district\ndate: 2026-01-05T15:04:00Z\n')
    expect(frontmatter).toContain('byline: Jane Doe\n')
    expect(body).toEqual([lede])
  })
})

describe('counts of a post\'s likes and comments', () => {
  const lines = (...texts: string[]) => texts.map((text) => ({ text }))

  it('are numbers alone right above "Share"', () => {
    expect(isReactionCount(lines('142', '12', 'Share'), 0)).toBe(true)
    expect(isReactionCount(lines('142', '12', 'Share'), 1)).toBe(true)
    expect(isReactionCount(lines('1.2K', 'Share'), 0)).toBe(true)
  })

  it.each([
    ['a number over news', ['142', 'people were evacuated from the port district on Monday.']],
    ['a number with no "Share" under it', ['142', '12']],
    ['"Share" itself', ['Share']],
    ['numbers too many to be a post\'s buttons', ['1', '2', '3', 'Share']]
  ])('are not %s', (_name, texts) => {
    expect(isReactionCount(lines(...texts), 0)).toBe(false)
  })
})

describe('a byline and a date under the headline', () => {
  const lede = 'Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.'
  const rest = 'No injuries were reported, but officials urged people nearby to keep their windows closed while crews worked.'

  it('takes them out of the body: the byline, its agency as the source and the date', async () => {
    const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\n\nBy Jane Doe, Reuters\nPublished: 3 January 2026\n\n${lede}\n\n${rest}\n`)
    expect(frontmatter).toContain(`title: Fire forces evacuation in port district\ndate: 2026-01-03T00:00:00Z\nslug: fire-forces-evacuation-in-port-district\nsummary: ${lede}\nsource: Reuters\nbyline: Jane Doe\n`)
    expect(frontmatter).not.toContain('tags:')
    expect(body).toEqual([lede, rest])
  })

  it.each([
    ['a date and time in a zone', 'Jan. 5, 2026 10:04 a.m. ET', 'date: 2026-01-05T15:04:00Z\n', undefined],
    ['an ISO 8601 date-time', '2026-01-05T10:00:00Z', 'date: 2026-01-05T10:00:00Z\n', undefined],
    ['two people and a date', 'By Jane Doe and John Smith\nJanuary 5, 2026', 'date: 2026-01-05T00:00:00Z\n', 'byline: Jane Doe and John Smith\n'],
    ['all on one line', 'By Jane Doe, The Associated Press | Updated 5 January 2026 | 5 min read', 'date: 2026-01-05T00:00:00Z\n', 'source: Associated Press\nbyline: Jane Doe\n'],
    ['a date glued to its time and to when it was updated', 'By Jane Doe\nJanuary 5, 20264:12 PM GMT+1Updated 2 hours ago', 'date: 2026-01-05T15:12:00Z\n', 'byline: Jane Doe\n'],
    ['a date published, then updated', 'Published 5 January 2026, updated 6 January 2026', 'date: 2026-01-05T00:00:00Z\n', undefined],
    ['a date last updated', 'Last updated 6 January 2026', 'date: 2026-01-06T00:00:00Z\n', undefined],
    ['a blog\'s byline and date in one sentence', 'Posted by Sam Lee on March 3, 2026', 'date: 2026-03-03T00:00:00Z\n', 'byline: Sam Lee\n'],
    ['a blog\'s date and byline in one sentence', 'Posted on March 3, 2026 by Sam Lee', 'date: 2026-03-03T00:00:00Z\n', 'byline: Sam Lee\n'],
    ['a byline and a date in one sentence', 'By Jane Doe on 5 January 2026', 'date: 2026-01-05T00:00:00Z\n', 'byline: Jane Doe\n'],
    ['a blog\'s account name and date in one sentence, the account no byline', 'Posted by admin on March 3, 2026', 'date: 2026-03-03T00:00:00Z\n', undefined],
    ['a name alone over a date and a reading time, as Yahoo gives them', 'Jane Doe\nMon, January 5, 2026 at 10:04 AM UTC\n3 min read', 'date: 2026-01-05T10:04:00Z\n', 'byline: Jane Doe\n'],
    ['a name with its "Follow" button over a date, as Medium gives them', 'Jane Doe\nFollow\n5 min read\n·\nJan 5, 2026', 'date: 2026-01-05T00:00:00Z\n', 'byline: Jane Doe\n'],
    ['a date and its time a dot apart', 'January 5, 2026 · 5:00 AM ET', 'date: 2026-01-05T10:00:00Z\n', undefined],
    ['a name over a date with its section after a dash, as Axios gives them', 'Jane Doe\nJan 5, 2026 - Politics & Policy', 'date: 2026-01-05T00:00:00Z\n', 'byline: Jane Doe\n'],
    ['a name over its outlet, a line each, as the BBC gives them', '5 January 2026\nJane Doe\nBBC News', 'date: 2026-01-05T00:00:00Z\n', 'source: BBC News\nbyline: Jane Doe\n'],
    ['a byline that describes its writer, as the Verge gives it', 'By Jane Doe, a senior reporter covering climate and energy\nJan 5, 2026, 10:04 AM UTC', 'date: 2026-01-05T10:04:00Z\n', 'byline: Jane Doe\n'],
    ['a byline and a date around a player and its length, as the Wall Street Journal gives them', 'By Jane Doe\nFollow\nUpdated Jan. 5, 2026 4:12 pm ET\n\nListen\n(2 min)', 'date: 2026-01-05T21:12:00Z\n', 'byline: Jane Doe\n'],
    ['a byline and its outlet in capitals on one line', 'By Jane Doe | REUTERS\nJanuary 5, 2026', 'date: 2026-01-05T00:00:00Z\n', 'source: Reuters\nbyline: Jane Doe\n'],
    ['a byline and its agency in capitals after a comma', 'By Jane Doe, REUTERS\nJanuary 5, 2026', 'date: 2026-01-05T00:00:00Z\n', 'source: Reuters\nbyline: Jane Doe\n'],
    ['a name over its outlet in capitals', 'Jane Doe\nREUTERS\nJanuary 5, 2026', 'date: 2026-01-05T00:00:00Z\n', 'source: Reuters\nbyline: Jane Doe\n'],
    ['a name over its role and what the writer says of themselves, as Forbes gives them', 'Jane Doe\nContributor\nI write about ports, shipping and the chemicals trade.\nFollow\nJan 5, 2026, 10:04am EST', 'date: 2026-01-05T15:04:00Z\n', 'byline: Jane Doe\n'],
    ['a name over its role and a sentence about the writer that names them', 'Jane Doe\nSenior Contributor\nJane Doe is a reporter covering ports, shipping and the chemicals trade.\nJan 5, 2026, 10:04am EST', 'date: 2026-01-05T15:04:00Z\n', 'byline: Jane Doe\n'],
    ['a name over its outlet\'s staff', 'Jane Doe\nForbes Staff\nJan 5, 2026, 10:04am EST', 'date: 2026-01-05T15:04:00Z\n', 'byline: Jane Doe\n'],
    ['the programme a radio story was heard on, as NPR gives it', 'Heard on Morning Edition\nJane Doe\nJanuary 5, 2026 · 5:00 AM ET', 'date: 2026-01-05T10:00:00Z\n', 'byline: Jane Doe\n'],
    ['a name, a date, a paid post\'s mark and counts of likes and comments, as Substack gives them', 'Jane Doe\nMar 3, 2026\n∙ Paid\n142\n12\nShare', 'date: 2026-03-03T00:00:00Z\n', 'byline: Jane Doe\n'],
    ['a name over a date with a paid post\'s mark after a dot, and counts in thousands', 'Jane Doe\nMar 3, 2026 ∙ Paid\n1.2K\n87\nShare', 'date: 2026-03-03T00:00:00Z\n', 'byline: Jane Doe\n'],
    ['a name and its role on one line, as the Guardian gives them', 'Pippa Crerar Political editor\nMon 5 Jan 2026 10.04 GMT\nShare', 'date: 2026-01-05T10:04:00Z\n', 'byline: Pippa Crerar\n'],
    ['where the story was reported from, as the New York Times gives it', 'By Jane Doe\nReporting from London and Paris\nJan. 5, 2026', 'date: 2026-01-05T00:00:00Z\n', 'byline: Jane Doe\n'],
    ['a date of numbers with a time in an American zone, as Politico gives it', 'By JANE DOE\n01/05/2026 10:04 AM EST', 'date: 2026-01-05T15:04:00Z\n', 'byline: Jane Doe\n'],
    ['a byline, a date and the buttons under them, as the Washington Post gives them', 'By Jane Doe\nJanuary 5, 2026 at 10:04 a.m. EST\nListen\n5 min\nShare\nComment\nAdd to your saved stories\nSave', 'date: 2026-01-05T15:04:00Z\n', 'byline: Jane Doe\n'],
    ['a name over its role and handle, and a date with its country, as Sky News gives them', 'Jane Doe\nNews reporter @janedoe\nMonday 5 January 2026 10:04, UK', 'date: 2026-01-05T10:04:00Z\n', 'byline: Jane Doe\n'],
    ['who reported it and who edited it, as NDTV gives them', 'Reported by Jane Doe, Edited by John Smith\nUpdated: January 05, 2026 10:04 am IST', 'date: 2026-01-05T04:34:00Z\n', 'byline: Jane Doe\n'],
    ['the topic a page files the story under, as the ABC gives it', 'ABC News\nTopic: Infrastructure\nPosted Mon 5 Jan 2026 at 10:04am', 'date: 2026-01-05T10:04:00Z\n', undefined],
    ['a player\'s buttons, as the Wall Street Journal gives them', 'By Jane Doe\nFollow\nUpdated Jan. 5, 2026 4:12 pm ET\nShare\nResize\nListen\n(2 min)', 'date: 2026-01-05T21:12:00Z\n', 'byline: Jane Doe\n'],
    ['a date in the words of a story in German, in a site in English', 'By Jane Doe\nVeröffentlicht am 5. Januar 2026 um 10:32 Uhr', 'date: 2026-01-05T10:32:00Z\n', 'byline: Jane Doe\n'],
    ['a date in the words of a story in Russian, in a site in English', 'By Jane Doe\n5 января 2026 года', 'date: 2026-01-05T00:00:00Z\n', 'byline: Jane Doe\n'],
    ['a byline and a date of a story in German, in a site in English', 'Von Hans Müller\n5. Januar 2026, 10.32 Uhr', 'date: 2026-01-05T10:32:00Z\n', 'byline: Hans Müller\n'],
    ['a byline and a date of a story in French, in a site in English', 'Par Jeanne Dupont\nPublié le 5 janvier 2026 à 10h32', 'date: 2026-01-05T10:32:00Z\n', 'byline: Jeanne Dupont\n'],
    ['a desk\'s name and a date a slash apart, as the Times of India gives them', 'TOI News Desk / Updated: Jan 5, 2026, 10:04 IST', 'date: 2026-01-05T04:34:00Z\n', undefined],
    ['a desk\'s byline, which names no one', 'By Web Desk\nJan 5, 2026, 10:04 IST', 'date: 2026-01-05T04:34:00Z\n', undefined],
    ['a news service\'s name', 'Express News Service\nJan 5, 2026, 10:04 IST', 'date: 2026-01-05T04:34:00Z\n', undefined],
    ['the wires, unnamed', 'Agencies\nJan 5, 2026, 10:04 IST', 'date: 2026-01-05T04:34:00Z\n', undefined],
    ['a known agency alone, which is the source', 'PTI\nJan 5, 2026, 10:04 IST', 'date: 2026-01-05T04:34:00Z\nslug: fire-forces-evacuation-in-port-district\nsummary: Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.\nsource: PTI\n', undefined],
    ['a name, a reading time, a date and the counts and buttons under them, as Medium gives them', 'Jane Doe\n2 min read\nJan 5, 2026\n--\n3\nListen\nShare', 'date: 2026-01-05T00:00:00Z\n', 'byline: Jane Doe\n']
  ])('reads %s', async (_name, lines, date, byline) => {
    const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\n\n${lines}\n\n${lede}\n\n${rest}\n`)
    expect(frontmatter).toContain(date)
    if (byline) expect(frontmatter).toContain(byline)
    else expect(frontmatter).not.toContain('byline:')
    expect(body).toEqual([lede, rest])
  })

  it('keeps a first sentence about the writer that stands under no role of theirs', async () => {
    const column = 'I write about my grandmother every year on this day, because the fire took her house and never her humour.'
    const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\n\nJane Doe\nJanuary 5, 2026\n${column}\n${rest}\n`)
    expect(frontmatter).toContain('byline: Jane Doe\n')
    expect(body).toEqual([column, rest])
  })

  it('reads them in text of a paragraph per line, and hard-wrapped', async () => {
    const perLine = await ingestOne(`Fire forces evacuation in port district\nBy Jane Doe, Reuters\nPublished: 3 January 2026\n${lede}\n${rest}\n`)
    expect(perLine.frontmatter).toContain('title: Fire forces evacuation in port district\ndate: 2026-01-03T00:00:00Z\n')
    expect(perLine.body).toEqual([lede, rest])
    const wrapped = await ingestOne(`Fire forces evacuation in port district\n\nBy Jane Doe and John Smith, Reuters\nPublished: 3 January 2026\n${wrap(lede, 72)}\n\n${wrap(rest, 72)}\n`)
    expect(wrapped.frontmatter).toContain('byline: Jane Doe and John Smith\n')
    expect(wrapped.body).toEqual([lede, rest])
  })

  it.each([
    ['a standfirst and a byline, a paragraph each', `Senate passes stopgap bill\n\nThe bill now heads to the House, where a vote is expected\n\nBy Jane Doe, Reuters\nPublished: 3 January 2026\n\n${lede}\n\n${rest}\n`],
    ['a paragraph per line', `Senate passes stopgap bill\nThe bill now heads to the House, where a vote is expected.\nBy Jane Doe, Reuters\nPublished: 3 January 2026\n${lede}\n${rest}\n`],
    ['a date alone under a standfirst that is no sentence', `Senate passes stopgap bill\n\nThe bill now heads to the House, where a vote is expected\n\nPublished: 3 January 2026\n\n${lede}\n\n${rest}\n`]
  ])('takes the byline and the date under a standfirst, which stays the first paragraph: %s', async (_name, seed) => {
    const { frontmatter, body } = await ingestOne(seed)
    expect(frontmatter).toContain('title: Senate passes stopgap bill\ndate: 2026-01-03T00:00:00Z\n')
    if (seed.includes('By Jane Doe')) expect(frontmatter).toContain('source: Reuters\nbyline: Jane Doe\n')
    expect(body).toEqual([expect.stringMatching(/^The bill now heads to the House, where a vote is expected\.?$/), lede, rest])
  })

  it('leaves a date under the story\'s first sentence, and a "By" that opens a sentence, where they are', async () => {
    const dated = await ingestOne(`Fire forces evacuation in port district\n\n${lede}\n\n5 January 2026\n\n${rest}\n`)
    expect(dated.frontmatter).toContain('date: 2026-01-15T12:00:00Z\n')
    expect(dated.body).toEqual([lede, '5 January 2026', rest])
    const by = await ingestOne(`Fire forces evacuation in port district\n\nThe fire started in a warehouse near the docks\n\nBy Tuesday, the fire was out.\n\n${rest}\n`)
    expect(by.body).toEqual(['The fire started in a warehouse near the docks', 'By Tuesday, the fire was out.', rest])
  })

  it('leaves a name alone where it is when no date is under it, or when the story names the person', async () => {
    const alone = await ingestOne(`Fire forces evacuation in port district\n\nJane Doe\n\n${lede}\n\n${rest}\n`)
    expect(alone.body).toEqual(['Jane Doe', lede, rest])
    const named = `Jane Doe, the fire chief, said the blaze was under control by dawn.`
    const subject = await ingestOne(`Fire forces evacuation in port district\n\nJane Doe\n5 January 2026\n\n${named}\n\n${rest}\n`)
    // The name stays, a standfirst; the date under it is read as under any standfirst.
    expect(subject.body).toEqual(['Jane Doe', named, rest])
    expect(subject.frontmatter).not.toContain('byline:')
  })

  it('reads lines of 100,000 spaces or tabs between words in time that grows with them, not its square', () => {
    // The search for " | " started again at each space of a run, and so did the blog sentence's " on ".
    for (const line of [`Advertisement${' '.repeat(100_000)}x`, `By Jane${'\t'.repeat(100_000)}x`, `Posted by Sam${' '.repeat(100_000)}on 5 January 2026`]) {
      const lead = takeStoryLead([{ text: line }, { text: lede }], 'UTC', { underHeadline: true })
      expect(lead.rest.map((paragraph) => paragraph.text)).toEqual([line, lede])
    }
  })

  it('leaves a sentence shaped like a blog\'s byline and date where it is', async () => {
    for (const line of ['Posted by the council on its website, the notice was taken down within hours.', 'By Tuesday the river had risen on the coast road.', 'Published on Monday by the ministry, the report found no fault.']) {
      const { body } = await ingestOne(`Fire forces evacuation in port district\n\n${line}\n\n${lede}\n\n${rest}\n`)
      expect(body).toEqual([line, lede, rest])
    }
  })

  it('leaves a date or a "By" in the story itself where it is', async () => {
    const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\n\n${lede}\n\nBy Tuesday, the fire was out.\n\n5 January 2026\n`)
    expect(frontmatter).toContain('date: 2026-01-15T12:00:00Z\n')
    expect(body).toEqual([lede, 'By Tuesday, the fire was out.', '5 January 2026'])
  })

  it.each([
    ['By Jane Doe', { names: 'Jane Doe' }],
    ['By Jane Doe, Reuters', { names: 'Jane Doe', agency: 'Reuters' }],
    ['BY JANE DOE, AFP', { names: 'Jane Doe', agency: 'AFP' }],
    ['BY JANE DOE AND JOHN SMITH', { names: 'Jane Doe and John Smith' }],
    ['By JANE DOE, Reuters', { names: 'Jane Doe', agency: 'Reuters' }],
    ['BY URSULA VON DER LEYEN', { names: 'Ursula von der Leyen' }],
    ['BY MARINE LE PEN', { names: 'Marine Le Pen' }],
    ['By Jane Doe and John Smith', { names: 'Jane Doe and John Smith' }],
    ['By Jane Doe, John Smith and Ola Nordmann', { names: 'Jane Doe, John Smith and Ola Nordmann' }],
    ['By Jane Doe, Staff Writer', { names: 'Jane Doe' }],
    ['By Ursula von der Leyen in Brussels', { names: 'Ursula von der Leyen' }],
    ['Written by J. K. Doe, Kyodo News', { names: 'J. K. Doe', agency: 'Kyodo News' }],
    ['By Reuters', { names: '', agency: 'Reuters' }],
    ['By The Associated Press', { names: '', agency: 'Associated Press' }],
    ['By Jane Doe, a senior reporter covering climate', { names: 'Jane Doe' }],
    ["By Jane Doe, the paper's Europe correspondent", { names: 'Jane Doe' }],
    ['By Jane Doe, a friend of the victim', undefined],
    ['By Tuesday, the river had risen', undefined],
    ['By Monday', undefined],
    ['By the time the fire was out, the warehouse was gone', undefined],
    ['By Anna, Ben, Carl, Dora and Emil Berg', undefined]
  ])('readByline(%j)', (line, expected) => {
    expect(readByline(line)).toEqual(expected)
  })

  it.each([
    ['Spiegel\'s date and time with "Uhr", in any site', '05.01.2026, 10.32 Uhr', undefined],
    ['a date and time with dots, in a site in German', '05.01.2026 10:32', { language: 'de' }]
  ])('reads %s day first', async (_name, line, config) => {
    const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\n\nBy Jane Doe\n${line}\n\n${lede}\n\n${rest}\n`, config)
    expect(frontmatter).toContain('date: 2026-01-05T10:32:00Z\n')
    expect(body).toEqual([lede, rest])
  })

  it.each([
    ['Spiegel\'s byline and date', 'Von Jane Doe\n5. Januar 2026, 10.32 Uhr', 'de', 'byline: Jane Doe\n'],
    ['the Tagesschau\'s "Stand:"', 'Stand: 05.01.2026 10:32 Uhr', 'de', undefined],
    ['Zeit\'s "Veröffentlicht am"', 'Veröffentlicht am 5. Januar 2026 um 10:32 Uhr', 'de', undefined],
    ['Le Monde\'s "Publié le"', 'Publié le 5 janvier 2026 à 10h32', 'fr', undefined]
  ])('reads %s in a site in that language', async (_name, lines, language, byline) => {
    const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\n\n${lines}\n\n${lede}\n\n${rest}\n`, { language })
    expect(frontmatter).toContain('date: 2026-01-05T10:32:00Z\n')
    if (byline) expect(frontmatter).toContain(byline)
    expect(body).toEqual([lede, rest])
  })

  it('leaves a date of numbers with dots in an English site, and one with slashes in a German site, unread: which day is not certain', async () => {
    for (const [line, config] of [['05.01.2026 10:32', undefined], ['05/01/2026 10:32', { language: 'de' }]] as const) {
      const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\n\nBy Jane Doe\n\n${line}\n\n${lede}\n\n${rest}\n`, config)
      expect(frontmatter).toContain('date: 2026-01-15T12:00:00Z\n')
      expect(body).toEqual([line, lede, rest])
    }
  })

  it('takes a byline that names only a wire as the source', async () => {
    const { frontmatter, body } = await ingestOne(`Fire forces evacuation in port district\n\nBy Reuters\n\n${lede}\n`)
    expect(frontmatter).toContain('source: Reuters\n')
    expect(frontmatter).not.toContain('byline:')
    expect(body).toEqual([lede])
  })

  it('takes lines of the lead in any order and stops at the story', () => {
    const at = (text: string) => ({ text })
    const lead = takeStoryLead([at('Menu'), at('Updated: 6 January 2026'), at('By Jane Doe, Reuters'), at('Posted on January 5, 2026'), at(lede), at('Advertisement')], 'UTC')
    expect(lead).toEqual({ rest: [at(lede), at('Advertisement')], chrome: [at('Menu')], byline: 'Jane Doe', agency: 'Reuters', date: '2026-01-05' })
  })
})

describe('a byline without "By", or with more after the name', () => {
  const lede = 'European ministers failed to agree on a new migration pact on Monday after two days of talks, officials said.'
  const rest = 'Negotiations are expected to resume next month, when the presidency passes to Poland.'

  it.each([
    ['Jane Doe in Brussels', 'byline: Jane Doe\n', undefined],
    ['Jane Doe / BBC News, Exeter', 'byline: Jane Doe\n', 'source: BBC News\n'],
    ['Jane Doe & John Roe / BBC News', 'byline: Jane Doe & John Roe\n', 'source: BBC News\n'],
    ['Jane Doe / News reporter @janedoe', 'byline: Jane Doe\n', undefined],
    ['By Chad Pergram Fox News', 'byline: Chad Pergram\n', 'source: Fox News\n'],
    ['By JANE DOE FOR MAILONLINE', 'byline: Jane Doe\n', undefined]
  ])('takes %j under the headline as the byline', async (line, byline, source) => {
    const { frontmatter, body } = await ingestOne(`Talks on migration pact collapse\n\n${line}\n\n${lede}\n\n${rest}\n`)
    expect(frontmatter).toContain('title: Talks on migration pact collapse\n')
    expect(frontmatter).toContain(`summary: ${lede}\n`)
    expect(frontmatter).toContain(byline)
    if (source) expect(frontmatter).toContain(source)
    else expect(frontmatter).not.toContain('source:')
    expect(frontmatter).not.toMatch(/- (?:Jane Doe|Brussels|Exeter)\n/)
    expect(body).toEqual([lede, rest])
  })

  it('takes one under a standfirst, in text of a paragraph per line', async () => {
    const { frontmatter, body } = await ingestOne(`Talks on migration pact collapse\nMinisters leave without a deal after two days\nJane Doe in Brussels\n${lede}\n${rest}\n`)
    expect(frontmatter).toContain('byline: Jane Doe\n')
    expect(body).toEqual(['Ministers leave without a deal after two days', lede, rest])
  })

  it.each([
    ['Par Jeanne Dupont', 'fr', 'Jeanne Dupont'],
    ['Von Hans Müller', 'de', 'Hans Müller'],
    ['Por Juan Pérez', 'es', 'Juan Pérez'],
    ['Di Mario Rossi', 'it', 'Mario Rossi']
  ])('takes %j as the byline in a site in %s', async (line, language, names) => {
    const { frontmatter, body } = await ingestOne(`Talks on migration pact collapse\n\n${line}\n\n${lede}\n`, { language })
    expect(frontmatter).toContain(`byline: ${names}\n`)
    expect(body).toEqual([lede])
    expect(readByline(line)).toBeUndefined()
  })

  it.each([
    ['a line of the story that opens with a name in a place', 'Jane Doe in Brussels said the talks had failed.'],
    ['a standfirst about a person the story names', 'Taylor Swift in Tokyo'],
    ['a short headline in title case', 'Talks Fail in Brussels'],
    ['a storm in a place', 'Storm Henk in Cornwall'],
    ['a name and a slash with no outlet after it', 'Jane Doe / John Roe'],
    ['a name with a slash in a sentence', 'Jane Doe / BBC News said the talks had failed.']
  ])('keeps %s: %j', async (_name, line) => {
    const story = 'Taylor Swift played the first of four sold-out nights in Tokyo on Monday, weeks after the talks had failed.'
    const { body } = await ingestOne(`Talks on migration pact collapse\n\n${line}\n\n${story}\n\n${rest}\n`)
    expect(body).toEqual([line, story, rest])
  })

  it('keeps a headline with a name in a place as the headline', async () => {
    const { frontmatter, body } = await ingestOne(`Storm in Brussels\n\n${lede}\n\n${rest}\n`)
    expect(frontmatter).toContain('title: Storm in Brussels\n')
    expect(body).toEqual([lede, rest])
  })

  it.each([
    ['Jane Doe in Brussels', { names: 'Jane Doe' }],
    ['Jane Doe / BBC News, Exeter', { names: 'Jane Doe', agency: 'BBC News' }],
    ['Jane Doe, John Roe / Reuters', { names: 'Jane Doe, John Roe', agency: 'Reuters' }],
    ['Jane Doe / Political correspondent', { names: 'Jane Doe' }],
    ['Pippa Crerar in Westminster', undefined],
    ['Talks Fail in Brussels', undefined],
    ['Jane Doe / Brussels', undefined],
    ['Fox News / Jane Doe', undefined],
    ['Jane Doe', undefined],
    ['Pippa Crerar Political editor', { names: 'Pippa Crerar' }],
    ['Ana de la Cruz Chief political correspondent', { names: 'Ana de la Cruz' }],
    ['Jane Doe / REUTERS', { names: 'Jane Doe', agency: 'Reuters' }],
    ['The Chief Editor', undefined],
    ['New York Times Editor', undefined],
    ['Storm Henk Weather warning', undefined],
    ['Rail Strike Ends', undefined]
  ])('readBareByline(%j)', (line, expected) => {
    expect(readBareByline(line)).toEqual(expected)
  })

  it.each([
    ['By Chad Pergram Fox News', { names: 'Chad Pergram', agency: 'Fox News' }],
    ['By Jane Doe The Washington Post', { names: 'Jane Doe', agency: 'The Washington Post' }],
    ['By Jane Doe for The Telegraph', { names: 'Jane Doe', agency: 'The Telegraph' }],
    ['By JANE DOE FOR MAILONLINE', { names: 'Jane Doe' }],
    ['By Jane Doe Fox', { names: 'Jane Doe Fox' }],
    ['By Fox News', { names: '', agency: 'Fox News' }],
    ['By the time Fox News called it, the race was over', undefined]
  ])('readByline(%j)', (line, expected) => {
    expect(readByline(line)).toEqual(expected)
  })

  it('reads lines of 100,000 characters built against its patterns in well under 100 ms', () => {
    const lines = ['By ' + 'Jane '.repeat(20000), 'By Jane Doe' + ' for'.repeat(25000), 'Jane' + ' / '.repeat(33000), 'Jane Doe in' + ' Brussels'.repeat(11000), 'Jane Doe / News reporter' + ' @'.repeat(50000), 'Jane Doe / BBC News' + ', '.repeat(50000)]
    for (const line of lines) {
      const started = performance.now()
      readByline(line)
      readBareByline(line)
      takeStoryLead([{ text: line }], 'UTC', { underHeadline: true })
      expect(performance.now() - started).toBeLessThan(100)
    }
  })
})

describe('a dateline alone on its line', () => {
  const lede = 'Thousands of homes across southern England were left without power on Friday after Storm Henk brought winds of up to 90 mph, the Met Office said.'
  const rest = 'Engineers worked through the night to restore supplies, and most homes were reconnected by the morning.'

  it.each([
    ['London CNN —', 'London (CNN) —'],
    ['CNN —', '(CNN) —'],
    ['(CNN) —', '(CNN) —'],
    ['Hong Kong CNN —', 'Hong Kong (CNN) —'],
    ['Washington, DC CNN —', 'Washington, DC (CNN) —'],
    ['CNN Business —', '(CNN Business) —'],
    ['New York CNN Business —', 'New York (CNN Business) —'],
    ['HAMBURG, Jan 5 (Reuters) -', 'HAMBURG, Jan 5 (Reuters) -']
  ])('reads %j as a dateline, written %j', (line, dateline) => {
    expect(loneDateline(line)).toBe(dateline)
  })

  it.each(['CNN', '(CNN)', 'CNN reported on Monday that the talks had failed.', 'CNN — and every other network — carried the speech live.', 'Watch CNN', 'London', 'Apple (AAPL) -'])('keeps %j for text', (line) => {
    expect(loneDateline(line)).toBeUndefined()
  })

  it.each([
    ['with a blank line after it', 'London CNN —\n\n'],
    ['in text of a paragraph per line', 'London CNN —\n']
  ])('opens the paragraph after it, %s: the summary is the story\'s first paragraph, and CNN its source', async (_name, dateline) => {
    const { frontmatter, body } = await ingestOne(`Storm Henk leaves thousands without power\n\nBy Jane Doe\n\n${dateline}${lede}\n\n${rest}\n`)
    expect(frontmatter).toContain(`summary: London (CNN) — ${lede}\n`)
    expect(frontmatter).toContain('source: CNN\n')
    expect(frontmatter).not.toMatch(/- .*CNN/)
    expect(body).toEqual([`London (CNN) — ${lede}`, rest])
  })

  it.each([
    ['CNN\'s, joined to its paragraph', 'London CNN — '],
    ['CNN\'s without a place', 'CNN — '],
    ['a section of CNN\'s, in brackets', 'New York (CNN Business) — '],
    ['a section of CNN\'s, joined to its paragraph', 'New York CNN Business — ']
  ])('reads %s: CNN is the source, and the dateline no topic', async (_name, dateline) => {
    const { frontmatter, body } = await ingestOne(`Storm Henk leaves thousands without power\n\nBy Jane Doe\n\n${dateline}${lede}\n\n${rest}\n`)
    expect(frontmatter).toContain(`summary: ${dateline}${lede}\n`)
    expect(frontmatter).toContain('source: CNN\n')
    expect(frontmatter).not.toMatch(/- .*(?:CNN|York|Business|—)/)
    expect(body).toEqual([`${dateline}${lede}`, rest])
  })

  it.each(['CNN — and every other network — carried the speech live.', 'Speaking to CNN — The senator said the vote would pass.', 'CNN Business', 'CNN Chief — no'])('reads no dateline in %j', (paragraph) => {
    expect(readDateline(paragraph)).toBeUndefined()
  })

  it('reads a long line of dashes and place names in linear time', () => {
    for (const line of ['London '.repeat(15_000) + 'CNN —', 'A'.repeat(100_000) + ' CNN —', 'CNN ' + '—'.repeat(100_000), 'London CNN' + ' '.repeat(100_000) + '—']) {
      const start = performance.now()
      expect(loneDateline(line)).toBeUndefined()
      expect(readDateline(line)).toBeUndefined()
      expect(performance.now() - start).toBeLessThan(100)
    }
  })
})

describe('a very long list', () => {
  it('is split in time that grows with its lines, not their square (100,000 items after a line that ends no sentence)', () => {
    // Looking back for the last item at every line took 14 s for 50,000 lines: past the test's timeout here.
    const text = `Intro line\n${Array.from({ length: 100_000 }, (_, i) => `- item ${i}`).join('\n')}`
    const paragraphs = splitParagraphs(text)
    expect(paragraphs).toHaveLength(100_001)
    expect(paragraphs[100_000]).toEqual({ text: '- item 99999', line: 100_001, column: 1 })
  })
})

describe('a block of very many lines', () => {
  it('is split without overflowing the stack (200,000 lines and no blank line)', () => {
    // Its longest line was found with `Math.max(...lengths)`: "Maximum call stack size exceeded" stopped the build.
    const paragraphs = splitParagraphs('Line\n'.repeat(200_000))
    expect(paragraphs).toHaveLength(200_000)
    expect(paragraphs[199_999]).toEqual({ text: 'Line', line: 200_000, column: 1 })
  })
})

describe('a paragraph of very many lines', () => {
  it('is joined in time that grows with its lines, not their square (400,000 lines that each go on the one before)', () => {
    // Testing the end of the paragraph joined so far at every line took 4 s for 80,000 lines, and
    // about 100 s for these: past the test's timeout here.
    const paragraphs = splitParagraphs('a\n'.repeat(400_000))
    expect(paragraphs).toEqual([{ text: Array(400_000).fill('a').join(' '), line: 1, column: 1 }])
  })
})

describe('a saved page\'s byline', () => {
  const story = ['Firefighters battled a large blaze at a chemical warehouse in the port district overnight, forcing the evacuation of more than 300 residents, the fire service said.', 'No injuries were reported, but officials urged people living within two kilometres of the site to keep their windows closed while crews worked.', 'The cause of the fire was not immediately known. The warehouse operator said it was cooperating fully with investigators.']
  const page = (byline: string) =>
    `<!doctype html><html><head><title>Fire forces evacuation in port district</title></head><body><article><h1>Fire forces evacuation in port district</h1>${byline}${story.map((text) => `<p>${text}</p>`).join('')}</article></body></html>`

  it.each([
    ['"By" and the agency', '<div class="byline">By Jane Doe, Reuters</div>', 'Jane Doe'],
    ['names in capitals', '<div class="byline">BY JANE DOE AND JOHN SMITH</div>', 'Jane Doe and John Smith'],
    ['a name and the time it was updated', '<div class="byline">By Jane Doe | Updated January 5, 2026</div>', 'Jane Doe'],
    ['a name and its role, as the Guardian sets them', '<div class="author">Pippa Crerar Political editor</div>', 'Pippa Crerar'],
    ['a link to the writer and their role', '<p class="byline">By <a rel="author" href="/jane">Jane Doe</a>, Staff Writer</p>', 'Jane Doe'],
    ['names and their agency', '<div class="byline">Jane Doe and John Smith, The Associated Press</div>', 'Jane Doe and John Smith'],
    ['a name Gazette cannot read as one, as it stands', '<div class="byline">By Sam</div>', 'Sam'],
    ['a newsroom, as no one', '<div class="byline">By the Harbour Herald newsroom</div>', undefined],
    ['a desk, as no one', '<div class="byline">By Web Desk</div>', undefined]
  ])('gives the names of %s', async (_name, byline, names) => {
    const { store } = await buildInMemory({ 'seeds/page.html': page(byline) })
    const text = String([...store.files].find(([path]) => path.startsWith('content/'))![1])
    if (names === undefined) expect(text).not.toContain('\nbyline:')
    else expect(text).toContain(`\nbyline: ${names}\n`)
  })
})

describe('a saved page\'s photos', () => {
  const story = ['Firefighters battled a large blaze at a chemical warehouse in the port district overnight, forcing the evacuation of more than 300 residents, the fire service said.', 'No injuries were reported, but officials urged people living within two kilometres of the site to keep their windows closed while crews worked.']

  it('opens the body with the lead photo and its caption, and the summary is the story\'s first paragraph, not a caption', async () => {
    const figure = (name: string, caption: string) => `<figure><img src="https://herald.example/img/${name}.jpg" alt="${name}"><figcaption>${caption}</figcaption></figure>`
    const html = `<!doctype html><html><head><title>Fire forces evacuation in port district</title><meta property="og:image" content="https://herald.example/img/fire.jpg"></head><body><article><h1>Fire forces evacuation in port district</h1>${figure('fire', 'The warehouse on Monday night.')}<p>${story[0]}</p>${figure('hose', 'A hose on the quay.')}<p>${story[1]}</p></article></body></html>`
    const { store } = await buildInMemory({ 'seeds/page.html': html })
    const text = String([...store.files].find(([path]) => path.startsWith('content/'))![1])
    expect(text).toContain(`\nsummary: ${story[0]}\n`)
    expect(text.slice(text.indexOf('\n---\n') + 5).trim().split('\n\n')).toEqual(['![fire](https://herald.example/img/fire.jpg "The warehouse on Monday night.")', ...story])
  })
})
