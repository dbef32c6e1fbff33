/**
 * Which rows of a long list of fixed-height rows to render: the ones in view plus `overscan`
 * on each side, and the space to leave above and below them so the scrollbar stays true. With
 * 10,000 conversations the DOM holds a few dozen rows.
 */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8
) {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const start = Math.max(0, Math.min(count, first - overscan))
  const end = Math.min(count, first + Math.ceil(viewportHeight / rowHeight) + overscan)
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight }
}
