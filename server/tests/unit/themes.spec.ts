import { test } from '@japa/runner'
import { compileTheme } from '#themes/compile'
import { validateTheme } from '#themes/validate'
import { contrastRatio } from '#themes/contrast'
import { PRESETS } from '#themes/presets'
import { DEFAULT_TOKENS } from '#themes/tokens'

test.group('Theme compiler', () => {
  test('emits every global token as a --parley-* custom property on :root and :host', ({
    assert,
  }) => {
    const css = compileTheme({ color: { light: { primary: '#123456' } }, colorScheme: 'light' })
    assert.include(css, ':root, :host {')
    assert.include(css, '--parley-color-primary: #123456;')
    assert.include(css, `--parley-color-on-surface: ${DEFAULT_TOKENS.color.light.onSurface};`)
    assert.include(css, '--parley-font-size-md: 14px;')
    assert.include(css, '--parley-radius-pill: 999px;')
    assert.include(css, '--parley-space-2: 8px;')
    assert.include(css, '--parley-shadow-3:')
    assert.include(css, '--parley-duration-fast: 120ms;')
    assert.notInclude(css, 'prefers-color-scheme', 'a fixed light theme does not follow the host')
  })

  test('follows prefers-color-scheme in auto, and lets data-parley-scheme fix it', ({ assert }) => {
    const css = compileTheme({ colorScheme: 'auto', color: { dark: { primary: '#abcdef' } } })
    assert.match(
      css,
      /@media \(prefers-color-scheme: dark\) \{[^}]*--parley-color-primary: #abcdef;/
    )
    assert.include(css, ':host([data-parley-scheme="dark"])')
    assert.include(css, ':host([data-parley-scheme="light"])')
  })

  test('starts dark when the scheme is fixed to dark', ({ assert }) => {
    const css = compileTheme({ colorScheme: 'dark' })
    const first = css.slice(0, css.indexOf('}'))
    assert.include(first, `--parley-color-surface: ${DEFAULT_TOKENS.color.dark.surface};`)
  })

  test('tightens spacing for compact density', ({ assert }) => {
    assert.include(compileTheme({ density: 'compact' }), '--parley-space-2: 6px;')
    assert.include(compileTheme({ spacing: { unit: '0.25rem' } }), '--parley-space-4: 1rem;')
  })

  test('turns motion off for people who asked for reduced motion', ({ assert }) => {
    assert.match(
      compileTheme(),
      /prefers-reduced-motion: reduce\) \{[^}]*--parley-duration-slow: 0ms;/
    )
  })
})

test.group('Theme validation', () => {
  test('accepts every preset, and every preset meets WCAG AA', ({ assert }) => {
    for (const [name, preset] of Object.entries(PRESETS)) {
      const result = validateTheme(preset)
      assert.deepEqual(result.errors, [], name)
      assert.deepEqual(result.warnings, [], name)
    }
  })

  test('refuses bad tokens with a detail per field', ({ assert }) => {
    const { errors } = validateTheme({
      colorScheme: 'sepia',
      color: { light: { primary: 'red', brand: '#fff' } },
      radius: { md: '8' },
      motion: { durationFast: '1s' },
      typography: { weightStrong: 650 },
      sparkle: true,
    })
    assert.sameMembers(
      errors.map((e) => e.field),
      [
        'colorScheme',
        'color.light.primary',
        'color.light.brand',
        'radius.md',
        'motion.durationFast',
        'typography.weightStrong',
        'sparkle',
      ]
    )
    assert.include(errors.find((e) => e.field === 'color.light.primary')!.message, 'hex colour')
  })

  test('refuses values that would inject CSS', ({ assert }) => {
    for (const theme of [
      { typography: { fontFamily: 'x; } body { display: none' } },
      { elevation: { '1': '0 0 1px red; background: url(https://evil.test)' } },
      { color: { light: { surface: '#fff;}' } } },
      { typography: { fontFamily: '</style><script>' } },
    ]) {
      assert.isAbove(validateTheme(theme).errors.length, 0, JSON.stringify(theme))
    }
  })

  test('flags text/background pairs below 4.5:1 as warnings, per scheme', ({ assert }) => {
    const { errors, warnings } = validateTheme({
      colorScheme: 'light',
      color: { light: { primary: '#ffd700' } },
    })
    assert.deepEqual(errors, [])
    assert.deepEqual(
      warnings.map((w) => w.field),
      ['color.light.onPrimary']
    )
    assert.match(warnings[0].message, /contrast 1\.\d+:1 against color\.light\.primary/)
  })

  test('computes WCAG contrast ratios', ({ assert }) => {
    assert.closeTo(contrastRatio('#000', '#fff'), 21, 0.001)
    assert.closeTo(contrastRatio('#777777', '#ffffff'), 4.48, 0.01)
    assert.equal(contrastRatio('#abc', '#aabbcc'), 1)
  })
})
