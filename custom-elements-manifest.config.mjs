/** The custom-elements manifest (custom-elements.json): every element's public API, from its JSDoc. */

/** Elements are defined through the kit's `define('parley-x', ParleyX)`: read those calls too. */
function kitDefine() {
  return {
    name: 'parley-kit-define',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'define') return
      const [tag, element] = node.arguments
      if (!tag || !element || !ts.isStringLiteral(tag)) return
      const name = element.getText()
      const declaration = moduleDoc.declarations?.find((d) => d.name === name)
      if (declaration) {
        declaration.tagName = tag.text
        declaration.customElement = true
      }
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        {
          kind: 'custom-element-definition',
          name: tag.text,
          declaration: { name, module: moduleDoc.path },
        },
      ]
    },
    packageLinkPhase({ customElementsManifest }) {
      // Elements defined in another module than their class (widgets/inbox/inbox.ts): find them.
      const classes = new Map()
      for (const mod of customElementsManifest.modules)
        for (const d of mod.declarations ?? []) if (d.kind === 'class') classes.set(d.name, d)
      for (const mod of customElementsManifest.modules)
        for (const e of mod.exports ?? [])
          if (e.kind === 'custom-element-definition') {
            const d = classes.get(e.declaration.name)
            if (d) {
              d.tagName = e.name
              d.customElement = true
            }
          }
    },
  }
}

export default {
  globs: ['widgets/**/*.ts'],
  // The console, the platform admin and the API reference page are Parley's own pages, not part
  // of the widgets' public API.
  exclude: [
    '**/*.test.ts',
    '**/*.stories.ts',
    'widgets/kit/test/**',
    'widgets/console/**',
    'widgets/admin/**',
    'widgets/api-reference/**',
  ],
  outdir: '.',
  // package.json names custom-elements.json already; a run into another folder (a test's) must
  // not rewrite it.
  packagejson: false,
  litelement: true,
  plugins: [kitDefine()],
}
