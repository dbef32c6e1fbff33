import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys, sendMouse } from '@web/test-runner-commands'
import { ApiClient } from '../api-client.js'
import { deepFocus } from '../test/helpers.js'
import './composer.component.js'
import type { Composed, ParleyComposer } from './composer.component.js'

/**
 * A stand-in XMLHttpRequest: reports upload progress in steps the test controls, then answers
 * like POST /v1/attachments (or with an error).
 */
class FakeXhr extends EventTarget {
  static last?: FakeXhr
  static answer: { status: number; body: unknown } = { status: 201, body: {} }
  upload = new EventTarget()
  status = 0
  statusText = ''
  response: unknown = null
  responseType = ''
  headers: Record<string, string> = {}
  url = ''
  sent?: FormData
  open(_method: string, url: URL) {
    this.url = String(url)
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  send(body: FormData) {
    this.sent = body
    FakeXhr.last = this
  }
  abort() {
    this.dispatchEvent(new Event('abort'))
  }
  progress(loaded: number, total: number) {
    this.upload.dispatchEvent(
      new ProgressEvent('progress', { lengthComputable: true, loaded, total })
    )
  }
  finish() {
    this.status = FakeXhr.answer.status
    this.response = FakeXhr.answer.body
    this.dispatchEvent(new Event('load'))
  }
}

const attachment = (name: string) => ({
  id: crypto.randomUUID(),
  name,
  mimeType: 'image/png',
  kind: 'image',
  size: 2048,
  url: 'https://api.test/v1/files/x',
})

describe('parley-composer', () => {
  const RealXhr = window.XMLHttpRequest
  const client = new ApiClient({
    baseUrl: 'https://api.test',
    session: async () => 'v1.e30.sig',
    fetch: (async () =>
      new Response(JSON.stringify({ data: [], nextCursor: null }), {
        status: 200,
      })) as typeof fetch,
  })
  before(() => ((window as any).XMLHttpRequest = FakeXhr))
  after(() => (window.XMLHttpRequest = RealXhr))

  async function render(extra = html``) {
    const wrapper = await fixture(
      html`<div>
        <parley-composer
          notes
          .client=${client}
          .members=${[
            { id: 'm-bruno', name: 'Bruno', role: 'agent' },
            { id: 'm-carla', name: 'Carla', role: 'admin' },
          ]}
        ></parley-composer>
        ${extra}
      </div>`
    )
    const composer = wrapper.querySelector('parley-composer') as ParleyComposer
    await composer.updateComplete
    return {
      composer,
      root: composer.shadowRoot!,
      textarea: composer.shadowRoot!.querySelector('textarea')!,
    }
  }

  it('uploads a picked file with visible progress, then sends it with the words', async () => {
    const { composer, root, textarea } = await render()
    FakeXhr.answer = { status: 201, body: attachment('photo.png') }
    composer.addFiles([new File(['x'.repeat(2048)], 'photo.png', { type: 'image/png' })])
    await waitUntil(() => FakeXhr.last?.sent, 'no upload started')
    const xhr = FakeXhr.last!
    expect(xhr.url).to.equal('https://api.test/v1/attachments')
    expect(xhr.headers.Authorization).to.equal('Bearer v1.e30.sig')
    expect((xhr.sent!.get('file') as File).name).to.equal('photo.png')

    xhr.progress(512, 2048)
    await composer.updateComplete
    expect(root.querySelector('progress')!.value).to.equal(0.25)
    // Enter while the file is still uploading sends nothing.
    textarea.value = 'look'
    let composed: Composed | undefined
    composer.addEventListener('parley-compose', (e) => (composed = (e as CustomEvent).detail))
    textarea.focus()
    await sendKeys({ press: 'Enter' })
    expect(composed).to.equal(undefined)

    xhr.finish()
    await waitUntil(() => !root.querySelector('progress'), 'upload never finished')
    expect(root.querySelector('[part="uploads"]')!.textContent).to.contain('photo.png')
    await sendKeys({ press: 'Enter' })
    expect(composed!.body).to.equal('look')
    expect(composed!.attachments.map((a) => a.name)).to.deep.equal(['photo.png'])
    expect(root.querySelector('[part="uploads"]')).to.equal(null)
    await expect(composer).to.be.accessible()
  })

  it('shows why an upload was refused and lets it be removed', async () => {
    const { composer, root } = await render()
    FakeXhr.answer = {
      status: 422,
      body: {
        error: {
          code: 'VALIDATION_ERROR',
          message: 'The request is invalid',
          details: [
            { field: 'file', message: 'Files of type application/x-msdownload cannot be sent' },
          ],
        },
      },
    }
    composer.addFiles([new File(['MZ'], 'setup.exe')])
    await waitUntil(() => FakeXhr.last?.sent)
    FakeXhr.last!.finish()
    await waitUntil(() => root.querySelector('[role="alert"]'))
    expect(root.querySelector('[role="alert"]')!.textContent).to.contain('cannot be sent')
    root.querySelector<HTMLButtonElement>('.remove')!.click()
    await composer.updateComplete
    expect(root.querySelector('[part="uploads"]')).to.equal(null)
  })

  it('takes files pasted or dropped into it', async () => {
    const { composer, root, textarea } = await render()
    FakeXhr.answer = { status: 201, body: attachment('pasted.png') }
    const pasted = new DataTransfer()
    pasted.items.add(new File(['a'], 'pasted.png', { type: 'image/png' }))
    textarea.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true })
    )
    await waitUntil(
      () => FakeXhr.last?.sent && (FakeXhr.last.sent.get('file') as File).name === 'pasted.png'
    )

    const dropped = new DataTransfer()
    dropped.items.add(new File(['b'], 'dropped.pdf', { type: 'application/pdf' }))
    root
      .querySelector('[part="composer"]')!
      .dispatchEvent(
        new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true })
      )
    await waitUntil(() => (FakeXhr.last?.sent?.get('file') as File)?.name === 'dropped.pdf')
    await composer.updateComplete
    expect(root.querySelectorAll('[part="uploads"] li').length).to.equal(2)
  })

  it('mentions a member picked from @ suggestions and reports whom', async () => {
    const { composer, root, textarea } = await render()
    textarea.focus()
    await sendKeys({ type: 'ask @Br' })
    await waitUntil(
      () => root.querySelectorAll('[role="option"]').length === 1,
      'no member suggested'
    )
    expect(root.querySelector('[role="option"]')!.textContent).to.contain('@Bruno')
    await sendKeys({ press: 'Enter' })
    expect(textarea.value).to.equal('ask @Bruno ')
    await sendKeys({ type: 'please' })
    const sent = oneEvent(composer, 'parley-compose')
    await sendKeys({ press: 'Enter' })
    const { detail } = (await sent) as CustomEvent<Composed>
    expect(detail.body).to.equal('ask @Bruno please')
    expect(detail.mentions).to.deep.equal(['m-bruno'])
  })

  it('inserts emoji at the caret and marks notes', async () => {
    const { composer, root, textarea } = await render()
    textarea.value = 'thanks'
    textarea.setSelectionRange(6, 6)
    root.querySelector('.emoji-toggle')!.shadowRoot!.querySelector('button')!.click()
    await composer.updateComplete
    const picker = root.querySelector('parley-emoji-picker')!
    await picker.updateComplete
    picker.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="🙏"]')!.click()
    expect(textarea.value).to.equal('thanks🙏')
    await composer.updateComplete
    // Picking closes the grid and puts the caret back after the emoji.
    expect(root.querySelector('parley-emoji-picker')!.hidden).to.equal(true)
    expect(deepFocus()).to.equal(textarea)
    root.querySelector<HTMLInputElement>('.note-toggle input')!.click()
    const sent = oneEvent(composer, 'parley-compose')
    textarea.focus()
    await sendKeys({ press: 'Enter' })
    const { detail } = (await sent) as CustomEvent<Composed>
    expect(detail.type).to.equal('note')
  })

  it('Escape closes the emoji picker, gives focus back to its button and goes no further', async () => {
    const { composer, root, textarea } = await render()
    // What holds the composer (a launcher panel, a dialog) listens for Escape to close itself.
    const escapesOutside: KeyboardEvent[] = []
    composer.parentElement!.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') escapesOutside.push(e)
    })
    const toggle = root.querySelector('.emoji-toggle')!.shadowRoot!.querySelector('button')!
    toggle.focus()
    await sendKeys({ press: 'Enter' })
    await waitUntil(
      () => !root.querySelector('parley-emoji-picker')!.hidden,
      'the picker did not open'
    )
    expect(toggle.getAttribute('aria-expanded')).to.equal('true')
    const picker = root.querySelector('parley-emoji-picker')!
    const buttons = [...picker.shadowRoot!.querySelectorAll('button')]
    await waitUntil(() => deepFocus() === buttons[0], 'focus did not move into the grid')
    // Arrows walk the grid as laid out: right one, down one row, End to the last.
    const columns = buttons.filter((b) => b.offsetTop === buttons[0].offsetTop).length
    expect(columns).to.be.above(1)
    await sendKeys({ press: 'ArrowRight' })
    expect(deepFocus()).to.equal(buttons[1])
    await sendKeys({ press: 'ArrowDown' })
    expect(deepFocus()).to.equal(buttons[1 + columns])
    await sendKeys({ press: 'ArrowLeft' })
    expect(deepFocus()).to.equal(buttons[columns])
    await sendKeys({ press: 'End' })
    expect(deepFocus()).to.equal(buttons.at(-1))
    // One Tab stop: only the current emoji is in the tab order.
    expect(buttons.filter((b) => b.tabIndex === 0)).to.deep.equal([buttons.at(-1)])

    await sendKeys({ press: 'Escape' })
    await composer.updateComplete
    expect(root.querySelector('parley-emoji-picker')!.hidden).to.equal(true)
    expect(toggle.getAttribute('aria-expanded')).to.equal('false')
    expect(deepFocus()).to.equal(toggle)
    expect(escapesOutside).to.have.length(0)

    // Reopened, Enter picks the emoji it was left on, into the text.
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => !root.querySelector('parley-emoji-picker')!.hidden)
    await sendKeys({ press: 'Enter' })
    await composer.updateComplete
    expect(textarea.value).to.equal(buttons.at(-1)!.getAttribute('aria-label'))
    expect(deepFocus()).to.equal(textarea)

    // Nothing open: Escape is not the composer's to take.
    await sendKeys({ press: 'Escape' })
    expect(escapesOutside).to.have.length(1)
    await expect(composer).to.be.accessible()
  })

  it('closes the emoji picker and suggestions on a press outside; Escape closes suggestions only', async () => {
    const { composer, root, textarea } = await render(html`<button id="elsewhere">x</button>`)
    const elsewhere = composer.parentElement!.querySelector('#elsewhere')!
    const escapesOutside: KeyboardEvent[] = []
    composer.parentElement!.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') escapesOutside.push(e)
    })
    const press = async (target: Element) => {
      const { x, y, width, height } = target.getBoundingClientRect()
      await sendMouse({
        type: 'click',
        position: [Math.round(x + width / 2), Math.round(y + height / 2)],
      })
    }
    const toggle = root.querySelector('.emoji-toggle')!
    await press(toggle)
    await waitUntil(() => !root.querySelector('parley-emoji-picker')!.hidden)
    // A press inside the grid keeps it open (it picks, which closes it on purpose).
    await press(elsewhere)
    await composer.updateComplete
    expect(root.querySelector('parley-emoji-picker')!.hidden).to.equal(true)

    textarea.focus()
    await sendKeys({ type: '@B' })
    await waitUntil(() => root.querySelector('[role="listbox"]'), 'no suggestions')
    await press(textarea)
    expect(root.querySelector('[role="listbox"]')).not.to.equal(null)
    await sendKeys({ press: 'Escape' })
    await composer.updateComplete
    expect(root.querySelector('[role="listbox"]')).to.equal(null)
    expect(deepFocus()).to.equal(textarea)
    expect(escapesOutside).to.have.length(0)

    await sendKeys({ type: 'r' })
    await waitUntil(() => root.querySelector('[role="listbox"]'))
    await press(elsewhere)
    await composer.updateComplete
    expect(root.querySelector('[role="listbox"]')).to.equal(null)
  })
})
