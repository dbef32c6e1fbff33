/**
 * The kit's form controls: a chunk of their own (bin/build_widgets.ts), imported by the widgets
 * that use them, never by the kit's index.
 */
export { ParleySelect, type SelectChangeEvent } from './select.js'
export { ParleyCombobox, type ComboboxChangeEvent, type ComboboxInputEvent } from './combobox.js'
export { ParleyConfirmDialog, confirm, type ConfirmOptions } from './confirm-dialog.js'
export {
  ParleyDateTimePicker,
  PICKER_TYPES,
  type PickerType,
  type DateTimeChangeEvent,
} from './date-time-picker.js'
export { ParleyMenu } from './menu.js'
export { ParleyTagInput, type TagInputChangeEvent, type TagInputInputEvent } from './tag-input.js'
export { ParleyMenuItem, MENU_ITEM_TYPES, type MenuItemType } from './menu-item.js'
export { PRESENCES, type ListOption, type Presence } from './listbox.js'
export { ParleyFormControl } from './form-control.js'
