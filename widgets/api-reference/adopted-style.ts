import { defineComponent, onBeforeUnmount, watch } from 'vue'

/**
 * Stands in for the renderer's `<style v-html="…">` (its theme and custom CSS): the same CSS as a
 * constructable stylesheet adopted by the document, which a `style-src` without 'unsafe-inline'
 * allows where an inline `<style>` element is blocked. Renders nothing itself.
 */
export const AdoptedStyle = defineComponent({
  name: 'ParleyAdoptedStyle',
  props: { css: { type: String, default: '' } },
  setup(props) {
    const sheet = new CSSStyleSheet()
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
    watch(
      () => props.css,
      (css) => sheet.replaceSync(css),
      { immediate: true }
    )
    onBeforeUnmount(() => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)
    })
    return () => null
  },
})
