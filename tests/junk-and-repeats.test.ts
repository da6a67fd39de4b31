import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultBoilerplate } from '../src/config.js'
import { copyrightHolder, creditedWriters, isSectionBreak, namedSource, stripBoilerplate } from '../src/text/boilerplate.js'
import { findRepeats } from '../src/text/dedupe-paragraphs.js'
import { isTypo, withoutLatinAccents } from '../src/text/same-statement.js'
import { buildInMemory } from './helpers.js'

function kept(paragraphs: string[], title?: string): string[] {
  const removed = new Set(findRepeats(paragraphs, title).map((repeat) => repeat.index))
  return paragraphs.filter((_, index) => !removed.has(index))
}

function contentBody(store: { files: Map<string, string | Uint8Array> }): string[] {
  const [, text] = [...store.files].find(([path]) => path.startsWith('content/'))!
  const content = String(text)
  return content.slice(content.indexOf('\n---\n') + 5).trim().split('\n\n')
}

function contentFile(store: { files: Map<string, string | Uint8Array> }): string {
  return String([...store.files].find(([path]) => path.startsWith('content/'))![1])
}

const blast = 'An explosion at a chemical plant near the harbour killed three workers on Monday, police said.'

describe('findRepeats: a near copy says the same, a look-alike says something else', () => {
  it.each([
    ['a number spelled out', 'three', 'seven'],
    ['another spelled number', 'three', 'ten'],
    ['a count of people', 'killed three workers', 'killed three women'],
    ['what happened to them', 'killed', 'injured'],
    ['a place', 'near the harbour', 'near the airport'],
    ['a direction', 'near the harbour', 'north of the harbour'],
    ['a day', 'on Monday', 'on Tuesday'],
    ['a day dropped', ' on Monday', ''],
    ['the source', 'police said', 'witnesses said'],
    ['a negation', 'killed three', 'did not kill three'],
    ['a figure', 'three', '3']
  ])('keeps both when %s differs', (_name, from, to) => {
    const copy = blast.replace(from, to)
    expect(copy).not.toBe(blast)
    expect(kept([blast, copy])).toEqual([blast, copy])
  })

  it.each([
    ['ten/twenty', 'Ten people were arrested after the match in the city centre, a police spokesman said on Sunday.', 'Twenty people were arrested after the match in the city centre, a police spokesman said on Sunday.'],
    ['eight/nine', 'The court sentenced the eight defendants to prison terms of up to five years on Friday afternoon.', 'The court sentenced the nine defendants to prison terms of up to five years on Friday afternoon.'],
    ['arrested/released', 'The opposition leader was arrested at his home in the capital early on Thursday, his lawyer said.', 'The opposition leader was released at his home in the capital early on Thursday, his lawyer said.'],
    ['guilty/innocent', 'The jury found the former minister guilty of all charges after a trial lasting nearly three months.', 'The jury found the former minister innocent of all charges after a trial lasting nearly three months.'],
    ['north/south', 'Heavy rain caused flooding in the north of the country, where rivers burst their banks overnight.', 'Heavy rain caused flooding in the south of the country, where rivers burst their banks overnight.'],
    ['raised/cut', 'The central bank raised its main interest rate by a quarter of a point at its meeting this week.', 'The central bank cut its main interest rate by a quarter of a point at its meeting this week.'],
    ['supports/opposes', 'The largest union supports the government plan to raise the retirement age to sixty-seven years.', 'The largest union opposes the government plan to raise the retirement age to sixty-seven years.'],
    ['ban/allow', 'The city council voted to ban cars from the old town centre on weekends starting next spring.', 'The city council voted to allow cars in the old town centre on weekends starting next spring.'],
    ['women/men', 'More women than ever applied to join the fire service this year, the regional authority said.', 'More men than ever applied to join the fire service this year, the regional authority said.'],
    ['woman/women', 'The survey found that one woman in the district had been affected by the new rules this year.', 'The survey found that one women in the district had been affected by the new rules this year.'],
    ['sharply/slightly', 'Shares in the carmaker fell sharply in early trading after it cut its forecast for the year.', 'Shares in the carmaker fell slightly in early trading after it cut its forecast for the year.'],
    ['raise … cut swapped', 'The plan would raise taxes on fuel and cut taxes on food for families with young children.', 'The plan would cut taxes on fuel and raise taxes on food for families with young children.'],
    ['$ for €', 'The company agreed to pay $310 million to settle the claims brought by its former employees.', 'The company agreed to pay €310 million to settle the claims brought by its former employees.'],
    ['a number with a letter', 'Airbus said it would deliver the first A320 aircraft to the airline before the end of the year.', 'Airbus said it would deliver the first A321 aircraft to the airline before the end of the year.'],
    ['a name one letter apart', 'Finance Minister Peter Schulz told reporters in Berlin that the budget would be balanced next year.', 'Finance Minister Peter Schultz told reporters in Berlin that the budget would be balanced next year.'],
    ['a word that is a word elsewhere in the text', 'The county said the new budget would pay for more teachers and nurses over the next decade.', 'The country said the new budget would pay for more teachers and nurses over the next decade.']
  ])('keeps both: %s', (_name, first, second) => {
    const other = 'Elsewhere in the country, the county council met on Friday to discuss the same questions.'
    expect(kept([first, other, second])).toEqual([first, other, second])
  })

  it.each([
    ['smart and straight quotes', 'He said the “plan” was ready and that it would go to the cabinet next week.', 'He said the "plan" was ready and that it would go to the cabinet next week.'],
    ['an em dash and a hyphen', 'The talks — held in Naples on the fringes of the summit — ended without a deal.', 'The talks - held in Naples on the fringes of the summit - ended without a deal.'],
    ['doubled spaces and a space before a comma', 'The budget now goes to the state comptroller for review, a step expected to take several weeks.', 'The  budget now goes to the state comptroller for review , a step expected to take several weeks.'],
    ['a hyphen and a space', 'Officials spoke to reporters after a late-night session of the city council on the new budget.', 'Officials spoke to reporters after a late night session of the city council on the new budget.'],
    ['a soft hyphen', 'The fire forced the evacuation of more than 300 residents from nearby apartment blocks overnight.', 'The fire forced the evac\u00aduation of more than 300 residents from nearby apartment blocks overnight.'],
    ['accents lost', 'The café owners in Zürich said prices for coffee and milk had risen for the third month.', 'The cafe owners in Zurich said prices for coffee and milk had risen for the third month.'],
    ['a typo fixed', 'The goverment said it would publish the full report on the accident before the end of the month.', 'The government said it would publish the full report on the accident before the end of the month.'],
    ['letters swapped', 'Residents will recieve a letter explaining the new collection times for household waste next week.', 'Residents will receive a letter explaining the new collection times for household waste next week.'],
    ['"that" and "also" added', 'The minister said the government would raise the fuel tax this year to pay for new roads.', 'The minister also said that the government would raise the fuel tax this year to pay for new roads.'],
    ['an article dropped', 'The council said the new bridge would open to traffic in the spring after five years of work.', 'Council said the new bridge would open to traffic in the spring after five years of work.']
  ])('removes a copy that differs only in %s', (_name, first, second) => {
    expect(kept([first, second])).toEqual([first])
  })

  it('a typo needs a spelling found in no other paragraph: "goverment" is a slip, "county" and "country" are words', () => {
    expect(isTypo('goverment', 'government')).toBe(true)
    expect(isTypo('harbour', 'harbor')).toBe(true)
    for (const [a, b] of [['women', 'woman'], ['injured', 'insured'], ['killed', 'filled'], ['three', 'there'], ['fourth', 'forth'], ['raised', 'raises'], ['north', 'south'], ['men', 'man'], ['1200', '1300']]) {
      expect(isTypo(a!, b!)).toBe(false)
    }
  })

  it('builds b01: two sentences that differ in a spelled number both stay', async () => {
    const { store } = await buildInMemory({ 'seeds/blast.txt': `Blast at chemical plant\n\n${blast}\n\n${blast.replace('three', 'seven')}\n` })
    expect(contentBody(store)).toEqual([blast, blast.replace('three', 'seven')])
    expect(contentFile(store)).toMatch(/repeated: 0\n/)
  })
})

describe('findRepeats: properties', () => {
  const vocabulary = ['council', 'minister', 'harbour', 'budget', 'workers', 'plant', 'police', 'talks', 'prices', 'tax', 'fuel', 'bridge', 'court', 'union', 'rain', 'schools', 'hospital', 'election', 'strike', 'port']
  const sentence = fc.array(fc.constantFrom(...vocabulary), { minLength: 8, maxLength: 30 }).map((words) => words.join(' '))

  it('never removes a paragraph with one whole word replaced by a different word', () => {
    const replaced = sentence.chain((text) => {
      const words = text.split(' ')
      return fc.record({ at: fc.nat({ max: words.length - 1 }), by: fc.constantFrom(...vocabulary, 'Monday', 'not', 'seven', 'north', 'arrested') }).map(({ at, by }) => ({ text, copy: words.map((word, index) => (index === at ? by : word)).join(' ') }))
    }).filter(({ text, copy }) => text !== copy)
    fc.assert(fc.property(replaced, ({ text, copy }) => {
      expect(kept([`${text}.`, `${copy}.`])).toEqual([`${text}.`, `${copy}.`])
    }), { numRuns: 500 })
  })

  it('never removes a paragraph with one number changed, in figures or in words', () => {
    const spelled = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'hundred', 'thousand', 'first', 'second', 'third', 'fourth', 'dozen']
    const number = fc.oneof(fc.integer({ min: 0, max: 100_000 }).map(String), fc.double({ min: 0, max: 100, noNaN: true }).map((value) => `${value.toFixed(1)}%`), fc.constantFrom(...spelled))
    const changed = fc.tuple(sentence, number, number, fc.nat()).filter(([, a, b]) => a !== b)
    fc.assert(fc.property(changed, ([text, a, b, at]) => {
      const words = text.split(' ')
      const place = at % (words.length + 1)
      const first = [...words.slice(0, place), a, ...words.slice(place)].join(' ')
      const second = [...words.slice(0, place), b, ...words.slice(place)].join(' ')
      expect(kept([first, second])).toEqual([first, second])
    }), { numRuns: 1000 })
  })

  it('never removes a paragraph with two words swapped', () => {
    const swapped = sentence.chain((text) => {
      const words = text.split(' ')
      return fc.tuple(fc.nat({ max: words.length - 1 }), fc.nat({ max: words.length - 1 })).map(([i, j]) => {
        const copy = [...words]
        ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
        return { text, copy: copy.join(' ') }
      })
    }).filter(({ text, copy }) => text !== copy)
    fc.assert(fc.property(swapped, ({ text, copy }) => {
      expect(kept([text, copy])).toEqual([text, copy])
    }), { numRuns: 500 })
  })
})

const p = (...texts: string[]) => texts.map((text) => ({ text }))
const fire = 'Firefighters battled a large blaze at a chemical warehouse overnight, forcing the evacuation of more than 300 residents, the fire service said.'
const crews = 'No injuries were reported, but officials urged people nearby to keep their windows closed while crews worked'

/** That `line` between two paragraphs of news is taken out as junk, and nothing else is. */
function expectRemovedBetweenNews(line: string): void {
  expect(stripBoilerplate(p(fire, line, crews), [])).toEqual({ paragraphs: p(fire, crews), removed: [line] })
}

/** That `line` between two paragraphs of news stays, as they do. */
function expectKeptBetweenNews(line: string): void {
  const input = p(fire, line, crews)
  expect(stripBoilerplate(input, [])).toEqual({ paragraphs: input, removed: [] })
}

describe('stripBoilerplate: a trailer glued to any paragraph', () => {
  it.each([
    ['to each copy of a repeated body', p(fire, `${crews}Source link`, fire, `${crews}Source link`), p(fire, crews, fire, crews), ['Source link', 'Source link']],
    ['after a full stop, to a paragraph that is not the last', p(`${fire} Read more`, crews), p(fire, crews), ['Read more']],
    ['in capitals', p(fire, `${crews}SOURCE LINK`), p(fire, crews), ['SOURCE LINK']],
    ['with an arrow or an ellipsis after it', p(`${fire} Read more »`, `${crews}.Read more...`), p(fire, `${crews}.`), ['Read more', 'Read more']],
    ['in another language', p('Ein Großbrand hat in der Nacht zur Evakuierung von mehr als 300 Anwohnern geführt.Mehr lesen'), p('Ein Großbrand hat in der Nacht zur Evakuierung von mehr als 300 Anwohnern geführt.'), ['Mehr lesen']]
  ])('removes it %s', (_name, input, output, removed) => {
    expect(stripBoilerplate(input, defaultBoilerplate)).toEqual({ paragraphs: output, removed })
  })

  it('keeps the same words inside a sentence, or after a word and a space', () => {
    const input = p('Readers who want to read more can visit the library.', 'He told them to read more', 'The sign said Source link and nothing else')
    expect(stripBoilerplate(input, defaultBoilerplate)).toEqual({ paragraphs: input, removed: [] })
  })

  it('builds b06: the copies of a body, each with "Source link" glued on, show once and clean', async () => {
    const { store } = await buildInMemory({ 'seeds/fire.txt': `${fire}\n${crews}Source link\n${fire}\n${crews}Source link\n` })
    expect(contentBody(store)).toEqual([fire, crews])
  })
})

describe('stripBoilerplate: lines of junk', () => {
  it.each([
    'We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies. Accept',
    'This website uses cookies to ensure you get the best experience on our website. Learn more Got it!',
    'Click here to subscribe to our daily newsletter.',
    'Click to share on Twitter (Opens in new window)',
    'Read more: Port authority promises review of storage rules',
    'READ MORE » Port authority promises review',
    'Lire aussi : Le port promet une enquête',
    'Читайте также: Порт обещает проверку',
    'Follow us on Facebook, Twitter and Instagram',
    'Follow us on Twitter @harbourherald',
    'Follow us on Google News',
    'Join our WhatsApp channel for the latest news',
    'Twitter',
    'Facebook',
    'LinkedIn',
    'Like this:',
    'Like Loading...',
    'Loading...',
    'Share on Facebook Share on Twitter Share via Email',
    'Share Tweet Email',
    'Print Email Font size',
    '- Advertisement -',
    '[Advertisement]',
    'AdChoices',
    'Mehr lesen',
    'Lire la suite',
    'Leer más',
    'Читайте также',
    'اقرأ أيضا',
    'Related Articles Port workers strike over pay City budget approved',
    'More stories Port workers strike over pay City budget approved',
    'You may also like'
  ])('removes %j', (junk) => {
    expect(stripBoilerplate(p(fire, junk, crews), defaultBoilerplate)).toEqual({ paragraphs: p(fire, crews), removed: [junk] })
  })

  it.each([
    'Image caption, Protesters gathered outside the parliament on Tuesday',
    'Media caption, Watch: the moment the vote was announced',
    'Image source, Reuters',
    '(Photo by Jane Smith/Getty Images)',
    '(File photo)',
    'Photo by Jane Smith/AFP via Getty Images',
    'Listen to this article',
    'Continue reading the main story',
    'Skip Advertisement',
    'Article continues below advertisement',
    'Supported by',
    'This article is more than 2 years old',
    'Share this with Facebook',
    'Share this article on WhatsApp Share this with Email',
    'Advertisement · Scroll to continue',
    'ADVERTISEMENT - SCROLL TO CONTINUE WITH CONTENT'
  ])('removes a stray line of a news site\'s page wherever it stands: %j', (junk) => {
    expectRemovedBetweenNews(junk)
  })

  it.each([
    'Photos by the agency showed the damage to the harbour.',
    'Photo by photo, the exhibition retraces the flood of 1953.',
    'Image captions were missing from the report, the editor said.',
    'Media source: the leak came from the ministry, officials said.',
    'Supported by the unions, the strike spread to the ports on Monday.',
    'Continue reading the report, the minister told lawmakers.',
    'This article is more than a summary of the trial, its author said.',
    'Share this with your family, the health minister urged.',
    'Listen to the story of the flood survivors, the museum says.',
    'Scroll to continue reading the report, the ministry told visitors to its website.'
  ])('keeps news shaped like one: %j', (news) => {
    expectKeptBetweenNews(news)
  })

  it.each([
    'A man clears snow from a sidewalk in Boston on Monday. Joseph Prezioso/AFP/Getty Images',
    'Joseph Prezioso/AFP/Getty Images',
    'A man shovels snow in Denver on Monday. (AP Photo/David Zalubowski)',
    'A man shovels snow in Denver on Monday. (AP Photo/David Zalubowski, File)',
    'Rescue workers search through rubble in the town. Photograph: Stringer/Reuters',
    'Jerome Powell, the Fed chair, at a news conference on Wednesday. Credit...Kenny Holston/The New York Times',
    'Item 1 of 2 A view shows oil tanks at a storage facility in Fujairah, January 4, 2026. REUTERS/Rula Rouhana/File Photo Purchase Licensing Rights',
    'Palestinians inspect the site of a strike in Khan Younis on January 5, 2026 [Mohammed Salem/Reuters]',
    'Thick fog at Heathrow on Monday (PA)',
    'Fog at Heathrow on Monday. Pic: PA',
    'Foto: Julian Stratenschulte / dpa',
    'Firefighters battle a blaze near Ararat. (Supplied: CFA)',
    'The minister arrives in Brussels. Jane A. Doe/EPA-EFE',
    'Protesters outside parliament. Photo: AFP via Getty Images'
  ])('removes a picture\'s caption, known by the credit it ends with, wherever it stands: %j', (caption) => {
    expectRemovedBetweenNews(caption)
  })

  it.each([
    'The deal was signed on Monday (AP).',
    'The deal was signed on Monday, the agency reported (Reuters)',
    'Talks on Israel/Gaza resumed in Cairo. Egypt/Qatar',
    'He spoke of the AC/DC concert. Jane Doe/Rolling Stone',
    'The company sold its stake to Getty Images.',
    'The exhibition includes 200 pictures (photos by Jane Doe)',
    'Credit: Moody\'s raised the rating on Monday.',
    'Shares of Reuters/Thomson rose 3% on Monday.',
    'The council approved the plan (Supplied documents show the cost doubled).',
    'The image: a burning tanker off the coast of Yemen'
  ])('keeps news that ends like a caption\'s credit: %j', (news) => {
    expectKeptBetweenNews(news)
  })

  it('builds a scrape that opens with a picture\'s caption: the lede is the summary, and the photographer is no tag', async () => {
    const scrape = ['Winter storm knocks out power to 400,000 across the Northeast', '', 'By Jane Doe, CNN', 'Updated 10:32 AM EST, Tue January 5, 2026', '', 'A man clears snow from a sidewalk in Boston on Monday. Joseph Prezioso/AFP/Getty Images', '', fire, '', 'Rescue workers search through rubble in the town. Photograph: Stringer/Reuters', '', `${crews}.`]
    const { store } = await buildInMemory({ 'seeds/storm.txt': `${scrape.join('\n')}\n` })
    expect(contentFile(store)).toContain(`summary: ${fire}\n`)
    expect(contentBody(store)).toEqual([fire, `${crews}.`])
    expect(contentFile(store).split('\nseed:')[0]).not.toMatch(/Prezioso|Getty|Stringer|Boston/)
  })

  it('removes a wire\'s standards note at the end of a story, and only there', () => {
    const note = 'Our Standards: The Thomson Reuters Trust Principles.'
    expect(stripBoilerplate(p(fire, crews, note), [])).toEqual({ paragraphs: p(fire, crews), removed: [note] })
  })

  it('builds a scrape of a news site\'s page: its headline is the title, and its furniture is gone from the body and the tags', async () => {
    const scrape = ['Skip to content', 'Supported by', 'Parliament approves new climate law after marathon debate', 'This article is more than 2 years old', 'Image source, Getty Images', 'Image caption, Protesters gathered outside the parliament on Tuesday', fire, 'Advertisement', 'Continue reading the main story', `${crews}.`, '(Photo by Jane Smith/Getty Images)', 'Media caption, Watch: the moment the vote was announced', 'Listen to this article', 'Share this with Facebook', 'Share this with WhatsApp', 'Skip Advertisement', 'Our Standards: The Thomson Reuters Trust Principles.']
    const { store } = await buildInMemory({ 'seeds/page.txt': `${scrape.join('\n')}\n` })
    expect(contentFile(store)).toMatch(/^title: Parliament approves new climate law after marathon debate$/m)
    expect(contentBody(store)).toEqual([fire, `${crews}.`])
    // Above the record of what was removed: the title, summary and tags.
    expect(contentFile(store).split('\nseed:')[0]).not.toMatch(/Getty|Jane Smith|Supported/)
  })

  it('removes at the end of a story who contributed, and the source it names, and only there', () => {
    for (const line of ['Associated Press writer John Roe in Rome contributed to this report.', 'Reuters contributed reporting to this story', 'Source: Al Jazeera and news agencies', 'Source: Reuters']) {
      expect(stripBoilerplate(p(fire, line, crews, line), [])).toEqual({ paragraphs: p(fire, line, crews), removed: [line] })
    }
    expect(namedSource('Source: Al Jazeera and news agencies')).toBe('Al Jazeera')
    expect(namedSource('Sources: Kyodo News.')).toBe('Kyodo News')
    for (const news of ['Source: a minister said the talks had failed.', 'Source link', 'Source: officials', 'The source: Reuters said so, the paper reported.']) expect(namedSource(news)).toBeUndefined()
  })

  it.each([
    ['Reporting by Jane Doe in London; additional reporting by Tom Roe; Editing by Alex Poe', 'Jane Doe'],
    ['(Reporting by Ana Lopez and John Smith; Writing by Tom Roe; Editing by Alex Poe)', 'Ana Lopez and John Smith'],
    ['Reporting by Jane Doe, Ana Lopez and John Smith in Genoa; Editing by Alex Poe', 'Jane Doe, Ana Lopez and John Smith'],
    ['Writing by Tom Roe; Editing by Alex Poe', 'Tom Roe'],
    ['Editing by Alex Poe', undefined],
    ['Reporting by Reuters; Editing by Alex Poe', undefined],
    ['Reporting by the BBC found that the plan had failed.', undefined]
  ])('names the writers a wire\'s credits give: %j', (line, writers) => {
    expect(creditedWriters(line)).toBe(writers)
  })

  it.each([
    ['Copyright 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.', 'Associated Press'],
    ['© 2026 Reuters', 'Reuters'],
    ['©2026 Bloomberg L.P.', 'Bloomberg'],
    ['(c) 2020-2026 Agence France-Presse', 'Agence France-Presse'],
    ['© 2026 Porto News', undefined],
    ['Copyright © 2026 Jane Doe', undefined],
    ['Copyright law changes were approved on Monday.', undefined]
  ])('names the outlet a copyright line gives, when it is one Gazette knows: %j', (line, outlet) => {
    expect(copyrightHolder(line)).toBe(outlet)
  })

  it('takes the source from an outlet\'s copyright line at the end when nothing else names one', async () => {
    const { store } = await buildInMemory({ 'seeds/ap.txt': ['Storm knocks out power across the coast', fire, `${crews}.`, 'Copyright 2026 The Associated Press. All rights reserved.'].join('\n') })
    const text = [...store.files].filter(([path]) => path.startsWith('content/')).map(([, file]) => String(file))[0]!
    expect(text).toMatch(/^source: Associated Press$/m)
    expect(text.split('\nseed:')[0]).not.toMatch(/^  - Associated Press$/m)
  })

  it('takes the byline from a wire\'s credits when none stands above the story, and keeps one that does', async () => {
    const credits = 'Reporting by Ana Lopez in Genoa; Editing by Alex Poe'
    const { store } = await buildInMemory({
      'seeds/credited.txt': ['Flooding forces thousands from homes in northern Italy', fire, `${crews}.`, credits].join('\n'),
      'seeds/bylined.txt': ['Storm closes ports along the northern coast', 'By Jane Doe', fire, `${crews}.`, credits].join('\n')
    })
    const files = [...store.files].filter(([path]) => path.startsWith('content/')).map(([, text]) => String(text))
    expect(files.find((text) => text.includes('Flooding'))).toMatch(/^byline: Ana Lopez$/m)
    expect(files.find((text) => text.includes('Storm closes'))).toMatch(/^byline: Jane Doe$/m)
  })

  it('builds the end of a wire story and of a news site\'s page: credits, topics and its source line are gone, the source named', async () => {
    const { store } = await buildInMemory({
      'seeds/wire.txt': ['Flooding forces thousands from homes in northern Italy', 'By Jane Doe', fire, `${crews}.`, '___', 'Associated Press writer John Roe in Rome contributed to this report.', "Follow AP's coverage of climate at https://apnews.com/hub/climate", 'Explore more on these topics', 'Italy', 'Floods', 'Reuse this content', 'Most viewed'].join('\n'),
      'seeds/site.txt': ['Ceasefire talks resume in Cairo', 'Published On 5 Jan 20265 Jan 2026', fire, `${crews}.`, 'Source: Al Jazeera and news agencies'].join('\n')
    })
    const files = [...store.files].filter(([path]) => path.startsWith('content/')).map(([, text]) => String(text))
    expect(files).toHaveLength(2)
    for (const text of files) expect(text.slice(text.indexOf('\n---\n') + 5).trim().split('\n\n')).toEqual([fire, `${crews}.`])
    const site = files.find((text) => text.includes('Ceasefire'))!
    // The date shown twice, glued, is the story's date, and the headline above it its title.
    expect(site).toMatch(/^title: Ceasefire talks resume in Cairo\ndate: 2026-01-05T00:00:00Z$/m)
    expect(site).toMatch(/^source: Al Jazeera$/m)
    expect(files.find((text) => text.includes('Flooding'))!.split('\nseed:')[0]).not.toMatch(/John Roe|Rome|Floods/)
  })

  it.each([
    ['Jane Doe is a reporter for the Harbor Herald. She can be reached at jdoe@example.com.', 'Jane Doe'],
    ['Jane Doe covers the Federal Reserve and the economy for The Times. More about Jane Doe', 'Jane Doe'],
    ['Chad Pergram currently serves as a senior congressional correspondent for FOX News Channel (FNC).', 'Chad Pergram'],
    ['John Smith joined the paper in 2019 and writes about transport.', 'Jane Doe and John Smith'],
    ['Jane Doe is a congressional reporter for The Washington Post.', 'JANE DOE, JOHN SMITH']
  ])('removes a note on the writer the byline names at the end of a story: %j', (note, byline) => {
    expect(stripBoilerplate(p(fire, crews, note), [], byline)).toEqual({ paragraphs: p(fire, crews), removed: [note] })
  })

  it.each([
    ['someone else', 'Jerome Powell is the Fed chair and will testify on Tuesday.', 'Jane Doe'],
    ['a writer with another surname', 'Jane Does is expected to testify on Tuesday.', 'Jane Doe'],
    ['the writer, in a sentence that does not open with the name', 'A spokesman said Jane Doe is a reporter for the Herald.', 'Jane Doe'],
    ['no byline', 'Jane Doe is a reporter for the Harbor Herald.', undefined]
  ])('keeps the last paragraph when it names %s', (_name, news, byline) => {
    const input = p(fire, crews, news)
    expect(stripBoilerplate(input, [], byline)).toEqual({ paragraphs: input, removed: [] })
    // Not at the end, even the writer's note is the story's.
    expect(stripBoilerplate(p(fire, 'Jane Doe is a reporter for the Harbor Herald.', crews), [], 'Jane Doe').removed).toEqual([])
  })

  it('builds a story that ends with notes on its writers: they are gone from the body, and the byline stays', async () => {
    const { store } = await buildInMemory({ 'seeds/council.txt': ['Council approves road repairs', '', 'By Jane Doe and John Smith', 'January 5, 2026', '', fire, '', `${crews}.`, '', 'Jane Doe is a reporter for the Harbor Herald. She can be reached at jdoe@example.com.', '', 'John Smith covers city hall.', '', '© 2026 Harbor Herald', ''].join('\n') })
    expect(contentBody(store)).toEqual([fire, `${crews}.`])
    expect(contentFile(store)).toMatch(/^byline: Jane Doe and John Smith$/m)
  })

  it('builds a saved page whose byline keeps its "By": the note on its writer is gone, and the byline is her name', async () => {
    const page = `<!doctype html><html><head><title>Fire at the warehouse</title></head><body><main><article><h1>Fire at the warehouse</h1><p class="byline">By Jane Doe</p><p>${fire}</p><p>${crews}.</p><p>Forecasters expect the wind to ease by Thursday, which would help the crews.</p><p>Jane Doe is a reporter for The Harbour Herald.</p></article></main></body></html>`
    const { store } = await buildInMemory({ 'seeds/fire.html': page })
    expect(contentBody(store)).toEqual([fire, `${crews}.`, 'Forecasters expect the wind to ease by Thursday, which would help the crews.'])
    expect(contentFile(store)).toMatch(/^byline: Jane Doe$/m)
  })

  it.each([
    'Associated Press writer John Smith contributed from Boulder, Colorado.',
    'Associated Press writers Jane Doe in Boulder and John Roe in Denver contributed.',
    'AP reporter Ana Lopez contributed reporting from Washington, D.C.'
  ])('removes who contributed from where at the end of a story, and only there: %j', (line) => {
    expect(stripBoilerplate(p(fire, line, crews, line), [])).toEqual({ paragraphs: p(fire, line, crews), removed: [line] })
  })

  it.each([
    'The journalists who were fired contributed from their own savings.',
    'Writers contributed from across the country.',
    'Donors contributed from all fifty states, the campaign said.',
    'The reporters\' union contributed from its strike fund.'
  ])('keeps a last paragraph that says who contributed what: %j', (news) => {
    const input = p(fire, crews, news)
    expect(stripBoilerplate(input, [])).toEqual({ paragraphs: input, removed: [] })
  })

  it('builds the end of an AP story: the rule and who contributed from where are gone', async () => {
    const { store } = await buildInMemory({ 'seeds/ap.txt': ['Storm dumps record snow on Denver', '', fire, '', `${crews}.`, '', '___', '', 'Associated Press writer John Smith contributed from Boulder, Colorado.', ''].join('\n') })
    expect(contentBody(store)).toEqual([fire, `${crews}.`])
  })

  it('removes wire credits at the end of a story, and only there', () => {
    for (const credits of ['Reporting by Jane Doe; Editing by John Smith', '(Additional reporting by Ana Lopez in Genoa; Writing by Jane Doe; Editing by John Smith and Ola Nordmann)']) {
      expect(stripBoilerplate(p(fire, crews, credits), defaultBoilerplate)).toEqual({ paragraphs: p(fire, crews), removed: [credits] })
    }
  })

  it.each([
    'The company said it would stop using cookies next year.',
    'We use cookies, the company admitted, but only to count visitors to the site.',
    'Facebook said on Monday it would appeal against the fine imposed by the regulator.',
    'Twitter users reacted with anger to the announcement on Monday.',
    'Follow-up talks are planned for next week in Geneva.',
    'Loading of the ships resumed on Tuesday after the strike ended.',
    'Click rates on the advertisements fell by half, the study found.',
    'Advertisement spending rose 4% in the quarter, the agency said.',
    'More stories of abuse emerged on Monday.',
    'Related charges were dropped, the court said.',
    'Reporting by the BBC found that the plan had been delayed.',
    'Print newspapers lost readers for the tenth year in a row.',
    'Read more about the plan in the council minutes, the mayor told residents.'
  ])('keeps news that only mentions them: %j', (news) => {
    const input = p(fire, news, crews, news)
    expect(stripBoilerplate(input, defaultBoilerplate)).toEqual({ paragraphs: input, removed: [] })
  })

  it('builds b16 and b11: the junk is gone from the body and from the tags', async () => {
    const junk = ['We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies. Accept', 'Click here to subscribe to our daily newsletter.', 'Read more: Port authority promises review of storage rules', 'Follow us on Facebook, Twitter and Instagram'].join('\n\n')
    const { store } = await buildInMemory({
      'seeds/junk.txt': `Fire forces evacuation in port district\n\n${fire}\n\n${crews}.\n\n${junk}\n`,
      'seeds/related.txt': `Fire forces evacuation in port district\n\n${fire}\n\n${crews}.\n\nRelated Articles\nPort workers strike over pay\nCity budget approved\n`
    })
    const files = [...store.files].filter(([path]) => path.startsWith('content/')).map(([, text]) => String(text))
    expect(files).toHaveLength(2)
    for (const text of files) {
      expect(text.slice(text.indexOf('\n---\n') + 5).trim().split('\n\n')).toEqual([fire, `${crews}.`])
      expect(text).not.toMatch(/- (?:Facebook|Twitter|Articles Port)/)
    }
  })
})

const headline = 'Fire forces evacuation in port district'

describe('findRepeats: the headline over a repeated body', () => {
  it('removes the title standing right before a repeated paragraph, and says it repeats the title', () => {
    expect(findRepeats([fire, crews, headline, fire, crews], headline)).toEqual([
      { index: 2, original: 0, kind: 'title' },
      { index: 3, original: 0, kind: 'exact' },
      { index: 4, original: 1, kind: 'exact' }
    ])
  })

  it('keeps a paragraph equal to the title where the body is not repeated, or without the title', () => {
    expect(kept([fire, crews, headline], headline)).toEqual([fire, crews, headline])
    expect(kept([fire, headline, crews], headline)).toEqual([fire, headline, crews])
    expect(kept([fire, crews, headline, fire, crews])).toEqual([fire, crews, headline])
  })

  it('builds b05 from a content file: the headline repeated over the second copy is not shown in the body', async () => {
    const body = `${fire}\n\n${crews}`
    const { pages, messages } = await buildInMemory({ 'content/fire.md': `---\ntitle: ${headline}\ndate: 2026-01-05\n---\n\n${body}\n\n${headline}\n\n${body}\n` })
    const html = [...pages].find(([path]) => /^\d{4}\/\d\d\/\d\d\/[^/]+\/index\.html$/.test(path))![1]
    const page = html.slice(html.indexOf('<div class="e-content">'), html.indexOf('<footer class="article-footer">'))
    expect(page).not.toContain(headline)
    expect(page.split(fire)).toHaveLength(2)
    expect(messages).toContain('content/fire.md:10:1-10:40: Removed the headline repeated over a copy of the body.')
  })
})

describe('findRepeats: a copy of the body run into one paragraph', () => {
  const lopez = 'Mayor Ana Lopez said the money would pay for 40 new electric buses and longer service hours on weekends.'

  const quoted = 'The mayor called it “a dark day for the city” and promised a full inquiry into the cause of the fire.'
  const cost = 'The repairs will cost $310 million and take at least two years to complete, officials said.'

  it('removes a paragraph that joins earlier ones, whole or nearly, in any order', () => {
    expect(findRepeats([fire, `${crews}.`, `${fire} ${crews}.`])).toEqual([{ index: 2, original: 0, kind: 'exact' }])
    expect(findRepeats([fire, quoted, lopez, `${fire} ${quoted.replace(/[“”]/g, '"')} ${lopez}`])).toEqual([{ index: 3, original: 0, kind: 'exact' }])
    expect(findRepeats([fire, lopez, `${fire.replace('service said', 'service also said')} ${lopez}`])).toEqual([{ index: 2, original: 0, kind: 'near' }])
    expect(findRepeats([fire, lopez, `${lopez} ${fire}`])).toEqual([{ index: 2, original: 1, kind: 'exact' }])
  })

  it('keeps a paragraph that joins earlier ones but changes a fact, or adds a sentence', () => {
    for (const joined of [`${fire} ${crews.replace('No injuries', 'Two injuries')}.`, `${fire} ${crews}. Police are investigating the cause.`, `${fire.replace('300', '400')} ${crews}.`, `${fire} ${cost.replace('$', '€')}`, `${fire} ${crews}`.replace('blaze at', 'blaze near')]) {
      expect(kept([fire, `${crews}.`, cost, joined])).toEqual([fire, `${crews}.`, cost, joined])
    }
  })

  it('builds b17: the copy run into one paragraph is not shown', async () => {
    const { store } = await buildInMemory({ 'seeds/fire.txt': `Council approves transit budget\n\n${fire}\n\n${crews}.\n\n${fire} ${crews}.\n` })
    expect(contentBody(store)).toEqual([fire, `${crews}.`])
    expect(contentFile(store)).toMatch(/repeated: 1\n/)
  })
})

describe('a news site\'s furniture in the body', () => {
  it.each([
    'Share full article',
    'Gift Article',
    'Link copied',
    'Listen to this article · 6:12 min Learn more',
    'Compartir en Whatsapp',
    'Compartir en Facebook',
    'Partager sur Facebook',
    'Condividi su WhatsApp',
    'Artikel teilen',
    'Link kopieren',
    'Zur Merkliste hinzufügen',
    'Teilen Drucken Merken',
    "Partager l'article",
    'Copiar enlace',
    'Have a news tip? Contact us at tips@example.com',
    'Support independent journalism. Donate now.',
    'See more on: Federal Reserve, Jerome Powell',
    'A version of this article appears in print on Jan. 5, 2026, Section A, Page 1 of the New York edition with the headline: Fed Holds Rates Steady.'
  ])('removes %j', (junk) => {
    expectRemovedBetweenNews(junk)
  })

  it.each([
    'Share full article access was granted to the inspectors on Monday.',
    'Gift articles were returned to the museum after the trial.',
    'Link copied from the leaked memo showed the plan.',
    'Compartir en familia es importante, dijo la ministra.',
    'Teilen wollten die Erben das Haus nicht, sagte der Richter.',
    'Have a news tip',
    'Support independent journalism, the minister said, is vital to democracy.',
    'See more on the storm in our live coverage, the editor said.',
    'A version of this article was leaked to reporters before the vote.',
    'Listen to this article of the constitution, the judge told the court.'
  ])('keeps news shaped like one: %j', (news) => {
    expectKeptBetweenNews(news)
  })

  it('removes Reuters\' standards note with its link\'s "opens new tab" at the end of a story', () => {
    const note = 'Our Standards: The Thomson Reuters Trust Principles., opens new tab'
    expect(stripBoilerplate(p(fire, crews, note), [])).toEqual({ paragraphs: p(fire, crews), removed: [note] })
  })

  it('reads long lines built to stress the shapes in linear time', () => {
    for (const line of [`Have a news tip?${' ?'.repeat(50_000)}`, `Support independent journalism. Donate${' now'.repeat(30_000)}`, `Compartir en ${'Whatsapp en '.repeat(9_000)}x`, `Listen to this article ${'· '.repeat(50_000)}`, `See more on: ${'a, '.repeat(33_000)}`, `A version of this article appears in print on ${'Jan. '.repeat(20_000)}`]) {
      const start = performance.now()
      expect(stripBoilerplate(p(fire, line), []).paragraphs).toHaveLength(2)
      expect(performance.now() - start).toBeLessThan(100)
    }
  })

  it('builds a New York Times and an El País page: their buttons and notes are gone, and the lede is the summary', async () => {
    const seed = ['Fed holds rates steady as inflation cools', '', 'By Jane Doe', '', 'Listen to this article · 6:12 min Learn more', '', fire, '', 'Gift Article', '', 'Compartir en Whatsapp', '', 'Link copied', '', `${crews}.`, '', 'See more on: Federal Reserve, Jerome Powell', '', 'A version of this article appears in print on Jan. 5, 2026, Section A, Page 1 of the New York edition with the headline: Fed Holds Rates Steady.'].join('\n')
    const { store } = await buildInMemory({ 'seeds/nyt.txt': seed })
    expect(contentBody(store)).toEqual([fire, `${crews}.`])
    expect(contentFile(store)).toContain(`summary: ${fire}\n`)
  })
})

describe('a list of stories to read and a comment count in the body', () => {
  const list = ['Keep reading list of 4 items', 'list 1 of 4', 'Markets rally after Fed decision', 'list 2 of 4', 'Dollar slips against euro', 'list 3 of 4', 'Oil prices fall', 'list 4 of 4', 'What the Fed decision means for you', 'end of list']

  it('removes Al Jazeera\'s "Keep reading" list whole, to its "end of list"', () => {
    expect(stripBoilerplate(p(fire, ...list, crews), [])).toEqual({ paragraphs: p(fire, crews), removed: list })
  })

  it('keeps the lines after "Keep reading" when no "end of list" follows it closely, and "end of list" alone', () => {
    for (const input of [p(fire, 'Keep reading', crews), p(fire, 'end of list', crews)]) expect(stripBoilerplate(input, [])).toEqual({ paragraphs: input, removed: [] })
  })

  it('removes a number alone right under "Share full article", its comment count, and keeps a number anywhere else', () => {
    expect(stripBoilerplate(p(fire, 'Share full article', '214', crews), [])).toEqual({ paragraphs: p(fire, crews), removed: ['Share full article', '214'] })
    const results = p('Votes for the mayor:', '214', 'Votes against:', '198', crews)
    expect(stripBoilerplate(results, [])).toEqual({ paragraphs: results, removed: [] })
  })

  it('reads a story of many lists\' lines in linear time', () => {
    const many = p(...Array.from({ length: 50_000 }, (_, index) => (index % 2 === 0 ? 'Keep reading' : 'end of list')), fire)
    const start = performance.now()
    expect(stripBoilerplate(many, []).paragraphs).toEqual(p(fire))
    expect(performance.now() - start).toBeLessThan(2000)
  })

  it('builds a New York Times page with its comment count under the share button above the lede, and an Al Jazeera list: the lede is the summary', async () => {
    const seed = ['Fed holds rates steady as inflation cools', '', 'By Jane Doe', '', 'Share full article', '', '214', '', fire, '', ...list.flatMap((line) => [line, '']), `${crews}.`].join('\n')
    const { store } = await buildInMemory({ 'seeds/aj.txt': seed })
    expect(contentBody(store)).toEqual([fire, `${crews}.`])
    expect(contentFile(store)).toContain(`summary: ${fire}\n`)
    expect(contentFile(store).split('\nseed:')[0]).not.toMatch(/Markets|Dollar|Oil/)
  })
})

describe('a newsletter\'s promotion in the body', () => {
  const privacy = 'Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties. For more information see our Privacy Policy. We use Google reCaptcha to protect our website and the Google Privacy Policy and Terms of Service apply.'
  const guardianPromo = ['skip past newsletter promotion', 'Sign up to This is Europe', 'The most pressing stories and debates for Europeans – from identity to economics to the environment', 'Free weekly newsletter', privacy, 'after newsletter promotion']

  it.each([
    'Sign up here.',
    'Sign up here',
    'Get our free View from Westminster email for expert analysis straight to your inbox',
    'Get our free Inside Washington email',
    "Sign up for CNN's Wonder Theory science newsletter. Explore the universe with news on fascinating discoveries, scientific advancements and more.",
    'Subscribe to our politics newsletter: the day\'s news from Westminster, every weekday morning.',
    'after newsletter promotion',
    privacy
  ])('removes %j', (junk) => {
    expectRemovedBetweenNews(junk)
  })

  it.each([
    'Sign up here to vote, the election commission urged residents on Monday.',
    'Get our free school meals back, parents told the minister in an email.',
    'Get our children home, the families said in an email to the government.',
    'Sign up to the scheme closes on Friday, the council said.',
    'Subscribers to the newsletter were told of the breach on Monday. The company apologised and said no passwords had been taken, and that it had called in outside investigators to look into the attack.',
    'Sign up to This is Europe'
  ])('keeps news shaped like one: %j', (news) => {
    expectKeptBetweenNews(news)
  })

  it('removes a Guardian promotion whole, from "Sign up to …" to "after newsletter promotion", with or without the skip link over it', () => {
    expect(stripBoilerplate(p(fire, ...guardianPromo, crews), [])).toEqual({ paragraphs: p(fire, crews), removed: guardianPromo })
    expect(stripBoilerplate(p(fire, ...guardianPromo.slice(1), crews), [])).toEqual({ paragraphs: p(fire, crews), removed: guardianPromo.slice(1) })
  })

  it('keeps the lines after a "Sign up to …" line when no end of a promotion follows it closely', () => {
    const news = Array.from({ length: 10 }, (_, index) => `Paragraph ${index + 1} of the story, which goes on.`)
    const input = p('Sign up to the scheme', ...news, 'after newsletter promotion', crews)
    expect(stripBoilerplate(input, [])).toEqual({ paragraphs: p('Sign up to the scheme', ...news, crews), removed: ['after newsletter promotion'] })
  })

  it('reads a story of many promotions\' lines, and long lines built to stress the shapes, in linear time', () => {
    const many = p(...Array.from({ length: 50_000 }, (_, index) => (index % 2 === 0 ? 'Sign up to This is Europe' : 'after newsletter promotion')), fire)
    let start = performance.now()
    expect(stripBoilerplate(many, []).paragraphs).toEqual(p(fire))
    expect(performance.now() - start).toBeLessThan(2000)
    for (const line of ['Sign up '.repeat(12_500), `Get our free ${'email '.repeat(16_000)}`, `Subscribe ${'newsletter. '.repeat(8_000)}`, `Sign up to ${'a '.repeat(50_000)}`, `Privacy Notice: Newsletters may contain ${'info '.repeat(20_000)}`]) {
      start = performance.now()
      expect(stripBoilerplate(p(fire, line), []).paragraphs).toHaveLength(2)
      expect(performance.now() - start).toBeLessThan(100)
    }
  })

  it('builds a Guardian page with a newsletter\'s promotion inside the story: the story reads on around it', async () => {
    const { store } = await buildInMemory({ 'seeds/promo.txt': ['Fire forces evacuation in port district', '', fire, '', ...guardianPromo.flatMap((line) => [line, '']), `${crews}.`, '', 'Sign up here.', ''].join('\n') })
    expect(contentBody(store)).toEqual([fire, `${crews}.`])
    expect(contentFile(store).split('\nseed:')[0]).not.toMatch(/Europe|Privacy|newsletter/i)
  })
})

describe('what a blog or a site sets under its story', () => {
  const commentForm = ['Leave a Reply Cancel reply', 'Your email address will not be published. Required fields are marked *', 'Comment *', 'Name *', 'Email *', 'Website', 'Save my name, email, and website in this browser for the next time I comment.', 'Post Comment', 'Δ']

  it.each([
    ['a blog feed\'s note on where the post appeared', ['The post Harbour bridge to close for 18 months of repairs appeared first on Harbour Herald.'], 'Harbour Herald'],
    ['a republished story\'s note on where it first appeared', ['This article was originally published on The Conversation. Read the original article.'], 'The Conversation'],
    ['a blog\'s taxonomy and its comment form', ['Tags: bridge, harbour, council', 'Filed Under: Local News', 'Posted in City Hall', ...commentForm], undefined],
    ['a newsletter\'s sign-up form', ['Sign up to get the latest news delivered to your inbox every morning.', 'Email address', 'Subscribe', 'By signing up, you agree to our Terms of Use and Privacy Policy.'], undefined],
    ['a copyright line and the footer\'s links', ['© 2026 Harbour Herald. All rights reserved.', 'About Us | Contact | Privacy Policy | Terms of Service', 'Cookie Policy · Advertise · Careers'], undefined],
    ['the BBC\'s links to other sites, with its note on them', ['Related internet links', 'Harbour City Council', 'The BBC is not responsible for the content of external sites.'], undefined],
    ['a blog\'s card of its writer, and the counts over it, as Medium ends a post', ['--', '3', 'Written by Jane Doe', '1.2K Followers', 'Writer on cities and transport.', 'Follow'], undefined],
    ['the BBC\'s footer copied whole, a link a line, with links of its own and its copyright line', ['Home', 'News', 'Sport', 'Weather', 'iPlayer', 'Sounds', 'Bitesize', 'Terms of Use', 'About the BBC', 'Privacy Policy', 'Cookies', 'Accessibility Help', 'Parental Guidance', 'Contact the BBC', 'BBC emails for you', 'Advertise with us', 'Copyright 2026 BBC. All rights reserved.  The BBC is not responsible for the content of external sites. Read about our approach to external linking.'], undefined]
  ])('removes %s', (_name, lines, source) => {
    const { paragraphs, removed } = stripBoilerplate(p(fire, crews, ...lines), [])
    expect(paragraphs).toEqual(p(fire, crews))
    expect([...removed].sort()).toEqual([...lines].sort())
    expect(lines.map(namedSource).find((name) => name !== undefined)).toBe(source)
  })

  it.each([
    ['Via: The Verge', 'The Verge'],
    ['via The Verge', 'The Verge'],
    ['Read the full story at Reuters', 'Reuters'],
    ['Continue reading on BBC News', 'BBC News'],
    ['Read the full article on The Guardian', 'The Guardian'],
    ['Source: Reuters (https://www.reuters.com/world/harbour-bridge)', 'Reuters'],
    ['(Source: AFP)', 'AFP'],
    ['— Reuters', 'Reuters'],
    ['-- Xinhua', 'Xinhua'],
    ['Originally published at harbourherald.com', undefined],
    ['Read more at: https://example.com/harbour-bridge', undefined],
    ['h/t Harbour Herald', undefined],
    ['Source', undefined],
    ['[Source link]', undefined],
    ['Source link: https://example.com/a', undefined],
    ['This story has been updated.', undefined],
    ['(Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed.)', undefined],
    ['View comments', undefined]
  ])('removes %j at the story\'s end, and reads the source it names', (line, source) => {
    expect(stripBoilerplate(p(fire, crews, line), defaultBoilerplate)).toEqual({ paragraphs: p(fire, crews), removed: [line] })
    expect(namedSource(line)).toBe(source)
  })

  it.each(['Via Rail Canada', '— and then the rain came', '- Jane', 'Read the full story', 'Source: officials'])('names no source in %j', (line) => {
    expect(namedSource(line)).toBeUndefined()
  })

  it.each([
    'Story continues',
    'Subscribe to our YouTube channel for the latest videos',
    'Download our app for the latest news on your phone',
    'Get the app',
    'Open in app',
    'Article continues after this advertisement',
    'Already a subscriber? Log in',
    'Sign up for free',
    'Enjoy unlimited access for just $1',
    "Don't miss out on the latest news. Subscribe now.",
    'This content is not available in your region',
    'Watch Live',
    'toggle caption',
    'Enlarge this image'
  ])('removes %j wherever it stands', (line) => {
    expectRemovedBetweenNews(line)
  })

  it.each(['Get the app developers paid, the union said.', 'Subscribe to the view that the bridge can wait, and the council will listen.', 'Already a subscriber? The paper said readers had cancelled.'])('keeps news shaped like a call to subscribe: %j', (news) => {
    expectKeptBetweenNews(news)
  })

  it.each([
    'Tags were found on the legs of 40 birds, the researchers said.',
    'Website',
    'Posted in haste, the notice was withdrawn within the hour.',
    'About the fire: crews worked through the night',
    'Contact | the union said it would strike',
    'Written by Jane Doe in 1999, the letter was never sent.'
  ])('keeps news, and a form\'s word anywhere but under the story: %j', (news) => {
    expectKeptBetweenNews(news)
  })

  it('keeps a story\'s last lines that are short but no footer\'s links', () => {
    const results = ['Results:', 'Harbour United 2', 'Northgate Rovers 1', 'Old Town 0', 'Quayside 3', 'Strand Athletic 1']
    expect(stripBoilerplate(p(fire, crews, ...results), []).paragraphs).toEqual(p(fire, crews, ...results))
    const names = ['The winners were:', 'Jane Doe', 'John Smith', 'Ana Lopez', 'Tom Roe', 'Alex Poe', 'Help Wanted']
    expect(stripBoilerplate(p(fire, crews, ...names), []).paragraphs).toEqual(p(fire, crews, ...names))
  })

  it('keeps a story\'s last paragraphs under a "Written by" that opens no short card', () => {
    const long = 'Written by Jane Doe'
    const story = p(fire, long, `${crews}, and the investigators who came later found the warehouse had been storing far more of the chemical than its licence allowed, according to the report the council published in the spring.`)
    expect(stripBoilerplate(story, []).paragraphs).toEqual(story)
  })

  it('keeps the story\'s own last line that names where a thing first appeared', () => {
    const last = 'The post of harbour master appeared first on a list of cuts the council published in March.'
    expect(stripBoilerplate(p(fire, last), [])).toEqual({ paragraphs: p(fire, last), removed: [] })
    expect(namedSource(last)).toBeUndefined()
  })

  it('builds a blog\'s post: its form, taxonomy and feed note are gone, and the feed note names its source', async () => {
    const seed = ['Harbour bridge to close for 18 months of repairs', '', fire, '', `${crews}.`, '', 'Tags: bridge, harbour', '', 'The post Harbour bridge to close for 18 months of repairs appeared first on Harbour Herald.', '', ...commentForm.flatMap((line) => [line, ''])].join('\n')
    const { store } = await buildInMemory({ 'seeds/post.txt': seed })
    expect(contentBody(store)).toEqual([fire, `${crews}.`])
    expect(contentFile(store)).toMatch(/^source: Harbour Herald$/m)
  })

  it('reads long lines built against the new shapes in linear time', () => {
    for (const line of [`The post ${'a '.repeat(50_000)}appeared first on`, `Tags: ${'a, '.repeat(33_000)}`, `${'About Us | '.repeat(9_000)}Contact`, `Sign up ${'inbox '.repeat(16_000)}`, `By signing up ${'you agree '.repeat(10_000)}`, `This article was originally published on ${'The '.repeat(25_000)}`]) {
      const start = performance.now()
      stripBoilerplate(p(fire, line), [])
      namedSource(line)
      expect(performance.now() - start).toBeLessThan(100)
    }
  })
})

describe('section breaks and end marks in a seed', () => {
  const p = (...texts: string[]) => texts.map((text) => ({ text }))

  it.each(['***', '* * *', '---', '- - -', '###', '# # #', '• • •', '~~~', '___', '⁂', '— — —'])('takes %j for a break between sections', (line) => {
    expect(isSectionBreak(line)).toBe(true)
    expect(isSectionBreak(`  ${line}  `)).toBe(true)
  })

  it.each(['**', '*-*', '***Update***', '--- said the minister', '#hashtag', '1. 2. 3.', '30', '-', '…', '***a'])('takes %j for text', (line) => {
    expect(isSectionBreak(line)).toBe(false)
  })

  it('removes end marks and breaks from the end of a story, and breaks from its start, and only there', () => {
    for (const mark of ['###', '-30-', '- 30 -', '(END)', '-ends-', 'ENDS', 'End.', '* * *']) {
      expect(stripBoilerplate(p('***', fire, mark, crews, mark), defaultBoilerplate)).toEqual({ paragraphs: p(fire, mark, crews), removed: [mark, '***'] })
    }
    // The words alone in a sentence are news.
    const input = p(fire, 'The strike ends on Monday.', crews)
    expect(stripBoilerplate(input, defaultBoilerplate)).toEqual({ paragraphs: input, removed: [] })
  })

  it('builds a seed: a break between paragraphs is a rule on the page, and the marks at its end, and breaks left with nothing to part, are gone', async () => {
    const { store, pages, messages } = await buildInMemory({
      'seeds/breaks.txt': `Fire forces evacuation in port district\n\n* * *\n\n${fire}\n\n***\n\n${crews}.\n\n---\n\n${fire}\n\n###\n\n-30-\n`
    })
    // The second copy of the first paragraph goes as a repeat, and the break before it with it.
    expect(contentBody(store)).toEqual([fire, '***', `${crews}.`])
    const page = [...pages].find(([path]) => /^\d{4}\/.+\/index\.html$/.test(path))![1]
    const body = page.slice(page.indexOf('e-content'))
    expect(body.match(/<hr>/g)).toHaveLength(1)
    expect(body).not.toMatch(/<p>[-*#• ]+<\/p>|-30-/)
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('Removed the scraped trailer "-30-"'), expect.stringContaining('Removed the scraped trailer "* * *"')]))
  })
})

describe('a related-stories heading on a line of its own', () => {
  const strip = (lines: string[]) => stripBoilerplate(lines.map((text) => ({ text })), []).paragraphs.map((paragraph) => paragraph.text)

  it('goes with the headlines under it, a line each, and no further', () => {
    expect(strip(['The fire was put out by morning, the fire service said.', 'Related Articles', 'Port workers strike over pay', 'City budget approved'])).toEqual(['The fire was put out by morning, the fire service said.'])
    expect(strip(['The fire was put out by morning.', 'More stories:', 'Port workers strike over pay', 'The council will meet again on Friday to discuss the damage.'])).toEqual(['The fire was put out by morning.', 'The council will meet again on Friday to discuss the damage.'])
  })

  it.each([
    ['Related topics', ['Flooding', 'Devon', 'Weather']],
    ['Suggested Topics:', ['Commodities']],
    ['More on this story', ['Storm Henk: Thousands without power', 'Published', '2 hours ago']],
    ['Most Read from Bloomberg', ['Port Strike Spreads to Three More Cities', 'Why Rents Keep Rising']]
  ])('%j goes with the topics or headlines under it', (heading, links) => {
    expect(stripBoilerplate(p(fire, crews, heading, ...links), [])).toEqual({ paragraphs: p(fire, crews), removed: [heading, ...links] })
  })

  it.each(['Related topics were discussed at the summit on Monday.', 'Suggested topics for the debate included housing and transport.', 'More on this story emerged on Monday.', 'Top stories'])('keeps %j and the lines under it', (news) => {
    const input = p(fire, news, 'Flooding', crews)
    expect(stripBoilerplate(input, [])).toEqual({ paragraphs: input, removed: [] })
  })

  it('builds a BBC page\'s end: its topics and links to more on the story are gone', async () => {
    const { store } = await buildInMemory({ 'seeds/bbc.txt': ['Flood warnings issued as storm batters England', '', fire, '', `${crews}.`, '', 'Related topics', 'Flooding', 'Devon', '', 'More on this story', 'Storm Henk: Thousands without power', 'Published', '2 hours ago', ''].join('\n') })
    expect(contentBody(store)).toEqual([fire, `${crews}.`])
  })

  it('leaves the headlines of a story that only mentions related stories', () => {
    expect(strip(['More stories emerged on Monday.', 'Port workers strike over pay'])).toEqual(['More stories emerged on Monday.', 'Port workers strike over pay'])
  })
})

describe('withoutLatinAccents', () => {
  const reference = (text: string) => text.normalize('NFD').replace(/(?<=[a-z])[\u0300-\u036f]+/g, '').normalize('NFC')

  it('drops the accents of Latin letters as normalizing the whole text does, and no other marks', () => {
    const letters = Array.from({ length: 0x2000 - 0x80 }, (_, i) => String.fromCharCode(0x80 + i)).join('').normalize('NFC').toLowerCase()
    expect(withoutLatinAccents(letters)).toBe(reference(letters))
    for (const text of ['józef müller in zürich', 'ёлка й и\u0306', 'a\u0301 stands apart', 'việt nam', 'ελλάδα', '한국어 é', 'e\u0301\u0323', '😀 café']) {
      expect(withoutLatinAccents(text.normalize('NFC')), text).toBe(reference(text.normalize('NFC')))
    }
  })

  it('agrees with it on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (raw) => {
      const text = raw.normalize('NFC').toLowerCase()
      expect(withoutLatinAccents(text)).toBe(reference(text))
    }))
  })
})
