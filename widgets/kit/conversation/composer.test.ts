import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { ApiClient } from '../api-client.js'
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
    root.querySelectorAll('.tools parley-button')[1].shadowRoot!.querySelector('button')!.click()
    await composer.updateComplete
    root.querySelector<HTMLButtonElement>('.emoji button[aria-label="🙏"]')!.click()
    expect(textarea.value).to.equal('thanks🙏')
    root.querySelector<HTMLInputElement>('.note-toggle input')!.click()
    const sent = oneEvent(composer, 'parley-compose')
    textarea.focus()
    await sendKeys({ press: 'Enter' })
    const { detail } = (await sent) as CustomEvent<Composed>
    expect(detail.type).to.equal('note')
  })
})
