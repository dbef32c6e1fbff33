/** Entry of the built `embed.js` (an IIFE): installs window.Parley. */
import { install } from './loader.js'

install()
