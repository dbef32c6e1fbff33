/**
 * Colour arithmetic for deriving tokens: hex ⇄ OKLCH (Björn Ottosson's OKLab in polar form).
 * OKLCH keeps a brand's hue and perceived colourfulness while its lightness moves, which is what
 * a dark-scheme counterpart of a light-scheme colour needs; HSL lightness would shift the hue and
 * the perceived brightness of yellows and blues unevenly.
 */

export interface Oklch {
  /** Perceived lightness, 0 (black) … 1 (white). */
  l: number
  /** Colourfulness, 0 (grey) … about 0.37 at the edge of sRGB. */
  c: number
  /** Hue angle in degrees. */
  h: number
}

type Rgb = [number, number, number]

const toLinear = (c: number) => (c <= 0.040_45 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
const toGamma = (c: number) => (c <= 0.003_130_8 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055)

function parseHex(hex: string): Rgb {
  let value = hex.replace('#', '')
  if (value.length === 3 || value.length === 4)
    value = [...value.slice(0, 3)].map((c) => c + c).join('')
  return [0, 2, 4].map((i) => Number.parseInt(value.slice(i, i + 2), 16) / 255) as Rgb
}

export function toOklch(hex: string): Oklch {
  const [r, g, b] = parseHex(hex).map(toLinear)
  const l = Math.cbrt(0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b)
  const m = Math.cbrt(0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b)
  const s = Math.cbrt(0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b)
  const L = 0.210_454_255_3 * l + 0.793_617_785 * m - 0.004_072_046_8 * s
  const A = 1.977_998_495_1 * l - 2.428_592_205 * m + 0.450_593_709_9 * s
  const B = 0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766 * s
  const h = (Math.atan2(B, A) * 180) / Math.PI
  return { l: L, c: Math.hypot(A, B), h: h < 0 ? h + 360 : h }
}

/** Linear sRGB of an OKLCH colour, possibly outside [0, 1] (out of gamut). */
function linearRgb({ l: L, c, h }: Oklch): Rgb {
  const A = c * Math.cos((h * Math.PI) / 180)
  const B = c * Math.sin((h * Math.PI) / 180)
  const l = (L + 0.396_337_777_4 * A + 0.215_803_757_3 * B) ** 3
  const m = (L - 0.105_561_345_8 * A - 0.063_854_172_8 * B) ** 3
  const s = (L - 0.089_484_177_5 * A - 1.291_485_548 * B) ** 3
  return [
    4.076_741_662_1 * l - 3.307_711_591_3 * m + 0.230_969_929_2 * s,
    -1.268_438_004_6 * l + 2.609_757_401_1 * m - 0.341_319_396_5 * s,
    -0.004_196_086_3 * l - 0.703_418_614_7 * m + 1.707_614_701 * s,
  ]
}

const inGamut = (rgb: Rgb) => rgb.every((v) => v >= -1e-4 && v <= 1 + 1e-4)

/**
 * The hex of an OKLCH colour. Out of sRGB, chroma is reduced (same lightness and hue) until it
 * fits: the colour gets greyer, never lighter or darker, so contrast computed for it holds.
 */
export function fromOklch(color: Oklch): string {
  const l = Math.min(1, Math.max(0, color.l))
  let c = Math.max(0, color.c)
  if (!inGamut(linearRgb({ l, c, h: color.h }))) {
    let [low, high] = [0, c]
    for (let i = 0; i < 24; i++) {
      const mid = (low + high) / 2
      if (inGamut(linearRgb({ l, c: mid, h: color.h }))) low = mid
      else high = mid
    }
    c = low
  }
  const rgb = linearRgb({ l, c, h: color.h }).map((v) =>
    Math.round(toGamma(Math.min(1, Math.max(0, v))) * 255)
  )
  return `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`
}

/** The alpha of a hex colour, 0…1 (1 for #rgb and #rrggbb). */
export function alphaOf(hex: string) {
  const value = hex.replace('#', '')
  if (value.length === 4) return Number.parseInt(value[3] + value[3], 16) / 255
  if (value.length === 8) return Number.parseInt(value.slice(6, 8), 16) / 255
  return 1
}
