/**
 * The partner console's bundle (served at /console by Parley, built by bin/build_widgets.ts into
 * its own folder, apart from the widget chunks and their budgets).
 */
import { adoptConsoleSheet } from './console-element.js'
import { restorePreferences } from './account-menu.js'
import './console-app.js'

adoptConsoleSheet()
restorePreferences()
