import { css, html } from 'lit'
import { property } from 'lit/decorators.js'
import { Task } from '@lit/task'
import { ParleyElement } from '../kit/parley-element.js'
import { api, whenConfigured } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import '../kit/primitives/avatar.js'
import '../kit/primitives/state.js'

interface Me {
  tenant: { id: string; name: string }
  workspaceId: string
  widgets: string[]
  member: {
    id: string
    externalId: string
    name: string | null
    email: string | null
    role: 'owner' | 'admin' | 'agent' | 'viewer'
  }
}

/**
 * Who the session belongs to: the signed-in member, their workspace, role and the features their
 * session opens. The smallest complete widget: it shows the kit's API client, session refresh and
 * loading, error and retry states end to end.
 *
 * @event parley-error - The account could not be loaded.
 * @csspart base - The card.
 * @csspart name - The member's name.
 * @cssproperty --parley-account-padding - Space inside the card (default: space-4).
 */
export class ParleyAccount extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
      }
      [part='base'] {
        display: grid;
        gap: var(--parley-space-3, 12px);
        padding: var(--parley-account-padding, var(--parley-space-4, 16px));
      }
      .who {
        display: flex;
        align-items: center;
        gap: var(--parley-space-3, 12px);
      }
      [part='name'] {
        margin: 0;
        font-size: var(--parley-font-size-lg, 16px);
        font-weight: var(--parley-font-weight-strong, 600);
      }
      .email {
        color: var(--parley-color-on-surface-muted, #586174);
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: var(--parley-space-1, 4px) var(--parley-space-4, 16px);
        margin: 0;
      }
      dt {
        color: var(--parley-color-on-surface-muted, #586174);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ]

  /** Tighter spacing inside the launcher's panel. */
  @property({ type: Boolean, reflect: true }) compact = false

  #me = new Task(this, {
    task: async (_, { signal }) => {
      await whenConfigured()
      try {
        return await api().request<Me>('/v1/me', { signal })
      } catch (error) {
        this.reportError(error)
        throw error
      }
    },
    args: () => [],
  })

  render() {
    return this.#me.render({
      pending: () => html`<parley-state kind="loading"></parley-state>`,
      error: (error) => {
        const { code } = describeError(error)
        return html`<parley-state
          kind="error"
          message=${this.errorText(code) ?? this.t('error.UNKNOWN')}
          @parley-retry-requested=${() => this.#me.run()}
        ></parley-state>`
      },
      complete: (me) =>
        html`<section part="base" aria-label=${this.t('account.title')}>
          <div class="who">
            <parley-avatar size="lg" name=${me.member.name ?? me.member.externalId}></parley-avatar>
            <div>
              <p part="name">${me.member.name ?? me.member.externalId}</p>
              ${me.member.email ? html`<span class="email">${me.member.email}</span>` : ''}
            </div>
          </div>
          <dl>
            <dt>${this.t('account.workspace')}</dt>
            <dd>${me.tenant.name} · ${me.workspaceId.slice(0, 8)}</dd>
            <dt>${this.t('account.role')}</dt>
            <dd>${this.t(`role.${me.member.role}`)}</dd>
            <dt>${this.t('account.widgets')}</dt>
            <dd>${me.widgets.join(', ')}</dd>
          </dl>
        </section>`,
    })
  }
}
