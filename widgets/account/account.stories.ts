import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import { configure } from '../kit/runtime.js'
import './account.js'

/**
 * The account widget against a canned API: Storybook has no Parley server, so the stories answer
 * /v1/me themselves (the real exchange is covered by the end-to-end test).
 */
function withAnswer(status: number, body: unknown, locale: string) {
  window.fetch = (async (input: RequestInfo | URL) =>
    String(input).includes('/v1/theme.css')
      ? new Response('', { status: 404 })
      : new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        })) as typeof fetch
  configure({
    publishableKey: 'pk_storybook',
    apiUrl: location.origin,
    locale,
    session: async () => 'v1.e30.sig',
  })
}

const meta: Meta = { title: 'Widgets/Account', component: 'parley-account' }
export default meta
type Story = StoryObj

const me = {
  tenant: { id: 't', name: 'Acme' },
  workspace: { id: 'w', externalId: 'acme-co', name: 'Acme Co' },
  workspaceId: 'w',
  widgets: ['inbox', 'recorder', 'campaigns'],
  member: { id: 'm', externalId: 'u_17', name: 'Ana Lima', email: 'ana@acme.test', role: 'owner' },
}

export const SignedIn: Story = {
  render: (_, { globals }) => {
    withAnswer(200, me, globals.locale)
    return html`<parley-account></parley-account>`
  },
}
/** A person the host knows only by email, in a workspace with no name, with no feature open. */
export const Sparse: Story = {
  render: (_, { globals }) => {
    withAnswer(
      200,
      {
        ...me,
        workspace: { ...me.workspace, name: null },
        widgets: [],
        member: { ...me.member, name: null, role: 'viewer' },
      },
      globals.locale
    )
    return html`<parley-account></parley-account>`
  },
}
export const Error: Story = {
  render: (_, { globals }) => {
    withAnswer(
      403,
      { error: { code: 'AUTHORIZATION_ERROR', message: 'Not allowed' } },
      globals.locale
    )
    return html`<parley-account></parley-account>`
  },
}
