import { test } from '@japa/runner'
import { canonicalZone, localMillis, scheduleInstant } from '#services/campaigns/schedule'

const at = (sendAt: string, timezone: string) => scheduleInstant({ sendAt, timezone }).toISO()

test.group('Campaign schedules · local time to instant', () => {
  test('Europe/Lisbon: ordinary times, the skipped hour and the repeated hour', ({ assert }) => {
    const cases: [string, string, string][] = [
      // Winter (WET, +00:00) and summer (WEST, +01:00).
      ['2026-12-01T09:00:00', '2026-12-01T09:00:00.000Z', 'winter'],
      ['2026-07-01T09:00', '2026-07-01T08:00:00.000Z', 'summer'],
      // 29 March 2026: 01:00 WET → 02:00 WEST. 01:00–01:59 do not exist: the first instant
      // after them is 02:00 WEST (01:00Z).
      ['2026-03-29T00:30:00', '2026-03-29T00:30:00.000Z', 'before the jump'],
      ['2026-03-29T01:00:00', '2026-03-29T01:00:00.000Z', 'the first skipped minute'],
      ['2026-03-29T01:30:00', '2026-03-29T01:00:00.000Z', 'inside the gap'],
      ['2026-03-29T01:59:59', '2026-03-29T01:00:00.000Z', 'the last skipped second'],
      ['2026-03-29T02:00:00', '2026-03-29T01:00:00.000Z', 'the first real time after'],
      ['2026-03-29T09:00:00', '2026-03-29T08:00:00.000Z', 'later that day'],
      // 25 October 2026: 02:00 WEST → 01:00 WET. 01:00–01:59 happen twice: the earlier wins.
      ['2026-10-25T00:59:00', '2026-10-24T23:59:00.000Z', 'before the repeat'],
      ['2026-10-25T01:00:00', '2026-10-25T00:00:00.000Z', 'the repeated hour, first reading'],
      ['2026-10-25T01:30:00', '2026-10-25T00:30:00.000Z', 'the repeated half hour'],
      ['2026-10-25T02:00:00', '2026-10-25T02:00:00.000Z', 'after the repeat'],
    ]
    for (const [local, expected, what] of cases)
      assert.equal(at(local, 'Europe/Lisbon'), expected, `${local} (${what})`)
  })

  test('America/New_York: the same rules on its own dates', ({ assert }) => {
    const cases: [string, string, string][] = [
      ['2026-01-15T09:00:00', '2026-01-15T14:00:00.000Z', 'EST'],
      ['2026-07-04T09:00:00', '2026-07-04T13:00:00.000Z', 'EDT'],
      // 8 March 2026: 02:00 EST → 03:00 EDT.
      ['2026-03-08T01:59:00', '2026-03-08T06:59:00.000Z', 'before the jump'],
      ['2026-03-08T02:30:00', '2026-03-08T07:00:00.000Z', 'inside the gap → 03:00 EDT'],
      ['2026-03-08T03:00:00', '2026-03-08T07:00:00.000Z', 'after the jump'],
      // 1 November 2026: 02:00 EDT → 01:00 EST.
      ['2026-11-01T01:30:00', '2026-11-01T05:30:00.000Z', 'the repeated hour, first reading (EDT)'],
      ['2026-11-01T02:00:00', '2026-11-01T07:00:00.000Z', 'after the repeat (EST)'],
    ]
    for (const [local, expected, what] of cases)
      assert.equal(at(local, 'America/New_York'), expected, `${local} (${what})`)
  })

  test('a zone without DST, and a half-hour zone', ({ assert }) => {
    assert.equal(at('2026-03-29T01:30:00', 'UTC'), '2026-03-29T01:30:00.000Z')
    assert.equal(at('2026-06-01T09:00:00', 'Asia/Kolkata'), '2026-06-01T03:30:00.000Z')
  })

  test('time zones are checked and spelled canonically', ({ assert }) => {
    assert.equal(canonicalZone('Europe/Lisbon'), 'Europe/Lisbon')
    assert.equal(canonicalZone('europe/lisbon'), 'Europe/Lisbon')
    for (const bad of ['Mars/Olympus', 'Europe/Lisbon ', '', 'GMT+25', 'x'.repeat(100)])
      assert.isNull(canonicalZone(bad), JSON.stringify(bad))
  })

  test('only local date-times without offset are accepted', ({ assert }) => {
    assert.isNotNull(localMillis('2026-12-01T09:00'))
    assert.isNotNull(localMillis('2028-02-29T23:59:59'))
    for (const bad of [
      '2026-12-01T09:00:00Z',
      '2026-12-01T09:00:00+01:00',
      '2026-12-01T09:00:00.000',
      '2026-12-01 09:00:00',
      '2026-12-01',
      '2026-02-29T09:00:00',
      '2026-13-01T09:00:00',
      '2026-12-01T24:00:00',
      '2026-12-01T09:60:00',
    ])
      assert.isNull(localMillis(bad), bad)
  })
})
