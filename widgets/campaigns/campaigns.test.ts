import { expect, fixture, html, waitUntil, aTimeout } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { RealtimeClient, type ParleyEvent } from '../kit/realtime/realtime.js'
import { deepFocus } from '../kit/test/helpers.js'
import {
  someCampaigns,
  someStats,
  withCampaignsApi,
  type FixtureOptions,
} from './campaigns.fixtures.js'
import './campaigns.js'
import type { ParleyCampaigns } from './campaigns.component.js'
import type { Campaign } from './campaign-model.js'

type Call = NonNullable<FixtureOptions['calls']>[number]

/** The widget on the canned API; `calls` records every request it makes. */
async function mount(
  options: FixtureOptions = {},
  attrs: { campaignId?: string; locale?: string } = {}
) {
  const calls: Call[] = []
  withCampaignsApi({ ...options, calls })
  const el = await fixture<ParleyCampaigns>(
    html`<parley-campaigns
      campaign-id=${attrs.campaignId ?? ''}
      locale=${attrs.locale ?? 'en'}
    ></parley-campaigns>`
  )
  const root = el.shadowRoot!
  await waitUntil(
    () => root.querySelector('.campaigns, parley-campaign-page .tiles, parley-state[kind="empty"]'),
    'did not load',
    { timeout: 5000 }
  )
  return { el, root, calls }
}

const buttonsOf = (root: ParentNode) => [...root.querySelectorAll('parley-button')]
const button = (root: ParentNode, text: string) =>
  buttonsOf(root).find((b) => b.textContent!.trim() === text) as HTMLElement | undefined
const press = (root: ParentNode, text: string) => {
  const b = button(root, text)
  if (!b) throw new Error(`no button "${text}"`)
  b.shadowRoot!.querySelector('button')!.click()
}

/** The campaign's page, then its builder (Edit), at step `n` (1–4) of the stepper. */
async function editAt(root: ShadowRoot, n: number) {
  press(root, 'Edit')
  await waitUntil(() => root.querySelector('parley-campaign-builder .stepper'), 'no builder', {
    timeout: 5000,
  })
  const builder = root.querySelector('parley-campaign-builder')!
  builder.querySelector<HTMLButtonElement>(`.stepper li:nth-child(${n}) button`)!.click()
  await builder.updateComplete
  return builder
}

/** The fixture's campaigns, "Black Friday reminder" scheduled for 09:00 on 6 March 2026 in `zone`. */
const blackFridayAt = (timezone: string): Campaign[] =>
  someCampaigns().map((c) =>
    c.id === 'cmp-black-friday'
      ? { ...c, schedule: { sendAt: '2026-03-06T09:00:00', timezone } }
      : c
  )

/** Moves the page's clock so that it reads `iso` now (and keeps running); returns the undo. */
function clockAt(iso: string) {
  const realNow = Date.now
  const shift = Date.parse(iso) - realNow()
  Date.now = () => realNow() + shift
  return () => (Date.now = realNow)
}

async function openBuilder(root: ShadowRoot) {
  press(root, 'New campaign')
  await waitUntil(() => root.querySelector('parley-campaign-builder .stepper'), 'no builder', {
    timeout: 5000,
  })
  return root.querySelector('parley-campaign-builder')!
}

describe('parley-campaigns', () => {
  const realFetch = window.fetch
  after(() => (window.fetch = realFetch))

  it('lists campaigns with status, channel and key numbers, and filters by status', async () => {
    const { el, root, calls } = await mount()
    const rows = [...root.querySelectorAll('[part="campaign"]')]
    expect(rows.length).to.equal(6)
    const spring = rows[0]
    expect(spring.querySelector('.name')!.textContent).to.equal('Spring sale — VIP early access')
    expect(spring.querySelector('[part="status"]')!.textContent).to.equal('Sending')
    expect(spring.querySelector('[part="channel"]')!.getAttribute('aria-label')).to.equal(
      'WhatsApp'
    )
    expect(spring.querySelector('.numbers')!.textContent!.replace(/\s+/g, ' '))
      .to.contain('1,240')
      .and.contain('812')
      .and.contain('12%')
    // The breaker's pause says why in words; a teammate's pause needs no line.
    expect(rows[2].querySelector('.why')!.textContent).to.contain('a WhatsApp number disconnected')
    expect(rows[1].querySelector('.why')).to.equal(null)
    await expect(el).to.be.accessible()

    const filter = root.querySelector<HTMLElement & { value: string }>('.toolbar parley-select')!
    filter.shadowRoot!.querySelector<HTMLElement>('[part~="trigger"]')!.focus()
    // All → Draft → Scheduled → Sending → Paused
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter'])
      await sendKeys({ press: key })
    await waitUntil(() => root.querySelectorAll('[part="campaign"]').length === 2, 'not filtered')
    expect(calls.at(-1)!.query).to.equal('?status=paused')
  })

  it('shows an empty state with a call to action for owners, and none for agents', async () => {
    const owner = await mount({ campaigns: [] })
    const empty = owner.root.querySelector('parley-state[kind="empty"]')!
    expect(button(empty, 'New campaign')).to.exist
    const agent = await mount({ campaigns: [], role: 'agent' })
    expect(button(agent.root, 'New campaign')).to.equal(undefined)
    expect(agent.root.querySelector('parley-state')!.getAttribute('message')).to.contain(
      'Owners and admins'
    )
  })

  it('hides building and pause / cancel from agents and viewers', async () => {
    for (const role of ['agent', 'viewer']) {
      const list = await mount({ role })
      expect(button(list.root, 'New campaign'), role).to.equal(undefined)
      const page = await mount({ role }, { campaignId: 'cmp-spring' })
      expect(buttonsOf(page.root).map((b) => b.textContent!.trim())).to.not.include.members([
        'Pause',
        'Cancel campaign',
        'Edit',
      ])
    }
    const admin = await mount({ role: 'admin' }, { campaignId: 'cmp-spring' })
    expect(buttonsOf(admin.root).map((b) => b.textContent!.trim())).to.include.members([
      'Pause',
      'Cancel campaign',
    ])
  })

  it('does not leave the audience step without a name or with a rule left empty', async () => {
    const { root, calls } = await mount()
    const builder = await openBuilder(root)
    press(builder, 'Next')
    await waitUntil(() => builder.querySelector('.field-error'), 'no error')
    expect(builder.querySelector('[aria-current="step"]')!.textContent).to.contain('Audience')
    const name = builder.querySelector<HTMLInputElement>('.field input')!
    expect(name.getAttribute('aria-invalid')).to.equal('true')
    expect(builder.querySelector('.field .field-error')!.textContent).to.equal('Required')
    // The default rule (tags contains …) has no tag yet: it is marked too.
    expect(builder.querySelector('.rule .field-error')!.textContent).to.equal('Required')
    name.value = 'Spring'
    name.dispatchEvent(new Event('input'))
    const tags = builder.querySelector<HTMLElement & { addTag(t: string): void }>(
      'parley-tag-input'
    )!
    tags.addTag('vip')
    await aTimeout(0)
    press(builder, 'Next')
    await waitUntil(
      () => builder.querySelector('[aria-current="step"]')!.textContent!.includes('Message'),
      'stayed'
    )
    expect(calls.some((c) => c.path === '/v1/campaigns' && c.method === 'POST')).to.equal(false)
  })

  it('adds and removes nested groups of rules by keyboard, four levels at most', async () => {
    const { root } = await mount()
    const builder = await openBuilder(root)
    const editor = builder.querySelector('parley-rule-editor')!
    const addGroup = (depth: number) =>
      editor.querySelector<HTMLElement>(
        `.depth-${depth} > .group-actions [data-action="add-group"]`
      )!
    for (const depth of [1, 2, 3]) {
      addGroup(depth).focus()
      await sendKeys({ press: 'Enter' })
      await waitUntil(
        () => editor.querySelector(`.depth-${depth + 1}`),
        `no group at level ${depth + 1}`
      )
      // Focus follows to the new group's first rule, so typing goes on there.
      await waitUntil(
        () =>
          deepFocus()?.closest?.(`.depth-${depth + 1}`) ||
          (deepFocus()?.getRootNode() as ShadowRoot)?.host?.closest(`.depth-${depth + 1}`),
        'focus did not follow'
      )
    }
    expect(editor.querySelectorAll('fieldset.group').length).to.equal(4)
    expect(addGroup(4)).to.equal(null)
    expect(editor.querySelector('.depth-4 > .group-actions')!.textContent).to.contain(
      '4 levels deep at most'
    )
    const remove = editor.querySelector<HTMLElement>(
      '.depth-3 > .group-actions [data-action="remove-group"]'
    )!
    remove.focus()
    await sendKeys({ press: 'Space' })
    await waitUntil(() => editor.querySelectorAll('fieldset.group').length === 2, 'not removed')
    expect(editor.querySelector('.depth-3')).to.equal(null)
    // Focus goes to the enclosing group's "Add rule", not to the page.
    expect(
      deepFocus()!.closest('parley-button') ?? (deepFocus()!.getRootNode() as ShadowRoot).host
    ).to.have.attribute('data-action', 'add-rule')
  })

  it('counts the audience live, once per pause in typing, with who is left out and why', async () => {
    const { root, calls } = await mount()
    const builder = await openBuilder(root)
    await waitUntil(
      () => builder.querySelector('[part="count"] .big')!.textContent === '—',
      'no panel'
    )
    const previews = () => calls.filter((c) => c.path === '/v1/segments/preview')
    expect(previews().length, 'no count for an empty rule').to.equal(0)
    const tags = builder.querySelector<
      HTMLElement & { addTag(t: string): void; removeTag(i: number): void }
    >('parley-tag-input')!
    tags.addTag('v')
    await aTimeout(100)
    tags.removeTag(0)
    builder
      .querySelector<HTMLElement & { addTag(t: string): void }>('parley-tag-input')!
      .addTag('vip')
    await aTimeout(100)
    expect(previews().length, 'asked before the pause').to.equal(0)
    await waitUntil(() => previews().length === 1, 'never counted', { timeout: 2000 })
    await aTimeout(500)
    expect(previews().length).to.equal(1)
    expect(previews()[0].body).to.deep.equal({
      rules: { match: 'all', rules: [{ field: 'tags', operator: 'contains', value: 'vip' }] },
      channel: 'whatsapp',
    })
    await waitUntil(() => builder.querySelector('[part="count"] .big')!.textContent === '1,240')
    const items = (selector: string) =>
      [...builder.querySelectorAll(`[part="count"] ${selector} li`)].map((li) =>
        [...li.children].map((n) => n.textContent!.trim()).join(' ')
      )
    expect(items('.reasons')).to.deep.equal([
      'Opted out 31',
      'Blocked 4',
      'Not reachable on this channel 19',
    ])
    expect(
      [...builder.querySelectorAll('[part="count"] .sample li')].map((li) => li.textContent)
    ).to.deep.equal(['Dora Alves', 'Ethan Brooks', '+351912345002'])
  })

  it('says it is counting, not "no contact" or "—", until the audience count arrives', async () => {
    const { root, calls } = await mount({}, { campaignId: 'cmp-black-friday' })
    // A server slower to count than the review is to open (a big audience, a busy database).
    let answer!: () => void
    const answered = new Promise<void>((resolve) => (answer = resolve))
    const canned = window.fetch
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await canned(input, init)
      const url = String(input instanceof Request ? input.url : input)
      if (url.endsWith('/v1/segments/preview')) await answered
      return response
    }) as typeof fetch
    press(root, 'Edit')
    await waitUntil(() => root.querySelector('parley-campaign-builder .stepper'), 'no builder', {
      timeout: 5000,
    })
    const builder = root.querySelector('parley-campaign-builder')!
    const stepTo = (n: number) =>
      builder.querySelector<HTMLButtonElement>(`.stepper li:nth-child(${n}) button`)!.click()
    // The message step has no contact to preview with yet: it says it is counting, not "none".
    stepTo(2)
    await waitUntil(() => builder.querySelector('.preview-controls p'), 'no message step')
    expect(builder.querySelector('.preview-controls p')!.textContent!.trim()).to.equal('Counting…')
    stepTo(4)
    await waitUntil(() => builder.querySelector('.estimate'), 'no review')
    const reach = () => builder.querySelectorAll('.summary dd')[2]
    const text = () => reach().textContent!.replace(/\s+/g, ' ').trim()
    const big = () => builder.querySelector('.estimate .big')!.textContent!.trim()
    expect(text()).to.equal('Rules (1) · Counting…')
    expect(reach().getAttribute('aria-busy')).to.equal('true')
    expect(big()).to.equal('Counting…')
    // The first count goes as soon as the builder opens: no typing to wait for.
    await waitUntil(() => calls.some((c) => c.path === '/v1/segments/preview'), 'never asked', {
      timeout: 300,
    })
    answer()
    await waitUntil(() => text() === 'Rules (1) · 1,240 contacts now', 'no count')
    expect(reach().getAttribute('aria-busy')).to.equal('false')
    await waitUntil(() => big() === 'About 4 days', 'no estimate')
    await expect(builder).to.be.accessible()
  })

  it('shows the server’s template error at the variant it is about', async () => {
    const { root } = await mount({
      invalid: [
        { field: 'steps.0.variants.1.body', message: 'Unknown field contact.fristName at 1:6' },
      ],
    })
    const builder = await openBuilder(root)
    const name = builder.querySelector<HTMLInputElement>('.field input')!
    name.value = 'Spring'
    name.dispatchEvent(new Event('input'))
    builder
      .querySelector<HTMLElement & { addTag(t: string): void }>('parley-tag-input')!
      .addTag('vip')
    await aTimeout(0)
    press(builder, 'Next')
    await waitUntil(() => button(builder, 'Add variant (A/B)'), 'no message step')
    press(builder, 'Add variant (A/B)')
    await waitUntil(() => builder.querySelector('#body-0-1'))
    press(builder, 'Save draft')
    await waitUntil(() => builder.querySelector('#body-0-1[aria-invalid="true"]'), 'not marked')
    const error = builder.querySelector('[id="err-steps.0.variants.1.body"]')!
    expect(error.textContent).to.equal('Unknown field contact.fristName at 1:6')
    expect(builder.querySelector('#body-0-1')!.getAttribute('aria-describedby')).to.equal(error.id)
    expect(builder.querySelector('#body-0-0')!.getAttribute('aria-invalid')).to.equal('false')
  })

  it('asks before launching, and launches only when confirmed', async () => {
    const { el, root, calls } = await mount({}, { campaignId: 'cmp-black-friday' })
    press(root, 'Edit')
    const builder = await waitUntil(
      () => root.querySelector('parley-campaign-builder .stepper'),
      'no builder',
      { timeout: 5000 }
    ).then(() => root.querySelector('parley-campaign-builder')!)
    builder.querySelector<HTMLButtonElement>('.stepper li:nth-child(4) button')!.click()
    await waitUntil(() => builder.querySelector('.estimate'), 'no review')
    await waitUntil(
      () => builder.querySelector('.estimate')!.textContent!.includes('Connected numbers: 2.'),
      'no numbers'
    )
    // 1,240 contacts over a warmed-up number (300 a day) and one two days into its warm-up
    // (30, 37, 45, 56 a day): four days.
    await waitUntil(
      () => builder.querySelector('.estimate .big')!.textContent!.trim() === 'About 4 days',
      'no estimate'
    )
    expect(builder.querySelector('.estimate')!.textContent).to.contain('up to 330 messages')
    const launches = () => calls.filter((c) => c.path.endsWith('/launch'))
    press(builder, 'Schedule')
    const dialog = await waitUntil(
      () => document.querySelector('parley-confirm-dialog'),
      'no confirmation'
    ).then(() => document.querySelector('parley-confirm-dialog')!)
    await dialog.updateComplete
    expect(dialog.shadowRoot!.textContent).to.contain('Schedule “Black Friday reminder”?')
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('[part~="cancel"]')!.click()
    await aTimeout(50)
    expect(launches().length).to.equal(0)

    let launched: Event | undefined
    el.addEventListener('parley-campaign-launched', (e) => (launched = e))
    press(builder, 'Schedule')
    await waitUntil(() => document.querySelector('parley-confirm-dialog'))
    const again = document.querySelector('parley-confirm-dialog')!
    await again.updateComplete
    again.shadowRoot!.querySelector<HTMLButtonElement>('[part~="confirm"]')!.click()
    await waitUntil(() => launches().length === 1, 'not launched')
    await waitUntil(() => launched, 'no event')
    expect((launched as Event & { campaignId: string }).campaignId).to.equal('cmp-black-friday')
    // Saved first (PATCH), then launched; then the campaign's page. (A realtime ticket may come
    // between: the stream closes while nothing is subscribed, as in the builder, and reopens.)
    const order = calls
      .filter((c) => c.method !== 'GET' && c.path.startsWith('/v1/campaigns'))
      .map((c) => `${c.method} ${c.path}`)
    expect(order.slice(-2)).to.deep.equal([
      'PATCH /v1/campaigns/cmp-black-friday',
      'POST /v1/campaigns/cmp-black-friday/launch',
    ])
    await waitUntil(() => root.querySelector('parley-campaign-page'), 'no page after launch')
  })

  it('draws the funnel and the recipients from the stats, and follows campaign.progress live', async () => {
    const handlers = new Map<string, (e: ParleyEvent) => void>()
    const realSubscribe = RealtimeClient.prototype.subscribe
    RealtimeClient.prototype.subscribe = async function (
      channel: string,
      handler: (e: ParleyEvent) => void
    ) {
      handlers.set(channel, handler)
      return async () => {}
    }
    try {
      const { el, root, calls } = await mount({}, { campaignId: 'cmp-spring' })
      await waitUntil(() => root.querySelector('.recipients tbody tr'), 'no recipients')
      const funnelRows = () =>
        [...root.querySelectorAll('[part="funnel"] table tbody tr')].map((tr) =>
          [...tr.children].map((cell) => cell.textContent!.trim()).join(' ')
        )
      expect(funnelRows()).to.deep.equal([
        'Audience 1,240 100%',
        'Sent 812 65%',
        'Delivered 774 62%',
        'Read 566 46%',
        'Replied 97 8%',
      ])
      expect(root.querySelectorAll('[part="funnel"] rect.bar').length).to.equal(5)
      expect(root.querySelectorAll('[part="series"] polyline').length).to.equal(4)
      expect(root.querySelectorAll('.variant-card').length).to.equal(2)
      expect(root.querySelector('.reasons')!.textContent).to.contain('Frequency cap reached')
      expect(root.querySelectorAll('.recipients tbody tr').length).to.equal(7)
      // Nobody's reply is classified: a note says why instead of an empty column.
      expect(root.querySelector('.note')!.textContent).to.contain('OpenAI')
      expect(button(root, 'Show more')).to.exist
      await expect(el).to.be.accessible()

      const channel =
        'tenants/0192f000-0000-7000-8000-0000000000a1/workspaces/0192f000-0000-7000-8000-0000000000b1/campaigns/cmp-spring'
      await waitUntil(() => handlers.has(channel), 'not subscribed')
      handlers.get(channel)!({
        type: 'campaign.progress',
        id: '1-0',
        data: { ...someStats(), sent: 900, replied: 120 },
      })
      await el.updateComplete
      await waitUntil(() => funnelRows()[1] === 'Sent 900 73%', 'funnel did not move')
      expect(funnelRows()[4]).to.equal('Replied 120 10%')
      // The recipients table follows: its rows are read again shortly after, once for a burst.
      const reads = () => calls.filter((c) => c.path.endsWith('/recipients')).length
      const before = reads()
      handlers.get(channel)!({
        type: 'campaign.progress',
        id: '1-0b',
        data: { ...someStats(), sent: 901, replied: 120 },
      })
      await waitUntil(() => reads() === before + 1, 'recipients not read again', { timeout: 4000 })
      await aTimeout(2100)
      expect(reads()).to.equal(before + 1)
      // The account can classify replies (none classified yet): no note then.
      handlers.get(channel)!({
        type: 'campaign.progress',
        id: '1-0c',
        data: { ...someStats(), classification: { available: true } },
      })
      await waitUntil(() => !root.querySelector('.note'), 'the note stayed')
      handlers.get(channel)!({
        type: 'campaign.updated',
        id: '1-1',
        data: { id: 'cmp-spring', status: 'paused', pausedReason: 'failure_rate' },
      })
      await waitUntil(() => root.querySelector('.notice.warn'), 'no pause notice')
      expect(root.querySelector('.notice.warn')!.textContent).to.contain('too many messages failed')
      expect(button(root, 'Resume')).to.exist
    } finally {
      RealtimeClient.prototype.subscribe = realSubscribe
    }
  })

  it('reads the list again on the way back from a campaign (its numbers moved meanwhile)', async () => {
    const { root, calls } = await mount()
    const lists = () => calls.filter((c) => c.path === '/v1/campaigns' && c.method === 'GET')
    expect(lists().length).to.equal(1)
    root.querySelector<HTMLButtonElement>('[part="campaign"] button.row')!.click()
    await waitUntil(() => root.querySelector('parley-campaign-page .tiles'), 'no page')
    press(root.querySelector('parley-campaign-page')!, '←')
    await waitUntil(() => root.querySelector('.campaigns'), 'no list')
    await waitUntil(() => lists().length === 2, 'the list was not read again')
  })

  describe('a schedule whose time has passed', () => {
    let restore: (() => void) | undefined
    afterEach(() => restore?.())

    it('says so on the schedule step and the review, in the schedule’s time zone, and does not launch', async () => {
      // 14:30 UTC: 09:00 in New York (UTC−5 until 8 March) was half an hour ago.
      restore = clockAt('2026-03-06T14:30:00Z')
      const { root, calls } = await mount(
        { campaigns: blackFridayAt('America/New_York') },
        { campaignId: 'cmp-black-friday' }
      )
      const builder = await editAt(root, 3)
      const notice = await waitUntil(
        () => builder.querySelector('[part="schedule-passed"]'),
        'nothing says the time has passed'
      ).then(() => builder.querySelector('[part="schedule-passed"]')!)
      expect(notice.getAttribute('role')).to.equal('alert')
      expect(notice.textContent!.replace(/\s+/g, ' ')).to.contain(
        'The scheduled time, Friday, March 6, 2026 at 9:00 AM (America/New York), has already passed.'
      )
      const picker = builder.querySelector<
        HTMLElement & { error?: string; updateComplete: Promise<unknown> }
      >('parley-date-time-picker')!
      expect(picker.error).to.equal('This time has already passed')
      await picker.updateComplete
      const trigger = picker.shadowRoot!.querySelector('[part~="trigger"]')!
      expect(trigger.getAttribute('aria-invalid')).to.equal('true')
      const describedBy = trigger.getAttribute('aria-describedby')!
      expect(picker.shadowRoot!.getElementById(describedBy)!.textContent).to.equal(
        'This time has already passed'
      )
      await expect(builder).to.be.accessible()

      // The review says it too, and Schedule is off.
      builder.querySelector<HTMLButtonElement>('.stepper li:nth-child(4) button')!.click()
      await waitUntil(() => builder.querySelector('.summary'), 'no review')
      expect(builder.querySelector('[part="schedule-passed"][role="alert"]')).to.exist
      const schedule = button(builder, 'Schedule')!
      expect(schedule.hasAttribute('disabled')).to.equal(true)
      schedule.shadowRoot!.querySelector('button')!.click()
      await aTimeout(50)
      expect(document.querySelector('parley-confirm-dialog')).to.equal(null)
      expect(calls.filter((c) => c.path.endsWith('/launch')).length).to.equal(0)
      await expect(builder).to.be.accessible()

      // By keyboard: "Send now instead" drops the schedule; Launch is on, and has the focus.
      button(builder, 'Send now instead')!.focus()
      await sendKeys({ press: 'Enter' })
      await waitUntil(() => button(builder, 'Launch'), 'still scheduled')
      expect(builder.querySelector('[part="schedule-passed"]')).to.equal(null)
      expect(button(builder, 'Launch')!.hasAttribute('disabled')).to.equal(false)
      expect(deepFocus()).to.equal(button(builder, 'Launch')!.shadowRoot!.querySelector('button'))
    })

    it('notices when the time passes while the builder is open, and clears when a later one is picked', async () => {
      // Two and a half seconds before 09:00 in New York (14:00 UTC).
      restore = clockAt('2026-03-06T13:59:57.500Z')
      const { root } = await mount(
        { campaigns: blackFridayAt('America/New_York') },
        { campaignId: 'cmp-black-friday' }
      )
      const builder = await editAt(root, 4)
      await waitUntil(() => builder.querySelector('.summary'), 'no review')
      expect(builder.querySelector('[part="schedule-passed"]')).to.equal(null)
      expect(button(builder, 'Schedule')!.hasAttribute('disabled')).to.equal(false)
      await waitUntil(() => builder.querySelector('[part="schedule-passed"]'), 'never noticed', {
        timeout: 5000,
      })
      expect(button(builder, 'Schedule')!.hasAttribute('disabled')).to.equal(true)

      // By keyboard: "Pick a later time" opens the time field's calendar on the schedule step.
      button(builder, 'Pick a later time')!.focus()
      await sendKeys({ press: 'Enter' })
      const picker = builder.querySelector<HTMLElement & { open: boolean }>(
        'parley-date-time-picker'
      )!
      await waitUntil(() => picker?.open, 'the calendar did not open')
      await sendKeys({ press: 'Escape' })
      // 09:00 in Los Angeles is 17:00 UTC: still ahead. The zone is what the time is read in.
      const zone = builder.querySelectorAll('.inline-fields parley-select')[0]
      zone.dispatchEvent(
        new CustomEvent('change', { detail: { value: 'America/Los_Angeles' }, bubbles: true })
      )
      await waitUntil(() => !builder.querySelector('[part="schedule-passed"]'), 'still passed')
      expect((picker as HTMLElement & { error?: string }).error).to.equal(undefined)
    })
  })

  it('counts an audience given as a list of contacts by the list, with the estimate from it', async () => {
    const ids = [
      '0192f000-0000-7000-8000-00000000c001',
      '0192f000-0000-7000-8000-00000000c002',
      '0192f000-0000-7000-8000-00000000c003',
    ]
    const listed = {
      ...someCampaigns().find((c) => c.id === 'cmp-black-friday')!,
      id: 'cmp-list',
      name: 'Hand-picked',
      status: 'draft' as const,
      audience: { contactIds: ids },
      schedule: null,
    }
    const { root, calls } = await mount(
      { campaigns: [...someCampaigns(), listed] },
      { campaignId: 'cmp-list' }
    )
    const builder = await editAt(root, 1)
    const panel = builder.querySelector('[part="count"]')!
    expect(panel.querySelector('.big')!.textContent).to.equal('3')
    expect(panel.textContent).to.contain('contacts in the list')
    expect(panel.getAttribute('aria-busy')).to.equal('false')
    builder.querySelector<HTMLButtonElement>('.stepper li:nth-child(4) button')!.click()
    await waitUntil(() => builder.querySelector('.estimate'), 'no review')
    const reach = builder.querySelectorAll('.summary dd')[2]
    expect(reach.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      '3 chosen contacts · at most 3 get it'
    )
    expect(reach.getAttribute('aria-busy')).to.equal('false')
    // Three messages over two numbers, 6 s + 3 s of jitter on average each: 18 s, said as a minute.
    await waitUntil(
      () => builder.querySelector('.estimate')!.textContent!.includes('Connected numbers: 2.'),
      'no numbers'
    )
    expect(builder.querySelector('.estimate .big')!.textContent!.trim()).to.equal('About 1 minute')
    // No rules to preview: the list is not sent to /v1/segments/preview.
    expect(calls.some((c) => c.path === '/v1/segments/preview')).to.equal(false)
    await expect(builder).to.be.accessible()
  })

  it('speaks Spanish', async () => {
    const { root } = await mount({}, { locale: 'es' })
    expect(root.querySelector('.toolbar h2')!.textContent).to.equal('Campañas')
    expect(root.querySelector('[part="status"]')!.textContent).to.equal('Enviando')
    expect(button(root, 'Nueva campaña')).to.exist
    const builder = await openBuilder(root).catch(() => null)
    expect(builder).to.equal(null) // the button is in Spanish: "New campaign" is not there
    press(root, 'Nueva campaña')
    await waitUntil(() => root.querySelector('parley-campaign-builder .stepper'), 'no builder', {
      timeout: 5000,
    })
    expect(root.querySelector('.stepper')!.textContent)
      .to.contain('Audiencia')
      .and.contain('Revisión')
    expect(button(root, 'Añadir grupo')).to.exist
  })
})
