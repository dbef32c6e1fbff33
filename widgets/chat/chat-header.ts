import { html, nothing, type TemplateResult } from 'lit'
import { ifDefined } from 'lit/directives/if-defined.js'
import type { ChatProfile } from './visitor-session.js'
import type { ChatKey } from './chat.locales.js'

type Translate = (key: ChatKey, params?: Record<string, string | number>) => string

/**
 * The chat's header: the tenant's logo, up to three of the team's people, its name (unless a
 * launcher's title bar shows one) and the reply time the workspace promises. Rendered into the
 * chat's shadow root.
 */
export function renderChatHeader(
  profile: ChatProfile | undefined,
  {
    name,
    compact,
    logo = nothing,
    t,
  }: { name: string; compact: boolean; logo?: TemplateResult | typeof nothing; t: Translate }
) {
  const people = profile?.team ?? []
  return html`<header part="header">
    ${logo}
    ${
      people.length
        ? html`<div
            part="team"
            role="img"
            aria-label=${t('chat.teamPeople', { names: people.map((p) => p.name).join(', ') })}
          >
            ${people.map(
              (person) =>
                html`<parley-avatar
                  name=${person.name}
                  src=${ifDefined(person.avatarUrl ?? undefined)}
                ></parley-avatar>`
            )}
          </div>`
        : nothing
    }
    <div class="team-text">
      ${compact ? nothing : html`<h2>${name}</h2>`}
      <p>
        ${
          profile?.online
            ? html`<span class="online"><span class="dot"></span>${t('chat.online')}</span>`
            : nothing
        }
        <span>${t(`chat.replyTime.${profile?.replyTime ?? 'minutes'}`)}</span>
      </p>
    </div>
  </header>`
}
