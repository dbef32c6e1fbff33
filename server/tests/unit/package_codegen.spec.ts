import { test } from '@japa/runner'
import {
  eventProp,
  findEventClasses,
  publicElements,
  publicManifest,
  reactSource,
  resolveType,
  type Manifest,
} from '../../../embed/package/codegen.js'

const launcherSource = `
export const LAUNCHER_POSITIONS = ['bottom-right', 'bottom-left'] as const
export type LauncherIcon = 'chat' | 'help'
`

/** A manifest with the seven public widgets (one attribute each) and one kit part. */
function manifest(extra: Partial<Record<string, object>> = {}): Manifest {
  const widgets = ['inbox', 'chat', 'launcher', 'recorder', 'campaigns', 'billing', 'account']
  return {
    modules: [
      ...widgets.map((widget) => ({
        path: `widgets/${widget}/${widget}.component.ts`,
        declarations: [
          {
            kind: 'class',
            name: `Parley${widget}`,
            tagName: `parley-${widget}`,
            customElement: true,
            attributes: [
              { name: 'compact', fieldName: 'compact', type: { text: 'boolean' } },
              { name: 'max-minutes', fieldName: 'maxMinutes', type: { text: 'number' } },
            ],
            events: [{ name: 'parley-error', description: 'Failed.' }],
            ...extra[widget],
          },
        ],
      })),
      {
        path: 'widgets/kit/primitives/button.ts',
        declarations: [{ kind: 'class', name: 'ParleyButton', tagName: 'parley-button' }],
      },
    ],
  }
}

const sources = {
  'widgets/kit/events/index.ts':
    "export class ParleyErrorEvent extends Event {\n  static readonly type = 'parley-error'\n}",
  'widgets/launcher/launcher.component.ts': launcherSource,
}

test.group('Package codegen', () => {
  test('names event props after the event', ({ assert }) => {
    assert.equal(eventProp('parley-unread-changed'), 'onParleyUnreadChanged')
    assert.equal(eventProp('parley-error'), 'onParleyError')
  })

  test("resolves the element module's aliases and const tuples, and refuses what it cannot", ({
    assert,
  }) => {
    assert.equal(resolveType("'light' | 'dark' | undefined", ''), "'light' | 'dark' | undefined")
    assert.equal(
      resolveType('(typeof LAUNCHER_POSITIONS)[number]', launcherSource),
      "'bottom-right' | 'bottom-left'"
    )
    assert.equal(
      resolveType('LauncherIcon | undefined', launcherSource),
      "'chat' | 'help' | undefined"
    )
    assert.throws(() => resolveType('Clock', launcherSource), /cannot resolve Clock/)
  })

  test('finds event classes by their static type', ({ assert }) => {
    const found = findEventClasses(sources)
    assert.deepEqual(found.get('parley-error'), {
      className: 'ParleyErrorEvent',
      module: 'widgets/kit/events/index.ts',
    })
  })

  test('takes the seven public widgets, their properties and typed events', ({ assert }) => {
    const elements = publicElements(manifest(), sources)
    assert.deepEqual(
      elements.map((e) => e.tag),
      [
        'parley-inbox',
        'parley-chat',
        'parley-launcher',
        'parley-recorder',
        'parley-campaigns',
        'parley-billing',
        'parley-account',
      ]
    )
    assert.deepEqual(elements[0].props[1], {
      name: 'maxMinutes',
      attribute: 'max-minutes',
      type: 'number',
      description: '',
    })
    assert.equal(elements[0].events[0].className, 'ParleyErrorEvent')
    const react = reactSource(elements)
    assert.include(
      react,
      "onParleyError: 'parley-error' as EventName<ParleyInboxEventMap['parley-error']>"
    )
    assert.isTrue(react.startsWith("'use client'"))
  })

  test('stops on an event without a class, an untypable attribute or a missing widget', ({
    assert,
  }) => {
    assert.throws(
      () =>
        publicElements(manifest({ chat: { events: [{ name: 'parley-chat-opened' }] } }), sources),
      /parley-chat: no event class declares 'parley-chat-opened'/
    )
    assert.throws(
      () =>
        publicElements(
          manifest({
            chat: { attributes: [{ name: 'clock', fieldName: 'clock', type: { text: 'Clock' } }] },
          }),
          sources
        ),
      /parley-chat \[clock\]: cannot resolve Clock/
    )
    const withoutBilling = manifest()
    withoutBilling.modules = withoutBilling.modules.filter((m) => !m.path.includes('billing'))
    assert.throws(
      () => publicElements(withoutBilling, sources),
      /parley-billing is not in the manifest/
    )
  })

  test('ships a manifest of the public elements only', ({ assert }) => {
    const shipped = publicManifest(manifest())
    assert.lengthOf(shipped.modules, 7)
    assert.notInclude(
      shipped.modules.map((m) => m.path),
      'widgets/kit/primitives/button.ts'
    )
  })
})
