import { expect } from '@open-wc/testing'
import { LOCALES, localeFor, setLocale, supportedLocale, translate } from './localize.js'
import { en } from './locales/en.js'

describe('localize', () => {
  afterEach(() => setLocale(undefined))

  it('matches tags to supported locales', () => {
    expect(supportedLocale('es-MX')).to.equal('es')
    expect(supportedLocale('ES')).to.equal('es')
    expect(supportedLocale('fr-FR')).to.equal('en')
    expect(supportedLocale(undefined)).to.equal('en')
  })

  it('fills placeholders and leaves unknown ones', () => {
    expect(translate('en', 'launcher.unread', { count: 3 })).to.equal('3 unread')
    expect(translate('es', 'launcher.open', { label: 'Ayuda' })).to.equal('Abrir Ayuda')
    expect(translate('en', 'launcher.open')).to.equal('Open {label}')
  })

  it('prefers the element, then Parley.init, then the page', () => {
    document.documentElement.lang = 'es'
    expect(localeFor({})).to.equal('es')
    setLocale('en')
    expect(localeFor({})).to.equal('en')
    expect(localeFor({ locale: 'es' })).to.equal('es')
    document.documentElement.lang = ''
  })

  it('has every English key in every locale, none empty', () => {
    for (const [name, messages] of Object.entries(LOCALES)) {
      expect(Object.keys(messages).sort(), name).to.deep.equal(Object.keys(en).sort())
      for (const [key, value] of Object.entries(messages))
        expect(value, `${name} ${key}`).not.to.equal('')
    }
  })
})

describe('registered widget strings', () => {
  it('are found in their locale and fall back to English', async () => {
    const { registerMessages } = await import('./localize.js')
    registerMessages({ en: { 'demo.hello': 'Hello {name}' }, es: { 'demo.hello': 'Hola {name}' } })
    expect(translate('es', 'demo.hello' as never, { name: 'Ana' })).to.equal('Hola Ana')
    expect(translate('fr', 'demo.hello' as never, { name: 'Ana' })).to.equal('Hello Ana')
  })
})
