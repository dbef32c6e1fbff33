/** The colour roles of a theme, each set per scheme (`color.light.primary`…). */
export const COLOR_ROLES = [
  'primary',
  'onPrimary',
  'surface',
  'onSurface',
  'surfaceMuted',
  'onSurfaceMuted',
  'border',
  'danger',
  'onDanger',
  'success',
  'onSuccess',
  'warning',
  'onWarning',
  'focus',
  'backdrop',
] as const
export type ColorRole = (typeof COLOR_ROLES)[number]
export type ColorRoles = Record<ColorRole, string>
