/**
 * The platform admin's bundle (served at /admin by Parley, built by bin/build_widgets.ts into its
 * own folder, apart from the widget chunks and their budgets).
 */
import { adoptConsoleSheet } from '../console/console-element.js'
import { restorePreferences } from '../console/account-menu.js'
import './admin-app.js'

adoptConsoleSheet()
restorePreferences()
