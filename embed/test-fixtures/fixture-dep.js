// A chunk the fixture widget would import: the loader preloads it beside the widget's chunk.
export const dep = true
