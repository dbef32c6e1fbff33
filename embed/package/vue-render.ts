import { camelize, h, toHandlerKey, type Slots, type VNodeProps } from 'vue'

interface ElementMeta {
  tag: string
  props: readonly (readonly [string, string, boolean])[]
  events: readonly string[]
}

/**
 * Renders a Parley element from a Vue component's props. Every public property reflects an
 * attribute of a string, number or boolean, so the props go out as attributes (`^` makes Vue set
 * the attribute even once the element is upgraded): server rendering writes them into the HTML,
 * and the element reads them whenever its chunk arrives. Each event is re-emitted under its own
 * name, so `@parley-unread-changed` works on the component as on the element.
 */
export function renderElement(
  element: ElementMeta,
  props: Record<string, unknown>,
  emit: (name: string, event: Event) => void,
  slots: Slots
) {
  const listeners = Object.fromEntries(
    element.events.map((name) => [
      toHandlerKey(camelize(name)),
      (event: Event) => emit(name, event),
    ])
  )
  return () => {
    const attributes: Record<string, unknown> = {}
    for (const [property, attribute, boolean] of element.props) {
      const value = props[property]
      if (value === undefined || value === null || (boolean && value === false)) continue
      attributes[`^${attribute}`] = boolean ? '' : String(value)
    }
    return h(element.tag, { ...attributes, ...listeners } as VNodeProps, slots.default?.())
  }
}
