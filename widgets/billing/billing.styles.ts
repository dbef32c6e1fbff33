import { css } from 'lit'

/** `<parley-billing>`: theme tokens only, so light, dark and every tenant theme come for free. */
export const billingStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_gap: var(--parley-billing-gap, var(--parley-space-4, 16px));
    --_pad: var(--parley-billing-card-padding, var(--parley-space-5, 20px));
    --_meter: var(--parley-billing-meter-color, var(--parley-color-primary, #2f5bd3));
    --_muted: var(--parley-color-on-surface-muted, #586174);
    --_border: var(--parley-color-border, #d5dae3);
  }
  /* Its own backdrop behind the cards: readable whatever the host page's background is. */
  [part='base'] {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    border-radius: var(--parley-radius-lg, 14px);
    background: var(--parley-color-surface-muted, #f2f4f8);
    color: var(--parley-color-on-surface, #18202f);
  }
  @container (max-width: 480px) {
    [part='base'] {
      padding: var(--parley-space-2, 8px);
      --_pad: var(--parley-billing-card-padding, var(--parley-space-4, 16px));
    }
  }
  h2,
  h3,
  h4,
  p {
    margin: 0;
  }
  .title {
    font-size: var(--parley-font-size-xl, 20px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  h3 {
    font-size: var(--parley-font-size-lg, 16px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  h4 {
    font-size: var(--parley-font-size-md, 14px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .card {
    display: grid;
    align-content: start;
    gap: var(--parley-space-3, 12px);
    min-width: 0;
    padding: var(--_pad);
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-lg, 14px);
  }
  .top {
    display: grid;
    gap: var(--_gap);
  }
  @container (min-width: 640px) {
    .top {
      grid-template-columns: 3fr 2fr;
    }
  }
  .muted {
    color: var(--_muted);
  }
  .small {
    font-size: var(--parley-font-size-sm, 13px);
  }
  .error {
    color: var(--parley-color-danger, #c2261f);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
  }
  .section-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--parley-space-3, 12px);
  }

  /* Status labels and flags: a filled pill and its own "on" colour, readable in both schemes. */
  .pill,
  .flag {
    display: inline-block;
    padding: 1px var(--parley-space-2, 8px);
    border-radius: var(--parley-radius-pill, 999px);
    background: var(--parley-color-surface-muted, #f2f4f8);
    color: var(--parley-color-on-surface, #18202f);
    font-size: var(--parley-font-size-sm, 13px);
    font-weight: var(--parley-font-weight-strong, 600);
    white-space: nowrap;
  }
  .status-active,
  .invoice-paid {
    background: var(--parley-color-success, #1d7a43);
    color: var(--parley-color-on-success, #ffffff);
  }
  .status-trialing,
  .current-pill {
    background: var(--parley-color-primary, #2f5bd3);
    color: var(--parley-color-on-primary, #ffffff);
  }
  .status-past_due,
  .invoice-uncollectible,
  .over .flag {
    background: var(--parley-color-danger, #c2261f);
    color: var(--parley-color-on-danger, #ffffff);
  }
  .status-incomplete,
  .invoice-open,
  .warn .flag {
    background: var(--parley-color-warning, #f2b233);
    color: var(--parley-color-on-warning, #2a1e00);
  }

  /* Banners: the message on the surface, its kind in the edge colour. */
  .banner,
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--parley-space-2, 8px) var(--parley-space-4, 16px);
    padding: var(--parley-space-3, 12px) var(--parley-space-4, 16px);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--parley-color-primary, #2f5bd3);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
  }
  .banner p {
    flex: 1 1 16rem;
  }
  .banner.danger {
    border-inline-start-color: var(--parley-color-danger, #c2261f);
  }
  .banner.warning {
    border-inline-start-color: var(--parley-color-warning, #f2b233);
  }
  .notice {
    border-inline-start-color: var(--parley-color-success, #1d7a43);
  }
  .notice:empty {
    display: none;
  }
  code {
    overflow-wrap: anywhere;
  }

  /* The current plan. */
  .plan-name {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--parley-space-2, 8px);
  }
  .plan-name strong {
    font-size: var(--parley-font-size-xl, 20px);
  }
  .plan-price {
    font-size: var(--parley-font-size-lg, 16px);
  }
  .note {
    font-size: var(--parley-font-size-sm, 13px);
  }

  /* The card on file. */
  .pm {
    display: flex;
    align-items: center;
    gap: var(--parley-space-3, 12px);
  }
  .brand {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 48px;
    height: 32px;
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-sm, 4px);
    background: var(--parley-color-surface-muted, #f2f4f8);
    color: var(--parley-color-on-surface, #18202f);
    font-size: 11px;
    font-weight: var(--parley-font-weight-strong, 600);
    letter-spacing: 0.04em;
  }
  .pm-text {
    display: grid;
  }
  .card-form {
    display: grid;
    gap: var(--parley-space-3, 12px);
  }
  /* Read by the widget for Stripe's appearance: primary text, surface background, danger edge. */
  .payment-element {
    min-height: 0;
    color: var(--parley-color-primary, #2f5bd3);
    background: var(--parley-color-surface, #ffffff);
    border-top: 0 solid var(--parley-color-danger, #c2261f);
    border-radius: var(--parley-radius-md, 8px);
  }
  ::slotted([slot='payment-element']) {
    display: block;
  }

  /* Usage. */
  .meters {
    display: grid;
    gap: var(--parley-space-4, 16px);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  @container (min-width: 640px) {
    .meters {
      grid-template-columns: repeat(2, minmax(0, 1fr));
      column-gap: var(--parley-space-6, 24px);
    }
  }
  .meter {
    display: grid;
    gap: var(--parley-space-1, 4px);
  }
  .meter-head,
  .meter-foot {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--parley-space-1, 4px) var(--parley-space-3, 12px);
  }
  .meter-name {
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .meter-foot {
    font-size: var(--parley-font-size-sm, 13px);
  }
  .meter-foot .muted:only-child {
    margin-inline-start: auto;
  }
  .bar svg {
    display: block;
    width: 100%;
    height: 8px;
  }
  .track {
    fill: var(--parley-color-surface-muted, #f2f4f8);
    stroke: var(--_border);
    stroke-width: 1px;
    vector-effect: non-scaling-stroke;
  }
  .fill {
    fill: var(--_meter);
  }
  .warn .fill {
    fill: var(--parley-color-warning, #f2b233);
  }
  .over .fill {
    fill: var(--parley-color-danger, #c2261f);
  }

  /* The chart over the period. */
  .chart {
    display: grid;
    gap: var(--parley-space-2, 8px);
    margin: var(--parley-space-2, 8px) 0 0;
    padding-top: var(--parley-space-4, 16px);
    border-top: 1px solid var(--_border);
  }
  .chart-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--parley-space-2, 8px);
  }
  figcaption {
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .chart-tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--parley-space-2, 8px);
  }
  .plot {
    display: block;
    width: 100%;
    height: 120px;
    overflow: visible;
  }
  .plot * {
    vector-effect: non-scaling-stroke;
  }
  .area {
    fill: var(--_meter);
    fill-opacity: 0.14;
  }
  .used {
    fill: none;
    stroke: var(--_meter);
    stroke-width: 2px;
    stroke-linejoin: round;
  }
  .limit {
    stroke: var(--parley-color-danger, #c2261f);
    stroke-width: 1.5px;
    stroke-dasharray: 6 4;
  }
  .pace {
    stroke: var(--_muted);
    stroke-width: 1.5px;
    stroke-dasharray: 2 4;
  }
  .axis {
    display: flex;
    justify-content: space-between;
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .legend {
    font-size: var(--parley-font-size-sm, 13px);
  }
  button.link {
    padding: var(--parley-space-1, 4px);
    border: 0;
    background: none;
    color: var(--parley-color-primary, #2f5bd3);
    font: inherit;
    font-size: var(--parley-font-size-sm, 13px);
    text-decoration: underline;
    cursor: pointer;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: var(--parley-space-2, 8px);
    border-bottom: 1px solid var(--_border);
    text-align: start;
    font-weight: inherit;
  }
  thead th {
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  /* Radio buttons drawn as a segmented switch; the native radios keep arrow keys and names. */
  .segmented {
    display: inline-flex;
    flex-wrap: wrap;
    padding: 2px;
    border: 1px solid var(--_border);
    /* Not a pill: on a phone the choices wrap onto two lines. */
    border-radius: var(--parley-radius-lg, 14px);
    background: var(--parley-color-surface-muted, #f2f4f8);
  }
  .segmented label {
    position: relative;
    display: inline-flex;
    cursor: pointer;
  }
  .segmented input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .segmented span {
    padding: var(--parley-space-1, 4px) var(--parley-space-3, 12px);
    border-radius: var(--parley-radius-pill, 999px);
    color: var(--parley-color-on-surface, #18202f);
    font-size: var(--parley-font-size-sm, 13px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .segmented input:checked + span {
    background: var(--parley-color-primary, #2f5bd3);
    color: var(--parley-color-on-primary, #ffffff);
  }
  .segmented input:focus-visible + span {
    outline: 2px solid var(--parley-color-focus, #2f5bd3);
    outline-offset: 1px;
  }
  .save {
    font-style: normal;
    font-weight: var(--parley-font-weight-regular, 400);
  }

  /* The plan picker. */
  .options {
    display: grid;
    grid-template-columns: repeat(
      auto-fit,
      minmax(min(100%, var(--parley-billing-columns, 200px)), 1fr)
    );
    gap: var(--parley-space-3, 12px);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .option {
    display: flex;
    flex-direction: column;
    gap: var(--parley-space-2, 8px);
    padding: var(--parley-space-4, 16px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
  }
  .option.current {
    border: 2px solid var(--parley-color-primary, #2f5bd3);
  }
  .option-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--parley-space-2, 8px);
  }
  .price strong {
    font-size: var(--parley-font-size-xl, 20px);
  }
  .equivalent {
    display: block;
    font-size: var(--parley-font-size-sm, 13px);
  }
  .trial {
    color: var(--parley-color-success, #1d7a43);
    font-weight: var(--parley-font-weight-strong, 600);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .limits {
    display: grid;
    gap: var(--parley-space-1, 4px);
    margin: 0;
    padding-inline-start: var(--parley-space-4, 16px);
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .choose {
    margin-top: auto;
  }

  /* Invoices: a table, and labelled rows on a narrow screen. */
  .pdf {
    text-align: end;
  }
  a {
    color: var(--parley-color-primary, #2f5bd3);
  }
  .more {
    justify-self: start;
  }
  @container (max-width: 520px) {
    .invoices thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .invoices tr {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: var(--parley-space-1, 4px) var(--parley-space-3, 12px);
      padding: var(--parley-space-3, 12px) 0;
      border-bottom: 1px solid var(--_border);
    }
    .invoices th,
    .invoices td {
      padding: 0;
      border: 0;
    }
    .invoices th {
      font-weight: var(--parley-font-weight-strong, 600);
    }
    .invoices .num {
      text-align: end;
    }
    .invoices .pdf {
      text-align: start;
    }
  }

  /* In the confirmation dialog (slotted from this shadow root). */
  .preview {
    margin-top: var(--parley-space-3, 12px);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .preview tfoot th,
  .preview tfoot td {
    border-bottom: 0;
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .reasons {
    display: grid;
    gap: var(--parley-space-2, 8px);
    margin: var(--parley-space-4, 16px) 0 0;
    padding: 0;
    border: 0;
  }
  .reasons legend {
    margin-bottom: var(--parley-space-2, 8px);
    padding: 0;
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .reasons label {
    display: flex;
    align-items: center;
    gap: var(--parley-space-2, 8px);
    min-height: 28px;
    cursor: pointer;
  }
  .reasons input {
    margin: 0;
    accent-color: var(--parley-color-primary, #2f5bd3);
  }

  .comment {
    display: grid;
    gap: var(--parley-space-1, 4px);
    margin-top: var(--parley-space-3, 12px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  textarea {
    width: 100%;
    padding: var(--parley-space-2, 8px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
    font: inherit;
    font-weight: var(--parley-font-weight-regular, 400);
    resize: vertical;
  }
  .scheduled {
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .setup h2 {
    font-size: var(--parley-font-size-lg, 16px);
  }
  .loading .card {
    min-height: 120px;
  }
`
