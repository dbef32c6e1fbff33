import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './combobox.js'
import { PEOPLE } from './sample-people.js'

const meta: Meta = {
  title: 'Controls/Combobox',
  component: 'parley-combobox',
  args: { label: 'Assignee', value: 'ana', required: false, disabled: false, clearable: true },
  render: (args) =>
    html`<parley-combobox
      label=${args.label}
      name="assignee"
      .options=${PEOPLE}
      .value=${args.value}
      ?required=${args.required}
      ?disabled=${args.disabled}
      ?clearable=${args.clearable}
    ></parley-combobox>`,
}
export default meta
type Story = StoryObj

export const Assignee: Story = {}
export const Empty: Story = { args: { value: '' } }
export const Required: Story = { args: { value: '', required: true, clearable: false } }
export const Disabled: Story = { args: { disabled: true } }

/** Plain options as children, no people. */
export const Countries: Story = {
  render: () =>
    html`<parley-combobox label="Country" name="country">
      <option value="ar">Argentina</option>
      <option value="br">Brasil</option>
      <option value="es">España</option>
      <option value="mx">México</option>
      <option value="pt">Portugal</option>
    </parley-combobox>`,
}

/** Options fetched by the host on `input`: the element shows "Loading…" meanwhile. */
export const Loading: Story = {
  tags: ['!autodocs'],
  render: () => html`<parley-combobox label="Contact" no-filter loading open></parley-combobox>`,
}

export const Open: Story = {
  tags: ['!autodocs'],
  render: () =>
    html`<parley-combobox
      label="Assignee"
      .options=${PEOPLE}
      value="diego"
      open
    ></parley-combobox>`,
}
