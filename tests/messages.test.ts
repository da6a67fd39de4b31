import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { messageInterner, recordMessages, restoreMessages } from '../src/messages.js'

/** A file's messages as a worker records them: a repeat with the first copy as its cause, and others. */
function recorded(path: string): ReturnType<typeof recordMessages> {
  const file = new VFile({ path })
  const first = new VFile({ path }).message('first copy', { place: { line: 2, column: 1 } })
  file.message('Removed a repeated paragraph.', { place: { line: 13, column: 1 }, ruleId: 'repeat-removed', source: 'gazette', cause: first })
  const span = file.message('Title is long.', { place: { start: { line: 1, column: 1 }, end: { line: 1, column: 90 } }, ruleId: 'title-long', source: 'gazette' })
  span.note = 'Shorten it.'
  const failure = file.message(`No date in ${path}.`, { ruleId: 'date-missing', source: 'gazette' })
  failure.fatal = true
  return recordMessages(file)
}

describe('messageInterner', () => {
  it('gives back records equal to those it was given, in the same JSON, sharing their strings and places', () => {
    const share = messageInterner()
    const [a, b] = [recorded('seeds/a.txt'), recorded('seeds/b.txt')]
    const [sharedA, sharedB] = [share(a), share(b)]
    expect(sharedA).toEqual(a)
    expect(sharedB).toEqual(b)
    expect(JSON.stringify(sharedA)).toBe(JSON.stringify(a))
    expect(JSON.stringify(sharedB)).toBe(JSON.stringify(b))
    // The same places are one object, frozen; the files' own texts stay their own.
    expect(sharedB[0]!.place).toBe(sharedA[0]!.place)
    expect(sharedB[0]!.cause!.place).toBe(sharedA[0]!.cause!.place)
    expect(sharedB[1]!.place).toBe(sharedA[1]!.place)
    expect(sharedB[1]!.place).not.toBe(sharedA[0]!.place)
    expect(Object.isFrozen(sharedA[0]!.place)).toBe(true)
    expect(Object.isFrozen(sharedA[0]!.place!.start)).toBe(true)
    expect(sharedB[2]!.reason).toBe('No date in seeds/b.txt.')
    expect(sharedB[2]!.fatal).toBe(true)
    expect(sharedA[1]!.note).toBe('Shorten it.')
    expect('place' in sharedA[2]!).toBe(false)
  })

  it('gives records that restore to the same messages as the records it was given', () => {
    const share = messageInterner()
    share(recorded('seeds/a.txt'))
    const records = recorded('seeds/b.txt')
    const restored = restoreMessages('seeds/b.txt', share(records))
    expect(recordMessages(restored)).toEqual(records)
    expect(restored.messages.map((message) => [message.line, message.column, message.ruleId, message.fatal])).toEqual([
      [13, 1, 'repeat-removed', false],
      [1, 1, 'title-long', false],
      [undefined, undefined, 'date-missing', true]
    ])
  })
})
