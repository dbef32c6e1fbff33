import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import './panel.component.js'
import {
  snoozeUntil,
  type ConversationPatch,
  type ParleyConversationPanel,
} from './panel.component.js'
import type { Conversation, Member, Presence } from './inbox.types.js'
import type { ParleyCombobox } from '../kit/controls/combobox.js'
import type { ParleyMenu } from '../kit/controls/menu.js'
import type { ParleyDateTimePicker } from '../kit/controls/date-time-picker.js'
import type { ParleySelect } from '../kit/controls/select.js'
import { setLocale } from '../kit/localize.js'

const ME = 'm-ana'
const members: Member[] = [
  { id: 'm-bruno', name: 'Bruno Silva', role: 'agent' },
  { id: 'm-viewer', name: 'Vera Viewer', role: 'viewer' },
  { id: ME, name: 'Ana Lima', role: 'agent', avatarUrl: 'https://example.com/ana.png' },
  { id: 'm-carla', name: 'Carla Díaz', role: 'admin' },
]
const presence: Presence[] = [
  { memberId: 'm-bruno', status: 'away', lastSeenAt: '' },
  { memberId: ME, status: 'online', lastSeenAt: '' },
]
const conversation: Conversation = {
  id: 'c1',
  channel: 'web',
  status: 'open',
  priority: 'normal',
  assigneeId: null,
  tags: ['billing'],
  subject: null,
  lastMessageAt: new Date().toISOString(),
}

async function render(overrides: Partial<Conversation> = {}, readOnly = false) {
  const el = await fixture<ParleyConversationPanel>(
    html`<parley-conversation-panel
      .conversation=${{ ...conversation, ...overrides }}
      .members=${members}
      .presence=${presence}
      .me=${ME}
      .knownTags=${['billing', 'refund', 'vip']}
      ?read-only=${readOnly}
    ></parley-conversation-panel>`
  )
  const patches: ConversationPatch[] = []
  el.addEventListener('parley-conversation-change', (e) =>
    patches.push((e as CustomEvent<ConversationPatch>).detail)
  )
  const root = el.shadowRoot!
  return { el, root, patches }
}

const press = async (...keys: string[]) => {
  for (const key of keys) await sendKeys({ press: key })
}

/** A local `YYYY-MM-DDTHH:mm` as the date-time picker writes it. */
const local = (at: Date) =>
  new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)

describe('parley-conversation-panel', () => {
  afterEach(() => setLocale(undefined))

  it('offers Unassigned, the member first as "(you)", then the team with pictures and presence; no viewers', async () => {
    const { el, root } = await render()
    const assignee = root.querySelector<ParleyCombobox>('parley-combobox')!
    expect(assignee.options.map((o) => o.label)).to.deep.equal([
      'Unassigned',
      'Ana Lima (you)',
      'Bruno Silva',
      'Carla Díaz',
    ])
    expect(assignee.options[1]).to.include({
      avatar: 'https://example.com/ana.png',
      presence: 'online',
    })
    expect(assignee.options[2].presence).to.equal('away')
    expect(assignee.options[3].presence).to.equal('offline')
    // Nobody assigned: the field says so.
    const input = assignee.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!
    expect(input.value).to.equal('Unassigned')
    await expect(el).to.be.accessible()
  })

  it('assigns by keyboard (typing a name, Enter) and unassigns with the Unassigned option', async () => {
    const { root, patches, el } = await render()
    const assignee = root.querySelector<ParleyCombobox>('parley-combobox')!
    const input = assignee.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!
    // As Tab into a text field does: the shown name is selected, typing replaces it.
    input.focus()
    input.select()
    await sendKeys({ type: 'carla' })
    await press('Enter')
    expect(patches).to.deep.equal([{ assigneeId: 'm-carla' }])
    // The inbox answers with the patched conversation.
    el.conversation = { ...conversation, assigneeId: 'm-carla' }
    await el.updateComplete
    // Down opens on the chosen person; Unassigned is three above.
    await press('ArrowDown', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'Enter')
    expect(patches.at(-1)).to.deep.equal({ assigneeId: null })
  })

  it('changes status and priority with selects, by keyboard', async () => {
    const { root, patches } = await render()
    const [status, priority] = root.querySelectorAll<ParleySelect>('parley-select')
    status.shadowRoot!.querySelector<HTMLElement>('[part~="trigger"]')!.focus()
    await press('ArrowDown', 'ArrowDown', 'Enter')
    expect(patches).to.deep.equal([{ status: 'pending' }])
    priority.shadowRoot!.querySelector<HTMLElement>('[part~="trigger"]')!.focus()
    await press('End', 'Enter')
    expect(patches.at(-1)).to.deep.equal({ priority: 'urgent' })
  })

  it('snoozes from its menu: an hour, and a date and time picked in the calendar', async () => {
    const { el, root, patches } = await render()
    const menu = root.querySelector<ParleyMenu>('parley-menu')!
    const button = menu.shadowRoot!.querySelector<HTMLElement>('[part~="trigger"]')!
    button.focus()
    await press('Enter')
    await waitUntil(() => menu.open)
    const before = Date.now()
    await press('Enter') // "In an hour"
    expect(patches).to.have.length(1)
    const inAnHour = new Date(patches[0].snoozedUntil!).getTime()
    expect(inAnHour - before).to.be.within(3_599_000, 3_601_000)

    button.focus()
    await press('Enter')
    await waitUntil(() => menu.open)
    await press('End', 'Enter') // "Pick a date and time…" is the last item
    const picker = await waitUntil(
      () => root.querySelector<ParleyDateTimePicker>('parley-date-time-picker'),
      'no picker'
    ).then(() => root.querySelector<ParleyDateTimePicker>('parley-date-time-picker')!)
    await waitUntil(() => picker.open, 'the calendar did not open')
    // Nothing earlier than now can be chosen.
    expect(picker.min! <= local(new Date())).to.equal(true)
    expect(picker.min! >= local(new Date(Date.now() - 60_000))).to.equal(true)
    // Tomorrow (the grid starts on today), then Tab to the hour and Done.
    await press('ArrowRight')
    const dialog = picker.shadowRoot!
    const done = [...dialog.querySelectorAll<HTMLButtonElement>('[part~="button"]')].find(
      (b) => b.textContent!.trim() === 'Done'
    )!
    done.focus()
    await press('Enter')
    await waitUntil(() => patches.length === 2, 'no snooze sent')
    const picked = new Date(patches[1].snoozedUntil!)
    expect(patches[1].snoozedUntil).to.equal(picked.toISOString())
    const tomorrow = new Date()
    tomorrow.setDate(tomorrow.getDate() + 1)
    expect(picked.toDateString()).to.equal(tomorrow.toDateString())
    expect(picked.getMinutes() % 15).to.equal(0)
    await el.updateComplete
    expect(root.querySelector('parley-date-time-picker')).to.equal(null)
    await waitUntil(() => menu.matches(':focus-within'), 'focus did not go back to the menu')
  })

  it('keeps snoozeUntil’s choices: an hour, tomorrow at 9:00, a week', () => {
    const now = new Date(2025, 2, 14, 16, 20)
    expect(snoozeUntil('hour', now)).to.equal(new Date(2025, 2, 14, 17, 20).toISOString())
    expect(snoozeUntil('tomorrow', now)).to.equal(new Date(2025, 2, 15, 9, 0).toISOString())
    expect(snoozeUntil('week', now)).to.equal(new Date(2025, 2, 21, 16, 20).toISOString())
  })

  it('adds tags by keyboard from the workspace’s suggestions and removes them', async () => {
    const { root, patches, el } = await render()
    const tags = root.querySelector('parley-tag-input')!
    const input = tags.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!
    input.focus()
    await sendKeys({ type: 're' })
    await waitUntil(() => tags.open, 'no suggestions')
    const offered = [...tags.shadowRoot!.querySelectorAll('[role="option"]')].map((o) =>
      o.textContent!.trim()
    )
    expect(offered).to.deep.equal(['refund'])
    await press('ArrowDown', 'Enter')
    expect(patches).to.deep.equal([{ tags: ['billing', 'refund'] }])
    el.conversation = { ...conversation, tags: ['billing', 'refund'] }
    await el.updateComplete
    await sendKeys({ type: 'x'.repeat(45) })
    await press('Enter')
    expect(patches.at(-1)).to.deep.equal({ tags: ['billing', 'refund', 'x'.repeat(40)] })
    el.conversation = { ...conversation, tags: ['billing', 'refund'] }
    await el.updateComplete
    await press('Backspace', 'Backspace')
    expect(patches.at(-1)).to.deep.equal({ tags: ['billing'] })
  })

  it('lets a viewer read but change nothing', async () => {
    const { root } = await render({ assigneeId: 'm-bruno', status: 'snoozed' }, true)
    for (const control of root.querySelectorAll('parley-combobox, parley-select, parley-tag-input'))
      expect((control as HTMLElement & { disabled: boolean }).disabled).to.equal(true)
    expect(root.querySelector('parley-menu')).to.equal(null)
  })

  it('speaks Spanish', async () => {
    setLocale('es')
    const { root } = await render()
    expect(root.querySelector<ParleyCombobox>('parley-combobox')!.options[1].label).to.equal(
      'Ana Lima (tú)'
    )
    const items = [...root.querySelectorAll('parley-menu-item')].map((i) =>
      [...i.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
        .trim()
    )
    expect(items).to.deep.equal([
      'En una hora',
      'Mañana',
      'La semana que viene',
      'Elegir fecha y hora…',
    ])
  })

  it('marks a contact who opted out of campaigns, with since when; nothing for others', async () => {
    const eva = { id: 'k1', name: 'Eva', phone: '+5511987650001', email: null }
    const { root } = await render({
      contact: { ...eva, optedOut: true, optedOutAt: '2026-03-02T10:00:00.000Z' },
    })
    const chip = root.querySelector<HTMLElement>('[part~="opted-out"]')!
    expect(chip.textContent!.trim()).to.equal('Opted out')
    expect(chip.title).to.match(/^Asked not to get campaign messages on .*2026/)
    const plain = await render({ contact: { ...eva, optedOut: false, optedOutAt: null } })
    expect(plain.root.querySelector('[part~="opted-out"]')).to.equal(null)

    setLocale('es')
    const es = await render({ contact: { ...eva, optedOut: true, optedOutAt: null } })
    const spanish = es.root.querySelector<HTMLElement>('[part~="opted-out"]')!
    expect(spanish.textContent!.trim()).to.equal('Baja de campañas')
    expect(spanish.hasAttribute('title')).to.equal(false)
  })
})
