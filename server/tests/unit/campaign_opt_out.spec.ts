import { test } from '@japa/runner'
import { DEFAULT_OPT_OUT_WORDS, optOutIntent } from '#services/campaigns/opt_out'

test.group('Campaign opt-out words', () => {
  test('every default opt-out word of every locale opts out', ({ assert }) => {
    for (const [locale, words] of Object.entries(DEFAULT_OPT_OUT_WORDS)) {
      for (const word of words.optOut)
        assert.equal(optOutIntent(word), 'opt_out', `${locale} ${word}`)
    }
  })

  test('START, UNSTOP, ALTA and INICIAR opt back in; YES does not', ({ assert }) => {
    for (const word of ['START', 'unstop', 'Alta', 'iniciar'])
      assert.equal(optOutIntent(word), 'opt_in')
    assert.isNull(optOutIntent('yes'))
  })

  test('ignores case, accents, surrounding spaces, punctuation and emoji', ({ assert }) => {
    const variants = [
      'stop',
      '  Stop  ',
      'STOP!',
      'stop.',
      '¡Baja!',
      '¿parar?',
      '*STOP*',
      'stop 🙏🏽',
      'STOP 👋❤️',
      'Detener',
      'DETÉNER',
      'saír',
      'ｓｔｏｐ', // full-width, as some keyboards type it
      'stop\u200b',
      '\nunsubscribe\n',
    ]
    for (const text of variants) assert.equal(optOutIntent(text), 'opt_out', JSON.stringify(text))
  })

  test('a sentence that contains a word is not an opt-out', ({ assert }) => {
    for (const text of [
      'stop sending me stuff',
      "don't stop",
      'please stop',
      'STOP STOP',
      'stopping',
      'bajar',
      'alto ahí',
      'the end is near',
      'st op',
      'start over',
    ]) {
      assert.isNull(optOutIntent(text), text)
    }
  })

  test('empty, blank, emoji-only and very long messages are nothing', ({ assert }) => {
    for (const text of ['', '   ', '👍', '!!!', null, undefined, `STOP${' '.repeat(500)}!`]) {
      assert.isNull(optOutIntent(text))
    }
  })

  test('takes a workspace’s own word lists, normalised the same way', ({ assert }) => {
    const custom = { fr: { optOut: ['Arrêt', 'désabonner'], optIn: ['reprise'] } }
    assert.equal(optOutIntent('ARRET', custom), 'opt_out')
    assert.equal(optOutIntent('Désabonner !', custom), 'opt_out')
    assert.equal(optOutIntent('Reprise', custom), 'opt_in')
    assert.isNull(optOutIntent('STOP', custom), 'the defaults are replaced, not merged')
  })

  test('a word in both lists opts out', ({ assert }) => {
    assert.equal(
      optOutIntent('cancel', { x: { optOut: ['CANCEL'], optIn: ['cancel'] } }),
      'opt_out'
    )
  })

  test('multi-word phrases match with any spacing', ({ assert }) => {
    const custom = { en: { optOut: ['STOP ALL'], optIn: [] } }
    assert.equal(optOutIntent('stop   all!', custom), 'opt_out')
    assert.isNull(optOutIntent('stop', custom))
  })
})
