import { css, html, nothing } from 'lit'
import type { Attachment } from './types.js'

/** 1536 → "1.5 kB": sizes people read. */
export function formatBytes(bytes: number, locale?: string) {
  const units = ['B', 'kB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`
}

/** Only links Parley made (http or https) are ever put in a src or href. */
const safe = (url: string) => /^https?:\/\//i.test(url)

/**
 * A message's attachments: images as thumbnails that open the full file, audio and video with
 * the browser's player, anything else as a download with its name and size.
 */
export function renderAttachments(list: Attachment[] | undefined, locale?: string) {
  const shown = (list ?? []).filter((a) => safe(a.url))
  if (!shown.length) return nothing
  return html`<div class="attachments">
    ${shown.map((a) => {
      if (a.kind === 'image')
        return html`<a class="image" href=${a.url} target="_blank" rel="noopener noreferrer"
          ><img src=${a.url} alt=${a.name} loading="lazy"
        /></a>`
      if (a.kind === 'audio')
        return html`<audio controls preload="none" src=${a.url} aria-label=${a.name}></audio>`
      if (a.kind === 'video')
        return html`<video controls preload="metadata" src=${a.url} aria-label=${a.name}></video>`
      return html`<a class="file" href=${a.url} download=${a.name} rel="noopener noreferrer"
        ><span aria-hidden="true">📄</span> <span class="file-name">${a.name}</span>
        <span class="file-size">${formatBytes(a.size, locale)}</span></a
      >`
    })}
  </div>`
}

/** How renderAttachments' output looks, in the inbox's thread and in the web chat alike. */
export const attachmentStyles = css`
  .attachments {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
    margin-top: var(--parley-space-1, 4px);
  }
  .attachments img {
    display: block;
    max-width: min(240px, 100%);
    max-height: 240px;
    border-radius: var(--parley-radius-md, 8px);
  }
  .attachments audio,
  .attachments video {
    max-width: 100%;
  }
  .attachments .file {
    display: inline-flex;
    gap: var(--parley-space-1, 4px);
    align-items: baseline;
    color: inherit;
  }
  .file-size {
    opacity: 0.8;
    font-size: var(--parley-font-size-xs, 11px);
  }
`
