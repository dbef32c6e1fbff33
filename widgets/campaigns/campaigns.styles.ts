import { css } from 'lit'

/** Everything of `<parley-campaigns>`: list, page and builder render into its shadow root. */
export const campaignsStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_border: var(--parley-color-border, #d5dae3);
    --_muted: var(--parley-color-on-surface-muted, #586174);
    --_soft: var(--parley-color-surface-muted, #f2f4f8);
    --_primary: var(--parley-color-primary, #2f5bd3);
    --_bar: var(--parley-campaigns-bar, var(--_primary));
    --_replied: var(--parley-campaigns-replied, var(--parley-color-success, #1c7c4a));
    --_gap: var(--parley-space-3, 12px);
  }
  parley-campaign-page,
  parley-campaign-builder,
  parley-rule-editor {
    display: contents;
  }
  [part='base'] {
    display: grid;
    gap: var(--parley-space-4, 16px);
    padding: var(--parley-space-4, 16px);
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
    border-radius: var(--parley-radius-lg, 14px);
    min-width: 0;
  }
  h2,
  h3,
  h4,
  p,
  dl,
  dd,
  figure,
  ol,
  ul {
    margin: 0;
  }
  h2 {
    font-size: var(--parley-font-size-xl, 20px);
  }
  h3 {
    font-size: var(--parley-font-size-lg, 16px);
  }
  h4 {
    font-size: var(--parley-font-size-md, 14px);
  }
  ol,
  ul {
    padding: 0;
    list-style: none;
  }
  .muted {
    color: var(--_muted);
  }
  .small,
  small {
    font-size: var(--parley-font-size-sm, 13px);
  }
  .notice {
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--_soft);
    border-inline-start: 4px solid var(--_muted);
  }
  .notice.bad {
    border-color: var(--parley-color-danger, #c2261f);
  }
  .notice.warn {
    border-color: var(--parley-color-warning, #a15c00);
  }
  /* Fields side by side whose error lines must not push their neighbours down. */
  .inline-fields.top {
    align-items: flex-start;
  }
  .notice.passed {
    display: grid;
    gap: var(--parley-space-2, 8px);
    margin-block: var(--parley-space-3, 12px);
  }
  .notice.passed p {
    margin: 0;
  }
  .field-error {
    color: var(--parley-color-danger, #c2261f);
    font-size: var(--parley-font-size-sm, 13px);
    flex-basis: 100%;
  }

  /* List */
  .toolbar,
  .block-head,
  .page-head,
  .actions,
  .group-actions,
  .inline-fields,
  .builder-foot,
  .variables,
  .variant-head,
  .step-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--parley-space-2, 8px);
  }
  .toolbar h2,
  .block-head h3 {
    margin-inline-end: auto;
  }
  .campaigns {
    display: grid;
    gap: var(--parley-space-2, 8px);
  }
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 2px var(--parley-space-4, 16px);
    width: 100%;
    padding: var(--parley-space-3, 12px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .row:hover {
    background: var(--_soft);
  }
  .row .numbers {
    grid-row: 1 / span 3;
    grid-column: 2;
  }
  .title-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--parley-space-2, 8px);
    min-width: 0;
  }
  .name {
    font-weight: var(--parley-font-weight-strong, 600);
    overflow-wrap: anywhere;
  }
  .meta,
  .why {
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .why {
    color: var(--parley-color-on-surface, #18202f);
  }
  .numbers {
    display: flex;
    gap: var(--parley-space-4, 16px);
    text-align: end;
  }
  .numbers dt,
  .tile dt {
    color: var(--_muted);
    font-size: var(--parley-font-size-xs, 11px);
  }
  .numbers dd {
    font-weight: var(--parley-font-weight-strong, 600);
    font-variant-numeric: tabular-nums;
  }
  .channel {
    display: inline-grid;
    flex: none;
    place-items: center;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    background: var(--_soft);
    color: var(--_primary);
  }
  .channel svg {
    width: 18px;
    height: 18px;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.8;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .c-whatsapp {
    color: var(--parley-color-success, #1c7c4a);
  }
  .status {
    flex: none;
    padding: 1px var(--parley-space-2, 8px);
    border-radius: var(--parley-radius-pill, 999px);
    border: 1px solid currentColor;
    font-size: var(--parley-font-size-xs, 11px);
    font-weight: var(--parley-font-weight-strong, 600);
    color: var(--_muted);
  }
  .s-running,
  .s-scheduled {
    color: var(--_primary);
  }
  .s-completed {
    color: var(--parley-color-success, #1c7c4a);
  }
  /* Warning yellow is a fill colour, too light for text: the words stay in the text colour. */
  .s-paused {
    color: var(--parley-color-on-surface, #18202f);
    border-color: var(--parley-color-warning, #a15c00);
    background: color-mix(in srgb, var(--parley-color-warning, #a15c00) 18%, transparent);
  }
  .s-failed,
  .s-cancelled {
    color: var(--parley-color-danger, #c2261f);
  }

  /* Campaign page */
  .page-head {
    align-items: flex-start;
  }
  /* The title takes the line; the actions go under it when they do not fit beside it. */
  .page-head .heading,
  .page-head h2 {
    display: grid;
    gap: 2px;
    flex: 1 1 14rem;
    min-width: 0;
  }
  .page-head .actions {
    justify-content: flex-end;
  }
  .danger-text {
    --parley-color-on-surface: var(--parley-color-danger, #c2261f);
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(110px, 1fr));
    gap: var(--parley-space-2, 8px);
  }
  .tile {
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--_soft);
  }
  .tile dd {
    font-size: var(--parley-font-size-xl, 20px);
    font-weight: var(--parley-font-weight-strong, 600);
    font-variant-numeric: tabular-nums;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr));
    gap: var(--parley-space-4, 16px);
  }
  .chart,
  .block,
  .variant-card,
  .count-panel,
  .estimate,
  .step-card,
  .group {
    display: grid;
    gap: var(--parley-space-2, 8px);
    align-content: start;
    min-width: 0;
    padding: var(--parley-space-3, 12px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
  }
  /* Buttons in a grid keep their own width. */
  .block > parley-button,
  .step-card > parley-button,
  .step-panel > parley-button,
  [part='base'] > parley-button {
    justify-self: start;
  }
  figcaption {
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .funnel-body {
    display: grid;
    grid-template-columns: minmax(7.5rem, auto) 1fr;
    gap: var(--parley-space-3, 12px);
  }
  .bar-labels li {
    display: flex;
    align-items: center;
    gap: var(--parley-space-2, 8px);
    height: 34px;
    font-size: var(--parley-font-size-sm, 13px);
  }
  .bar-labels li span:first-child {
    flex: 1;
  }
  .bars {
    width: 100%;
    height: 100%;
  }
  .track {
    fill: var(--_soft);
  }
  .bar {
    fill: var(--_bar);
  }
  .bar.s0 {
    fill: color-mix(in srgb, var(--_bar) 45%, transparent);
  }
  .bar.s4 {
    fill: var(--_replied);
  }
  .lines {
    width: 100%;
    height: 160px;
  }
  .axis {
    stroke: var(--_border);
  }
  .line {
    fill: none;
    stroke-width: 2;
    stroke-linejoin: round;
  }
  .k-sent {
    --_k: var(--_bar);
  }
  .k-delivered {
    --_k: var(--parley-color-on-surface-muted, #586174);
  }
  .line.k-delivered {
    stroke-dasharray: 6 4;
  }
  .k-read {
    --_k: var(--parley-color-warning, #a15c00);
  }
  .k-replied {
    --_k: var(--_replied);
  }
  .line {
    stroke: var(--_k);
  }
  .dot {
    fill: var(--_k);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-3, 12px);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .swatch {
    display: inline-block;
    width: 12px;
    height: 4px;
    margin-inline-end: 6px;
    vertical-align: middle;
    border-radius: 2px;
    background: var(--_k);
  }
  .ticks {
    display: flex;
    justify-content: space-between;
    color: var(--_muted);
    font-size: var(--parley-font-size-xs, 11px);
  }
  details summary {
    cursor: pointer;
    color: var(--_primary);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .scroll {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: var(--parley-font-size-sm, 13px);
  }
  th,
  td {
    padding: var(--parley-space-2, 8px);
    border-bottom: 1px solid var(--_border);
    text-align: start;
    white-space: nowrap;
  }
  thead th {
    color: var(--_muted);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .variants {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr));
    gap: var(--parley-space-3, 12px);
  }
  .body-excerpt {
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
    white-space: pre-wrap;
    color: var(--_muted);
  }
  .variant-card dl {
    display: flex;
    gap: var(--parley-space-3, 12px);
  }
  .variant-card dd,
  .reasons strong {
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .variant-card dt {
    color: var(--_muted);
    font-size: var(--parley-font-size-xs, 11px);
  }
  .reasons li {
    display: flex;
    justify-content: space-between;
    gap: var(--parley-space-3, 12px);
    padding: var(--parley-space-1, 4px) 0;
    border-bottom: 1px solid var(--_border);
  }
  .rstatus {
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .r-failed {
    color: var(--parley-color-danger, #c2261f);
  }
  .r-replied {
    color: var(--parley-color-success, #1c7c4a);
  }

  /* Builder */
  .builder {
    display: grid;
    gap: var(--parley-space-4, 16px);
  }
  .stepper {
    display: grid;
    grid-template-columns: repeat(4, 1fr);
    gap: var(--parley-space-1, 4px);
    counter-reset: step;
  }
  .stepper button {
    display: flex;
    align-items: center;
    gap: var(--parley-space-2, 8px);
    width: 100%;
    padding: var(--parley-space-2, 8px);
    border: 0;
    border-bottom: 3px solid var(--_border);
    background: none;
    color: var(--_muted);
    font: inherit;
    cursor: pointer;
  }
  .stepper .num {
    display: inline-grid;
    flex: none;
    place-items: center;
    width: 24px;
    height: 24px;
    border-radius: 50%;
    border: 1px solid currentColor;
    font-size: var(--parley-font-size-sm, 13px);
  }
  .stepper .done {
    color: var(--parley-color-on-surface, #18202f);
    border-color: var(--_primary);
  }
  .stepper [aria-current='step'] {
    color: var(--parley-color-on-surface, #18202f);
    font-weight: var(--parley-font-weight-strong, 600);
    border-color: var(--_primary);
  }
  .stepper [aria-current='step'] .num {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--parley-color-on-primary, #ffffff);
  }
  .step-panel {
    display: grid;
    gap: var(--parley-space-4, 16px);
  }
  .step-panel h3:focus {
    outline: none;
  }
  .builder-foot .spacer {
    flex: 1;
  }
  .form-grid {
    display: grid;
    align-items: start;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 220px), 1fr));
    gap: var(--parley-space-3, 12px);
  }
  .field {
    display: grid;
    gap: var(--parley-space-1, 4px);
    font-weight: var(--parley-font-weight-strong, 600);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .text {
    min-height: 36px;
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
    font: inherit;
    font-weight: var(--parley-font-weight-regular, 400);
    font-size: var(--parley-font-size-md, 14px);
    color-scheme: inherit;
  }
  .text[aria-invalid='true'] {
    border-color: var(--parley-color-danger, #c2261f);
  }
  .narrow {
    width: 5.5rem;
  }
  .small-input,
  .value-input {
    min-height: 30px;
    padding-block: 4px;
    width: 10rem;
    max-width: 100%;
  }
  textarea.body {
    width: 100%;
    resize: vertical;
    white-space: pre-wrap;
  }
  fieldset {
    margin: 0;
    min-width: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-bottom: var(--parley-space-1, 4px);
    font-weight: var(--parley-font-weight-strong, 600);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .choice {
    display: grid;
    gap: var(--parley-space-1, 4px);
  }
  .choice.inline {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-1, 4px) var(--parley-space-4, 16px);
    margin-bottom: var(--parley-space-2, 8px);
  }
  .choice label,
  .check {
    display: flex;
    align-items: flex-start;
    gap: var(--parley-space-2, 8px);
    cursor: pointer;
  }
  .choice label span {
    display: grid;
  }
  .choice small {
    color: var(--_muted);
  }
  input[type='radio'],
  input[type='checkbox'] {
    margin: 3px 0 0;
    accent-color: var(--_primary);
  }
  .audience-layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(200px, 260px);
    gap: var(--parley-space-4, 16px);
    align-items: start;
  }
  .group {
    background: var(--parley-color-surface, #ffffff);
  }
  .group .group {
    border-inline-start: 3px solid var(--_primary);
    background: var(--_soft);
  }
  .group .group .group {
    background: var(--parley-color-surface, #ffffff);
  }
  .match {
    display: flex;
    align-items: center;
    gap: var(--parley-space-2, 8px);
    float: inline-start;
    width: 100%;
    margin-bottom: var(--parley-space-2, 8px);
  }
  .rule-list {
    display: grid;
    gap: var(--parley-space-2, 8px);
    clear: both;
  }
  .joiner {
    display: block;
    margin-bottom: var(--parley-space-1, 4px);
    color: var(--_muted);
    font-size: var(--parley-font-size-xs, 11px);
    font-weight: var(--parley-font-weight-strong, 600);
    text-transform: uppercase !important;
  }
  .rule {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--parley-space-2, 8px);
  }
  .rule parley-select,
  .rule parley-date-time-picker,
  .rule parley-tag-input {
    min-width: 9rem;
    max-width: 100%;
  }
  .days {
    display: inline-flex;
    align-items: center;
    gap: var(--parley-space-1, 4px);
  }
  .days input {
    width: 5rem;
  }
  .count-panel {
    background: var(--_soft);
    border: 0;
  }
  .big {
    font-size: var(--parley-font-size-xxl, 24px);
    font-weight: var(--parley-font-weight-strong, 600);
    font-variant-numeric: tabular-nums;
  }
  .sample li {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chip {
    padding: 2px var(--parley-space-2, 8px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-pill, 999px);
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
    font: inherit;
    font-size: var(--parley-font-size-sm, 13px);
    cursor: pointer;
  }
  .chip:hover {
    border-color: var(--_primary);
  }
  .single,
  .timeline {
    display: grid;
    gap: var(--parley-space-3, 12px);
  }
  .timeline {
    position: relative;
    padding-inline-start: var(--parley-space-5, 20px);
  }
  .timeline::before {
    content: '';
    position: absolute;
    inset-block: 12px;
    inset-inline-start: 6px;
    width: 2px;
    background: var(--_border);
  }
  .timeline .step-card {
    position: relative;
  }
  .timeline .step-card::before {
    content: '';
    position: absolute;
    top: 16px;
    inset-inline-start: calc(-1 * var(--parley-space-5, 20px) + 1px);
    width: 12px;
    height: 12px;
    border-radius: 50%;
    background: var(--_primary);
  }
  .single .step-card {
    padding: 0;
    border: 0;
  }
  .step-head h4 {
    margin-inline-end: auto;
  }
  .delay label,
  .weight,
  .inline-fields label {
    display: inline-flex;
    align-items: center;
    gap: var(--parley-space-1, 4px);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .delay {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--parley-space-1, 4px);
  }
  .step-tools {
    display: flex;
  }
  .variant {
    display: grid;
    gap: var(--parley-space-1, 4px);
  }
  .variant-head > label:first-child {
    margin-inline-end: auto;
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .abtest {
    display: grid;
    gap: var(--parley-space-2, 8px);
  }
  .preview-row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(220px, 300px);
    gap: var(--parley-space-4, 16px);
    align-items: start;
  }
  .preview-controls {
    display: grid;
    gap: var(--parley-space-2, 8px);
    justify-items: start;
  }
  .phone {
    overflow: hidden;
    border: 6px solid var(--parley-color-on-surface, #18202f);
    border-radius: 28px;
    background: var(--parley-color-surface, #ffffff);
  }
  .phone-bar {
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    background: var(--_soft);
    font-weight: var(--parley-font-weight-strong, 600);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .p-whatsapp .phone-bar {
    background: var(--parley-color-success, #1c7c4a);
    color: var(--parley-color-on-success, #ffffff);
  }
  .phone-wall {
    display: grid;
    gap: var(--parley-space-2, 8px);
    align-content: start;
    min-height: 200px;
    padding: var(--parley-space-3, 12px);
  }
  .p-whatsapp .phone-wall {
    background: var(
      --parley-campaigns-whatsapp-wall,
      color-mix(
        in srgb,
        var(--parley-color-success, #1c7c4a) 10%,
        var(--parley-color-surface, #ffffff)
      )
    );
  }
  .bubble {
    position: relative;
    justify-self: start;
    max-width: 85%;
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px) var(--parley-space-4, 16px);
    border-radius: 12px 12px 12px 2px;
    background: var(--_soft);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .p-whatsapp .bubble {
    background: var(--parley-campaigns-whatsapp-bubble, var(--parley-color-surface, #ffffff));
    border-radius: 2px 10px 10px 10px;
    box-shadow: 0 1px 1px
      color-mix(in srgb, var(--parley-color-on-surface, #18202f) 15%, transparent);
  }
  .time {
    position: absolute;
    inset-inline-end: 8px;
    bottom: 2px;
    font-size: var(--parley-font-size-xs, 11px);
    color: var(--_muted);
  }
  .summary {
    display: grid;
    gap: var(--parley-space-2, 8px);
  }
  .summary div {
    display: grid;
    grid-template-columns: minmax(8rem, 12rem) 1fr;
    gap: var(--parley-space-3, 12px);
    padding-bottom: var(--parley-space-2, 8px);
    border-bottom: 1px solid var(--_border);
  }
  .summary dt {
    color: var(--_muted);
  }
  .limit {
    display: grid;
    gap: var(--parley-space-2, 8px);
  }

  @container (max-width: 640px) {
    .row {
      grid-template-columns: minmax(0, 1fr);
    }
    .row .numbers {
      grid-row: auto;
      grid-column: 1;
      text-align: start;
    }
    .audience-layout,
    .preview-row {
      grid-template-columns: minmax(0, 1fr);
    }
    .stepper {
      grid-template-columns: repeat(4, auto);
    }
    .stepper button:not([aria-current='step']) span:not(.num) {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .summary div {
      grid-template-columns: 1fr;
      gap: 0;
    }
    [part='base'] {
      padding: var(--parley-space-3, 12px);
    }
  }
`
