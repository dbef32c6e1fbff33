import { test } from '@japa/runner'

test.group('Loader outside a browser', () => {
  test('can be imported and installed where there is no window (server rendering)', async ({
    assert,
  }) => {
    assert.isUndefined((globalThis as { window?: unknown }).window)
    // A variable path keeps the server's type check out of this browser module.
    const path = '../../../embed/loader.js'
    const loader = await import(path)
    assert.doesNotThrow(() => loader.install())
    assert.isUndefined((globalThis as { Parley?: unknown }).Parley)
  })
})
