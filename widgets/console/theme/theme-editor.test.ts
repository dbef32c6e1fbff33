import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { setLocale } from '../../kit/localize.js'
import { adoptConsoleSheet } from '../console-element.js'
import { DraftHistory, setToken } from './draft.js'
import './theme-editor.js'
import type { ConsoleThemeEditor } from './theme-editor.js'
import type { ConsoleThemePreview } from './theme-preview.js'

interface Call {
  method: string
  body?: { tokens: Record<string, unknown> }
  xsrf: string | null
}

const PUBLISHED = { color: { light: { primary: '#2f5bd3' } }, radius: { md: '10px' } }

/** GET/PUT /v1/theme as the server answers them; `status` for PUT's answer. */
function mockThemeApi({ status = 200 } = {}) {
  const calls: Call[] = []
  window.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href)
    if (url.origin !== location.origin || url.pathname !== '/v1/theme')
      return new Response(null, { status: 404 })
    const method = init.method ?? 'GET'
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    calls.push({ method, body, xsrf: new Headers(init.headers).get('x-xsrf-token') })
    const json = (value: unknown, code = 200) =>
      new Response(JSON.stringify(value), {
        status: code,
        headers: { 'content-type': 'application/json' },
      })
    if (method === 'PUT' && status !== 200)
      return json(
        {
          error: {
            code: 'VALIDATION_ERROR',
            message: 'The request is invalid',
            details: [{ field: 'tokens.radius.md', message: 'must be a length' }],
          },
        },
        status
      )
    if (method === 'PUT') return json({ theme: { tokens: body.tokens }, warnings: [] })
    return json({ theme: { tokens: PUBLISHED } })
  }) as typeof fetch
  return calls
}

async function mount() {
  adoptConsoleSheet()
  const editor = await fixture<ConsoleThemeEditor>(
    html`<console-theme-editor></console-theme-editor>`
  )
  await waitUntil(() => editor.shadowRoot!.querySelector('[data-token="color.light.primary"].hex'))
  await waitUntil(
    () =>
      editor.shadowRoot!.querySelector<HTMLInputElement>('[data-token="color.light.primary"].hex')!
        .value === '#2f5bd3'
  )
  return editor
}

const field = (editor: ConsoleThemeEditor, path: string, kind = '.hex') =>
  editor.shadowRoot!.querySelector<HTMLInputElement>(`[data-token="${path}"]${kind}`)!

async function typeInto(editor: ConsoleThemeEditor, input: HTMLInputElement, value: string) {
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
  await editor.updateComplete
  await new Promise(requestAnimationFrame)
}

/** The launcher in the preview's light or dark column. */
async function previewLauncher(editor: ConsoleThemeEditor, scheme: 'light' | 'dark') {
  const preview = editor.shadowRoot!.querySelector<ConsoleThemePreview>('console-theme-preview')!
  preview.widget = 'launcher'
  await preview.updateComplete
  const launcher = preview.shadowRoot!.querySelector<HTMLElement>(
    `.stage.${scheme} parley-launcher`
  )!
  await (launcher as unknown as { updateComplete: Promise<unknown> }).updateComplete
  return launcher
}

const primaryOf = (el: Element) =>
  getComputedStyle(el).getPropertyValue('--parley-color-primary').trim()

describe('theme editor', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
  })
  afterEach(() => setLocale(undefined))

  it('shows every colour role for both schemes, and the other tokens of the schema', async () => {
    mockThemeApi()
    const editor = await mount()
    const colours = [...editor.shadowRoot!.querySelectorAll<HTMLInputElement>('input.hex')]
    expect(colours).to.have.length(30)
    // Unset tokens show what Parley derives, as a placeholder.
    expect(field(editor, 'color.dark.primary').value).to.equal('')
    expect(field(editor, 'color.dark.primary').placeholder).to.match(/^#[0-9a-f]{6}$/)
    for (const path of [
      'typography.fontFamily',
      'typography.scale.xxl',
      'typography.weightStrong',
      'typography.lineHeight',
      'radius.pill',
      'spacing.unit',
      'density',
      'elevation.3',
      'motion.easing',
    ])
      expect(editor.shadowRoot!.querySelector(`[data-token="${path}"]`), path).to.exist
    expect(field(editor, 'radius.md', '').value).to.equal('10px')
  })

  it('changing the primary colour updates the preview’s custom property, in light and in dark', async () => {
    mockThemeApi()
    const editor = await mount()
    const light = await previewLauncher(editor, 'light')
    expect(primaryOf(light)).to.equal('#2f5bd3')
    await typeInto(editor, field(editor, 'color.light.primary'), '#123456')
    expect(primaryOf(light)).to.equal('#123456')
    expect(
      getComputedStyle(light.shadowRoot!.querySelector('[part~="button"], button')!).backgroundColor
    ).to.equal('rgb(18, 52, 86)')
    // The dark column gets the colour's dark counterpart, readable on the dark surface.
    const dark = await previewLauncher(editor, 'dark')
    expect(primaryOf(dark)).to.not.equal('#123456')
    await typeInto(editor, field(editor, 'color.dark.primary'), '#ffcc00')
    expect(primaryOf(dark)).to.equal('#ffcc00')
    // The picker changes it too.
    const picker = field(editor, 'color.light.primary', '[type=color]')
    picker.value = '#aa0000'
    picker.dispatchEvent(new Event('input'))
    await editor.updateComplete
    expect(primaryOf(light)).to.equal('#aa0000')
    expect(field(editor, 'color.light.primary').value).to.equal('#aa0000')
  })

  it('warns as you type when a colour falls below WCAG AA, and stops when fixed', async () => {
    mockThemeApi()
    const editor = await mount()
    const summary = () => editor.shadowRoot!.querySelector('#contrast-summary')!.textContent!
    expect(summary()).to.contain('Every text colour meets WCAG AA')
    await typeInto(editor, field(editor, 'color.light.onSurface'), '#cccccc')
    const warning = editor.shadowRoot!.querySelector('[data-warning="color.light.onSurface"]')!
    expect(warning.textContent).to.match(/Contrast 1\.\d\d:1 against Surface is below WCAG AA/)
    expect(field(editor, 'color.light.onSurface').getAttribute('aria-describedby')).to.contain(
      'color.light.onSurface-warning'
    )
    expect(summary()).to.match(/\d+ colour pairs are below WCAG AA/)
    await typeInto(editor, field(editor, 'color.light.onSurface'), '#111111')
    expect(editor.shadowRoot!.querySelector('[data-warning="color.light.onSurface"]')).to.equal(
      null
    )
  })

  it('keeps an invalid value out of the draft and says why', async () => {
    mockThemeApi()
    const editor = await mount()
    await typeInto(editor, field(editor, 'color.light.primary'), '#12')
    expect(field(editor, 'color.light.primary').getAttribute('aria-invalid')).to.equal('true')
    expect(editor.shadowRoot!.textContent).to.contain('Use a hex colour')
    await typeInto(editor, field(editor, 'radius.md', ''), '10 px')
    expect(editor.shadowRoot!.textContent).to.contain('Use a length in px, rem or em')
    const calls = mockThemeApi()
    editor.shadowRoot!.querySelector<HTMLButtonElement>('#publish')!.click()
    await editor.updateComplete
    expect(editor.shadowRoot!.querySelector('#message')!.textContent).to.contain(
      'Fix the highlighted fields'
    )
    expect(calls).to.have.length(0)
  })

  it('undo restores the colour before the edit (one step per edit, not per keystroke); redo brings it back', async () => {
    mockThemeApi()
    const editor = await mount()
    const light = await previewLauncher(editor, 'light')
    const input = field(editor, 'color.light.primary')
    for (const value of ['#1', '#12', '#123', '#1234', '#12345', '#123456'])
      await typeInto(editor, input, value)
    await typeInto(editor, field(editor, 'radius.md', ''), '2px')
    expect(primaryOf(light)).to.equal('#123456')
    const undo = editor.shadowRoot!.querySelector<HTMLButtonElement>('#undo')!
    undo.click()
    await editor.updateComplete
    expect(field(editor, 'radius.md', '').value).to.equal('10px')
    undo.click()
    await editor.updateComplete
    expect(field(editor, 'color.light.primary').value).to.equal('#2f5bd3')
    expect(primaryOf(light)).to.equal('#2f5bd3')
    expect(undo.disabled).to.equal(true)
    // Ctrl+Shift+Z outside a text field redoes.
    editor.shadowRoot!.querySelector<HTMLButtonElement>('#redo')!.focus()
    await sendKeys({ down: 'Control' })
    await sendKeys({ down: 'Shift' })
    await sendKeys({ press: 'KeyZ' })
    await sendKeys({ up: 'Shift' })
    await sendKeys({ up: 'Control' })
    await editor.updateComplete
    expect(primaryOf(light)).to.equal('#123456')
  })

  it('publishes the draft with PUT /v1/theme and says when host pages get it', async () => {
    const calls = mockThemeApi()
    const editor = await mount()
    expect(editor.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain(
      'Matches the published theme'
    )
    await typeInto(editor, field(editor, 'color.light.primary'), '#123456')
    expect(editor.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain(
      'Unpublished changes'
    )
    editor.shadowRoot!.querySelector<HTMLButtonElement>('#publish')!.click()
    await waitUntil(() => editor.shadowRoot!.querySelector('#message'))
    const put = calls.find((c) => c.method === 'PUT')!
    expect(put.body).to.deep.equal({
      tokens: { color: { light: { primary: '#123456' } }, radius: { md: '10px' } },
    })
    expect(put.xsrf).to.equal('tok=42')
    expect(editor.shadowRoot!.querySelector('#message')!.textContent).to.contain(
      'Published — host pages get it on their next load.'
    )
    expect(editor.shadowRoot!.querySelector('.actions [role=status]')!.textContent).to.contain(
      'Matches the published theme'
    )
  })

  it('keeps focus on the preview’s widget buttons when the open launcher shows', async () => {
    mockThemeApi()
    const editor = await mount()
    const preview = editor.shadowRoot!.querySelector<ConsoleThemePreview>('console-theme-preview')!
    const button = preview.shadowRoot!.querySelector<HTMLButtonElement>('[data-widget=launcher]')!
    button.focus()
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => preview.shadowRoot!.querySelector('parley-launcher'))
    await new Promise((r) => setTimeout(r, 50))
    expect(preview.shadowRoot!.activeElement).to.equal(button)
    expect(button.getAttribute('aria-pressed')).to.equal('true')
  })

  it('shows the server’s detail when publishing is refused', async () => {
    mockThemeApi({ status: 422 })
    const editor = await mount()
    await typeInto(editor, field(editor, 'color.light.primary'), '#123456')
    editor.shadowRoot!.querySelector<HTMLButtonElement>('#publish')!.click()
    await waitUntil(() => editor.shadowRoot!.querySelector('#message'))
    expect(editor.shadowRoot!.querySelector('#message')!.textContent).to.contain(
      'Publishing failed'
    )
    expect(editor.shadowRoot!.textContent).to.contain('tokens.radius.md: must be a length')
  })

  it('applies a preset as one undoable step', async () => {
    mockThemeApi()
    const editor = await mount()
    const select = editor.shadowRoot!.querySelector<HTMLSelectElement>('#preset')!
    select.value = 'ocean'
    select.dispatchEvent(new Event('change'))
    await editor.updateComplete
    editor.shadowRoot!.querySelector<HTMLButtonElement>('#apply-preset')!.click()
    await editor.updateComplete
    expect(field(editor, 'color.light.primary').value).to.equal('#006d77')
    expect(field(editor, 'radius.md', '').value).to.equal('12px')
    editor.shadowRoot!.querySelector<HTMLButtonElement>('#undo')!.click()
    await editor.updateComplete
    expect(field(editor, 'color.light.primary').value).to.equal('#2f5bd3')
  })

  it('is read-only for the support role', async () => {
    mockThemeApi()
    const editor = await mount()
    editor.userRole = 'support'
    await editor.updateComplete
    expect(editor.shadowRoot!.querySelector<HTMLButtonElement>('#publish')!.disabled).to.equal(true)
    expect(field(editor, 'color.light.primary').readOnly).to.equal(true)
    expect(field(editor, 'color.light.primary', '[type=color]').disabled).to.equal(true)
    expect(field(editor, 'radius.md', '').readOnly).to.equal(true)
    expect(editor.shadowRoot!.querySelector('[data-clear]')).to.equal(null)
    for (const id of ['#preset', '#colorScheme', '#density'])
      expect(editor.shadowRoot!.querySelector<HTMLSelectElement>(id)!.disabled, id).to.equal(true)
  })

  it('speaks Spanish', async () => {
    mockThemeApi()
    setLocale('es')
    const editor = await mount()
    expect(editor.shadowRoot!.querySelector('h1')!.textContent).to.contain('Tema')
    expect(editor.shadowRoot!.querySelector('#publish')!.textContent).to.contain('Publicar')
    await typeInto(editor, field(editor, 'color.light.onSurface'), '#cccccc')
    expect(
      editor.shadowRoot!.querySelector('[data-warning="color.light.onSurface"]')!.textContent
    ).to.contain('no llega a WCAG AA')
  })
})

describe('draft history', () => {
  it('merges quick edits to one token, not edits to different tokens or slow ones', () => {
    const history = new DraftHistory({})
    history.record(setToken({}, 'radius.md', '1px'), 'radius.md', 0)
    history.record(setToken({}, 'radius.md', '12px'), 'radius.md', 500)
    history.record(setToken(history.current, 'radius.sm', '2px'), 'radius.sm', 600)
    history.record(setToken(history.current, 'radius.sm', '3px'), 'radius.sm', 5000)
    expect(history.undo()).to.deep.equal({ radius: { md: '12px', sm: '2px' } })
    expect(history.undo()).to.deep.equal({ radius: { md: '12px' } })
    expect(history.undo()).to.deep.equal({})
    expect(history.canUndo).to.equal(false)
  })

  it('drops emptied groups when a token is cleared', () => {
    expect(
      setToken({ color: { light: { primary: '#000' } } }, 'color.light.primary', undefined)
    ).to.deep.equal({})
  })
})
