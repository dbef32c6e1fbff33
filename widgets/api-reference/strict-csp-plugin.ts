import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'

/**
 * Makes Scalar's bundle run under a CSP without 'unsafe-inline' styles, at build time:
 *
 * - CSS that a dependency injects from JavaScript as a `<style>` element
 *   (vite-plugin-css-injected-by-js, in @scalar/use-toasts) is written to a file and imported,
 *   so it lands in the page's stylesheet;
 * - `el.setAttribute('style', '…')` (a scrollbar probe in @scalar/themes) becomes
 *   `el.style.cssText = '…'`, the CSSOM, which CSP does not govern;
 * - the theme's `<style v-html>` in ApiReference.vue renders through AdoptedStyle, a
 *   constructable stylesheet;
 * - the highlighter's `style="--line-digits: n"` in its HTML becomes `data-line-digits="n"`,
 *   which widgets/api-reference/strict_csp.css turns back into the custom property;
 * - CodeMirror's style-mod (the "try it" editors) adopts a constructable stylesheet in the
 *   document too, as it already does in shadow roots, instead of adding a `<style>` element.
 *
 * Each rewrite must apply, or the build fails: a Scalar upgrade that changes them is caught here
 * (and the e2e test fails on any CSP violation that slips through).
 */
const INJECTED_CSS =
  /\(function\(\) \{\s*try \{\s*if \(typeof document != "undefined"\) \{\s*var elementStyle = document\.createElement\("style"\);\s*elementStyle\.appendChild\(document\.createTextNode\(("(?:[^"\\]|\\.)*")\)\);\s*document\.head\.appendChild\(elementStyle\);\s*\}\s*\} catch \(e\) \{\s*console\.error\("vite-plugin-css-injected-by-js", e\);\s*\}\s*\}\)\(\);/g
const STYLE_ATTRIBUTE = /([\w$]+)\.setAttribute\(\s*(["'`])style\2\s*,\s*(["'`])([^"'`]*)\3\s*\)/g

/** Exact rewrites of one module each: `name` counts as applied when `from` was found. */
const LITERAL_REWRITES = [
  {
    name: 'themeStyle',
    module: '/@scalar/api-reference/',
    from: 'createBlock(resolveDynamicComponent("style"), { innerHTML: styleContent.value }, null, 8, ["innerHTML"])',
    to: 'createBlock(__ParleyAdoptedStyle, { css: styleContent.value }, null, 8, ["css"])',
  },
  {
    name: 'lineNumbers',
    module: '/@scalar/highlight/',
    from: '` style="--line-count: ${count}; --line-digits: ${count.toString().length};"`',
    to: '` data-line-digits="${count.toString().length}"`',
  },
  {
    name: 'styleModAdopted',
    module: '/style-mod/',
    from: '!root.head && root.adoptedStyleSheets && win.CSSStyleSheet',
    to: 'root.adoptedStyleSheets && win.CSSStyleSheet',
  },
]

export function strictCspPlugin(options: { cacheDir: string; adoptedStyle: string }): Plugin {
  const applied: Record<string, number> = { injectedCss: 0, styleAttribute: 0 }
  for (const rewrite of LITERAL_REWRITES) applied[rewrite.name] = 0
  mkdirSync(options.cacheDir, { recursive: true })

  return {
    name: 'parley-strict-csp',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/node_modules/') || !/\.[cm]?js$/.test(id)) return null
      let out = code
      out = out.replace(INJECTED_CSS, (_all, literal: string) => {
        const css = JSON.parse(literal) as string
        const file = join(
          options.cacheDir,
          `${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`
        )
        writeFileSync(file, css)
        applied.injectedCss++
        return `import ${JSON.stringify(file)};`
      })
      out = out.replace(STYLE_ATTRIBUTE, (_all, element: string, _q, quote: string, value) => {
        applied.styleAttribute++
        return `(${element}.style.cssText = ${quote}${value}${quote})`
      })
      for (const { name, module, from, to } of LITERAL_REWRITES) {
        if (!id.includes(module) || !out.includes(from)) continue
        out = out.replace(from, to)
        applied[name]++
      }
      if (out.includes('__ParleyAdoptedStyle'))
        out = `import { AdoptedStyle as __ParleyAdoptedStyle } from ${JSON.stringify(options.adoptedStyle)};\n${out}`
      return out === code ? null : { code: out, map: null }
    },
    buildEnd(error) {
      if (error) return
      const missing = Object.entries(applied)
        .filter(([, count]) => count === 0)
        .map(([name]) => name)
      if (missing.length)
        this.error(
          `The strict-CSP rewrites did not apply (${missing.join(', ')}): Scalar changed; see widgets/api-reference/strict-csp-plugin.ts`
        )
    },
  }
}
