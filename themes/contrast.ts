/** WCAG 2.x contrast of two hex colours (#rgb, #rrggbb, #rrggbbaa; alpha ignored). */

function channels(hex: string): [number, number, number] {
  let value = hex.replace('#', '')
  if (value.length === 3 || value.length === 4)
    value = [...value.slice(0, 3)].map((c) => c + c).join('')
  return [0, 2, 4].map((i) => Number.parseInt(value.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ]
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) =>
    c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  )
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** WCAG AA for normal text. */
export const AA_NORMAL_TEXT = 4.5
/** WCAG AA for large text (24px, or 18.66px bold) and for non-text parts (focus rings, borders of controls). */
export const AA_LARGE_TEXT = 3
export const AA_NON_TEXT = 3
