import { test } from '@japa/runner'
import { compileTheme } from '#themes/compile'
import { validateTheme } from '#themes/validate'
import { contrastRatio } from '#themes/contrast'
import { PRESETS } from '#themes/presets'
import { CONTRAST_PAIRS, DEFAULT_TOKENS, resolveTokens, type ColorRoles } from '#themes/tokens'
import { contrastWarnings } from '#themes/validate'
import { fromOklch, toOklch } from '#themes/color'

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
    const palette = css.slice(0, css.indexOf('}', css.indexOf('--parley-color-surface')))
    assert.include(palette, `--parley-color-surface: ${DEFAULT_TOKENS.color.dark.surface};`)
    assert.notInclude(palette, '@media')
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
      color: { light: { primary: '#ffd700', onPrimary: '#ffffff' } },
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

/** Brand colours a partner might pick: an OKLCH grid over hue, lightness and chroma, and some real ones. */
function brandColours() {
  const colours = new Set([
    '#ff0000',
    '#00ff00',
    '#0000ff',
    '#ffd700',
    '#ffff00',
    '#00ffff',
    '#ff00ff',
    '#000000',
    '#ffffff',
    '#808080',
    '#1db954',
    '#e50914',
    '#ff9900',
    '#0a66c2',
    '#6441a5',
    '#25d366',
    '#ff6600',
    '#f7df1e',
    '#b8430e',
    '#006d77',
    '#2f5bd3',
    '#0000c8',
    '#3b0a45',
    '#fafafa',
  ])
  for (let h = 0; h < 360; h += 20)
    for (const l of [0.25, 0.4, 0.55, 0.7, 0.85, 0.95])
      for (const c of [0.04, 0.12, 0.25]) colours.add(fromOklch({ l, c, h }))
  return [...colours]
}

const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b))

test.group('Theme colours Parley derives', () => {
  test('a primary set for light only gets a dark counterpart of its hue that passes AA on the dark surfaces, and text that passes on it', ({
    assert,
  }) => {
    const colours = brandColours()
    assert.isAbove(colours.length, 250)
    for (const primary of colours) {
      const { light, dark } = resolveTokens({
        colorScheme: 'auto',
        color: { light: { primary } },
      }).color
      assert.equal(light.primary, primary, 'the partner’s colour is kept')
      for (const surface of [dark.surface, dark.surfaceMuted])
        assert.isAtLeast(contrastRatio(dark.primary, surface), 4.5, `${primary} → ${dark.primary}`)
      assert.isAtLeast(contrastRatio(dark.onPrimary, dark.primary), 4.5, `on ${dark.primary}`)
      assert.isAtLeast(contrastRatio(light.onPrimary, light.primary), 4.5, `on ${primary}`)
      const [brand, derived] = [toOklch(primary), toOklch(dark.primary)]
      // The brand's hue survives wherever it has one (greys have no hue to keep).
      if (brand.c > 0.03 && derived.c > 0.03)
        assert.isBelow(hueDistance(brand.h, derived.h), 12, `${primary} → ${dark.primary}`)
      if (
        contrastRatio(primary, dark.surface) >= 4.5 &&
        contrastRatio(primary, dark.surfaceMuted) >= 4.5
      )
        assert.equal(dark.primary, primary, 'a colour that already reads on dark is kept')
    }
  })

  test('a whole light-only brand palette gets a dark palette that meets AA for every pair', ({
    assert,
  }) => {
    let palettes = 0
    for (let h = 0; h < 360; h += 15) {
      for (const tint of [0, 0.01, 0.03]) {
        const light: Partial<ColorRoles> = {
          primary: fromOklch({ l: 0.5, c: 0.15, h }),
          surface: fromOklch({ l: 0.99, c: tint / 3, h }),
          surfaceMuted: fromOklch({ l: 0.95, c: tint, h }),
          onSurface: fromOklch({ l: 0.25, c: tint * 2, h }),
          onSurfaceMuted: fromOklch({ l: 0.45, c: tint * 2, h }),
          border: fromOklch({ l: 0.85, c: tint, h }),
          danger: fromOklch({ l: 0.5, c: 0.18, h: (h + 180) % 360 }),
          focus: fromOklch({ l: 0.5, c: 0.15, h }),
        }
        const theme = { colorScheme: 'auto' as const, color: { light } }
        const lightProblems = contrastWarnings(theme).filter((w) =>
          w.field.startsWith('color.light')
        )
        if (lightProblems.length) continue // a palette that fails in light is the partner's call
        palettes++
        const { dark } = resolveTokens(theme).color
        for (const [text, background] of CONTRAST_PAIRS)
          assert.isAtLeast(
            contrastRatio(dark[text], dark[background]),
            4.5,
            `dark ${text} on ${background} for hue ${h}`
          )
        assert.isAtLeast(contrastRatio(dark.focus, dark.surface), 3, `focus for hue ${h}`)
        assert.isBelow(toOklch(dark.surface).l, 0.3, 'the dark surface is dark')
        assert.notEqual(dark.primary, DEFAULT_TOKENS.color.dark.primary)
      }
    }
    assert.isAbove(palettes, 40)
  })

  test('text on a filled colour is chosen when the partner did not set it, in both schemes', ({
    assert,
  }) => {
    for (const fill of brandColours()) {
      for (const scheme of ['light', 'dark'] as const) {
        const palette = resolveTokens({
          color: { [scheme]: { primary: fill, danger: fill, success: fill, warning: fill } },
        }).color[scheme]
        for (const [text, background] of [
          ['onPrimary', 'primary'],
          ['onDanger', 'danger'],
          ['onSuccess', 'success'],
          ['onWarning', 'warning'],
        ] as const)
          assert.isAtLeast(
            contrastRatio(palette[text], palette[background]),
            4.5,
            `${scheme} ${fill}`
          )
      }
    }
  })

  test('never changes a colour the partner set, and warns about it instead', ({ assert }) => {
    const theme = {
      colorScheme: 'auto' as const,
      color: {
        light: { primary: '#ffd700', onPrimary: '#ffffff' },
        dark: { primary: '#222222', surface: '#000000' },
      },
    }
    const { light, dark } = resolveTokens(theme).color
    assert.include(light, { primary: '#ffd700', onPrimary: '#ffffff' })
    assert.include(dark, { primary: '#222222', surface: '#000000' })
    assert.sameMembers(
      contrastWarnings(theme).map((w) => w.field),
      ['color.light.onPrimary']
    )
    // The text Parley picks for the partner's dark primary reads on it.
    assert.isAtLeast(contrastRatio(dark.onPrimary, dark.primary), 4.5)
  })

  test('the compiled dark scheme carries the derived colours, not the defaults', ({ assert }) => {
    const css = compileTheme({ colorScheme: 'auto', color: { light: { primary: '#b8430e' } } })
    const dark = resolveTokens({ color: { light: { primary: '#b8430e' } } }).color.dark
    assert.notEqual(dark.primary, DEFAULT_TOKENS.color.dark.primary)
    assert.match(
      css,
      new RegExp(`prefers-color-scheme: dark\\) \\{[^}]*--parley-color-primary: ${dark.primary};`)
    )
    assert.include(css, `:host([data-parley-scheme="dark"]) {\n  color-scheme: dark;`)
    assert.include(css, `--parley-color-on-primary: ${dark.onPrimary};`)
  })

  test('OKLCH round trips sRGB and maps colours outside it by chroma, keeping lightness', ({
    assert,
  }) => {
    for (const hex of ['#2f5bd3', '#ffd700', '#000000', '#ffffff', '#b8430e', '#123456'])
      assert.equal(fromOklch(toOklch(hex)), hex)
    const wild = fromOklch({ l: 0.7, c: 0.5, h: 150 })
    assert.closeTo(toOklch(wild).l, 0.7, 0.01)
    assert.isBelow(toOklch(wild).c, 0.5)
  })
})
