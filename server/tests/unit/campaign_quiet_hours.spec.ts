import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { isQuiet, nextAllowed, zonesOf } from '#services/campaigns/engine/quiet_hours'

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })
const NIGHT = { start: '21:00', end: '08:00' }

test.group('Campaign quiet hours (virtual time)', () => {
  test('where a recipient is: its time-zone attribute, else its phone’s country, else the schedule’s zone', ({
    assert,
  }) => {
    assert.deepEqual(zonesOf({ phone: '+351912345678', attributes: { timezone: 'Asia/Tokyo' } }), [
      'Asia/Tokyo',
    ])
    assert.include(
      zonesOf({ phone: '+351912345678', attributes: { timezone: 'Mars/Base' } }),
      'Europe/Lisbon'
    )
    assert.include(zonesOf({ phone: '+34612345678' }), 'Europe/Madrid')
    assert.include(zonesOf({ phone: '+12125550123' }), 'America/New_York')
    assert.deepEqual(zonesOf({ phone: null }, 'Europe/Berlin'), ['Europe/Berlin'])
    // A web visitor: the zone its browser reported, before the phone's country or the fallback.
    assert.deepEqual(
      zonesOf({ phone: '+34612345678', visitor: { timeZone: 'America/Bogota' } }, 'Europe/Berlin'),
      ['America/Bogota']
    )
    assert.deepEqual(zonesOf({ visitor: { timeZone: 'Nowhere/Land' } }, 'Europe/Berlin'), [
      'Europe/Berlin',
    ])
    assert.deepEqual(zonesOf({ phone: 'garbage' }, 'Not/AZone'), ['UTC'])
  })

  test('the night before Lisbon springs forward ends at 08:00 local, which is 07:00 UTC', ({
    assert,
  }) => {
    // 2026-03-29 01:00 UTC: Lisbon goes from WET (UTC+0) to WEST (UTC+1).
    const at = utc('2026-03-28T22:30:00')
    assert.isTrue(isQuiet(at, 'Europe/Lisbon', NIGHT))
    const next = nextAllowed(at, ['Europe/Lisbon'], NIGHT)
    assert.equal(next.toISO(), '2026-03-29T07:00:00.000Z')
    assert.equal(next.setZone('Europe/Lisbon').toFormat('HH:mm ZZ'), '08:00 +01:00')
    // The evening before the change it was 08:00 UTC.
    assert.equal(
      nextAllowed(utc('2026-03-27T22:30:00'), ['Europe/Lisbon'], NIGHT).toISO(),
      '2026-03-28T08:00:00.000Z'
    )
  })

  test('the night Lisbon falls back (a repeated hour) ends at 08:00 WET = 08:00 UTC', ({
    assert,
  }) => {
    const next = nextAllowed(utc('2026-10-24T23:59:00'), ['Europe/Lisbon'], NIGHT)
    assert.equal(next.toISO(), '2026-10-25T08:00:00.000Z')
    // Outside quiet hours nothing moves.
    const day = utc('2026-10-25T12:00:00')
    assert.equal(nextAllowed(day, ['Europe/Lisbon'], NIGHT).toISO(), day.toISO())
  })

  test('an end inside the spring-forward gap moves past it; a window within one day works too', ({
    assert,
  }) => {
    // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist that night.
    const quiet = { start: '23:00', end: '02:30' }
    const next = nextAllowed(utc('2026-03-08T05:00:00'), ['America/New_York'], quiet) // 00:00 EST
    assert.equal(next.setZone('America/New_York').toFormat('yyyy-MM-dd HH:mm'), '2026-03-08 03:30')
    assert.isFalse(isQuiet(next, 'America/New_York', quiet))
    const lunch = { start: '12:00', end: '14:00' }
    assert.equal(
      nextAllowed(utc('2026-06-01T12:30:00'), ['UTC'], lunch).toISO(),
      '2026-06-01T14:00:00.000Z'
    )
    assert.equal(
      nextAllowed(utc('2026-06-01T11:59:00'), ['UTC'], lunch).toISO(),
      '2026-06-01T11:59:00.000Z'
    )
    // No window (start = end), or none set: never quiet.
    assert.equal(
      nextAllowed(utc('2026-06-01T03:00:00'), ['UTC'], { start: '08:00', end: '08:00' }).toISO(),
      '2026-06-01T03:00:00.000Z'
    )
  })

  test('a country of several zones waits until it is allowed in all of them', ({ assert }) => {
    // 13:00 UTC: 09:00 in New York but 03:00 in Honolulu (quiet until 08:00 HST = 18:00 UTC).
    const zones = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Pacific/Honolulu']
    const next = nextAllowed(utc('2026-06-01T13:00:00'), zones, NIGHT)
    assert.equal(next.toISO(), '2026-06-01T18:00:00.000Z')
    for (const zone of zones) assert.isFalse(isQuiet(next, zone, NIGHT))
    // Zones with no moment in common: the first decides.
    const apart = nextAllowed(
      utc('2026-06-01T22:00:00'),
      ['Europe/Kaliningrad', 'Asia/Kamchatka'],
      {
        start: '18:00',
        end: '10:00',
      }
    )
    assert.isFalse(isQuiet(apart, 'Europe/Kaliningrad', { start: '18:00', end: '10:00' }))
  })
})
