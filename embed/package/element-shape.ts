/**
 * What @lit/react reads of an element class: `name in elementClass.prototype` tells a property
 * (set on the element) from an attribute (left to React). The widgets' classes live in the chunks
 * the Parley server serves, so the wrappers get a stand-in with the manifest's properties instead
 * of importing a second copy of them: nothing is defined when a wrapper is imported, on the
 * server or in the browser.
 */
export function elementShape<T extends HTMLElement>(
  name: string,
  props: readonly (readonly [string, string, boolean])[]
): { new (): T; prototype: T } {
  const prototype = Object.fromEntries(props.map(([property]) => [property, undefined]))
  return { name, prototype } as unknown as { new (): T; prototype: T }
}
