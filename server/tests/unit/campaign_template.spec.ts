import { test } from '@japa/runner'
import {
  parseTemplate,
  TEMPLATE_MAX_EXPRESSIONS,
  TEMPLATE_MAX_LENGTH,
  type MessageTemplate,
  type TemplateContext,
} from '#services/campaigns/template'

function compile(source: string): MessageTemplate {
  const result = parseTemplate(source)
  if (!result.ok)
    throw new Error(`did not parse: ${result.errors.map((e) => e.message).join('; ')}`)
  return result.template
}

function errorsOf(source: string): string[] {
  const result = parseTemplate(source)
  return result.ok ? [] : result.errors.map((error) => error.message)
}

function context(contact: TemplateContext['contact'], workspace = 'Acme'): TemplateContext {
  return { contact, workspace: { name: workspace } }
}

const ana: TemplateContext['contact'] = {
  name: 'Ana Souza',
  phone: '+5511999990000',
  email: 'ana@example.com',
  attributes: { plan: 'gold', city: 'São Paulo' },
}

test.group('Campaign templates: rendering', () => {
  test('renders every field and keeps the text around it', ({ assert }) => {
    const template = compile(
      'Hi {{contact.firstName}} {{ contact.lastName }} ({{contact.name}}, {{contact.phone}}, ' +
        '{{contact.email}}) on {{ contact.attributes.plan }} in {{contact.attributes.city}} — {{workspace.name}}.'
    )
    assert.equal(
      template.render(context(ana)),
      'Hi Ana Souza (Ana Souza, +5511999990000, ana@example.com) on gold in São Paulo — Acme.'
    )
    assert.sameMembers(
      [...template.fields],
      [
        'contact.firstName',
        'contact.lastName',
        'contact.name',
        'contact.phone',
        'contact.email',
        'contact.attributes.plan',
        'contact.attributes.city',
        'workspace.name',
      ]
    )
  })

  test('parses once and renders per contact', ({ assert }) => {
    const template = compile('Hi {{contact.firstName | default: "there"}}')
    assert.equal(template.render(context(ana)), 'Hi Ana')
    assert.equal(template.render(context({ name: 'Bruno' })), 'Hi Bruno')
    assert.equal(template.render(context({ name: null })), 'Hi there')
  })

  test('default covers missing, null, empty and whitespace-only values', ({ assert }) => {
    const template = compile(
      '{{ contact.attributes.plan | default: "free" }}|{{contact.name | default: \'friend\'}}'
    )
    assert.equal(template.render(context({})), 'free|friend')
    assert.equal(template.render(context({ name: null, attributes: null })), 'free|friend')
    assert.equal(template.render(context({ name: '', attributes: { plan: '' } })), 'free|friend')
    assert.equal(
      template.render(context({ name: ' \t\n ', attributes: { plan: '\u00a0 ' } })),
      'free|friend'
    )
    assert.equal(template.render(context({ name: 'Zoe', attributes: { plan: 'pro' } })), 'pro|Zoe')
  })

  test('missing values without default render as nothing', ({ assert }) => {
    const template = compile(
      '[{{contact.email}}][{{contact.attributes.none}}][{{contact.lastName}}]'
    )
    assert.equal(template.render(context({ name: 'Cher' })), '[][][]')
  })

  test('firstName and lastName come from name unless attributes of those names exist', ({
    assert,
  }) => {
    const template = compile('{{contact.firstName}}/{{contact.lastName}}')
    assert.equal(
      template.render(context({ name: '  José María   García López ' })),
      'José/María   García López'
    )
    assert.equal(template.render(context({ name: 'Madonna' })), 'Madonna/')
    assert.equal(
      template.render(
        context({ name: 'J. M. García', attributes: { firstName: 'Chema', lastName: 'García' } })
      ),
      'Chema/García'
    )
    assert.equal(
      template.render(
        context({ name: 'Ana Souza', attributes: { firstName: '  ', lastName: '' } })
      ),
      'Ana/Souza',
      'blank attributes fall back to the name'
    )
  })

  test('is unicode safe', ({ assert }) => {
    const template = compile(
      '{{contact.firstName | default: "amigo"}}·{{contact.firstName | capitalize}}·{{contact.name | upcase}}'
    )
    assert.equal(template.render(context({ name: 'José María' })), 'José·José·JOSÉ MARÍA')
    assert.equal(template.render(context({ name: 'ñandú rojo' })), 'ñandú·Ñandú·ÑANDÚ ROJO')
    assert.equal(template.render(context({ name: '李 小龍' })), '李·李·李 小龍')
    assert.equal(template.render(context({ name: '😀 Smile' })), '😀·😀·😀 SMILE')
    assert.equal(
      template.render(context({ name: '\u3000 ' })),
      'amigo··\u3000 ',
      'an ideographic space is blank too'
    )
    assert.equal(
      compile('¡Hola {{ contact.name }}! 👋').render(context({ name: 'Zoë' })),
      '¡Hola Zoë! 👋'
    )
  })

  test('filters chain left to right', ({ assert }) => {
    const template = compile(
      '{{ contact.name | downcase | capitalize }} {{ contact.email | upcase | default: "N/A" }}'
    )
    assert.equal(template.render(context({ name: 'mARÍA DE LA o' })), 'María de la o N/A')
    assert.equal(
      compile('{{ contact.name | capitalize }}').render(context({ name: 'éLAN' })),
      'Élan'
    )
    assert.equal(compile('{{contact.name|downcase}}').render(context({ name: 'ÉLAN' })), 'élan')
  })

  test("a contact's data never changes the template", ({ assert }) => {
    const template = compile('Hi {{contact.name}}, your plan: {{contact.attributes.plan}}')
    const sneaky = {
      name: '{{contact.phone}}',
      phone: '+15550100',
      attributes: { plan: '{% raw %}{{ workspace.name | upcase }}' },
    }
    assert.equal(
      template.render(context(sneaky)),
      'Hi {{contact.phone}}, your plan: {% raw %}{{ workspace.name | upcase }}'
    )
    assert.equal(
      compile('{{contact.name | default: "x"}}').render(context({ name: '}} {{' })),
      '}} {{'
    )
  })

  test('output is plain text: nothing is HTML-escaped or stripped', ({ assert }) => {
    const template = compile('<b>{{contact.name}}</b> & {{contact.attributes.note}}')
    assert.equal(
      template.render(
        context({ name: '<script>x</script>', attributes: { note: 'a & "b" \'c\'' } })
      ),
      '<b><script>x</script></b> & a & "b" \'c\''
    )
  })

  test('default texts keep escaped quotes and backslashes', ({ assert }) => {
    assert.equal(
      compile('{{contact.name | default: "say \\"hi\\" \\\\o/"}}').render(context({})),
      'say "hi" \\o/'
    )
    assert.equal(
      compile("{{contact.name | default: 'it\\'s {{ me }}'}}").render(context({})),
      "it's {{ me }}"
    )
  })

  test('text without expressions, stray braces and whitespace in expressions are fine', ({
    assert,
  }) => {
    assert.equal(
      compile('Just text, no variables }} { }').render(context({})),
      'Just text, no variables }} { }'
    )
    assert.equal(compile('').render(context({})), '')
    assert.equal(
      compile('{{\n  contact.name\n  |\tupcase\n}}').render(context({ name: 'ok' })),
      'OK'
    )
  })

  test('non-string attribute values render as text', ({ assert }) => {
    const template = compile(
      '{{contact.attributes.n}} {{contact.attributes.b}} {{contact.attributes.o | default: "-"}}'
    )
    assert.equal(
      template.render(context({ attributes: { n: 3, b: false, o: { x: 1 } } })),
      '3 false -'
    )
  })
})

test.group('Campaign templates: errors', () => {
  test('an unknown field is reported with its line and column', ({ assert }) => {
    assert.deepEqual(errorsOf('Hi {{contact.fristName}}'), [
      'Unknown field contact.fristName at 1:6',
    ])
    const result = parseTemplate('Hello\n  {{ contact.age }}')
    assert.isFalse(result.ok)
    if (!result.ok) assert.deepInclude(result.errors[0], { line: 2, column: 6 })
    assert.deepEqual(errorsOf('{{ name }}'), ['Unknown field name at 1:4'])
    assert.deepEqual(errorsOf('{{ contact.attributes }}'), [
      'Unknown field contact.attributes at 1:4',
    ])
    assert.deepEqual(errorsOf('{{ contact.attributes.a.b }}'), [
      'Unknown field contact.attributes.a.b at 1:4',
    ])
    assert.deepEqual(errorsOf('{{ contact.tenantId }}'), ['Unknown field contact.tenantId at 1:4'])
  })

  test('names of built-in object properties are neither fields nor filters', ({ assert }) => {
    assert.deepEqual(errorsOf('{{ constructor }}'), ['Unknown field constructor at 1:4'])
    assert.deepEqual(errorsOf('{{ contact.name | toString }}'), ['Unknown filter toString at 1:19'])
    const template = compile(
      '[{{ contact.attributes.constructor }}][{{ contact.attributes.__proto__ }}]'
    )
    assert.equal(template.render(context({ attributes: {} })), '[][]')
  })

  test('columns count characters, not UTF-16 units', ({ assert }) => {
    assert.deepEqual(errorsOf('😀é {{contact.nope}}'), ['Unknown field contact.nope at 1:6'])
  })

  test('unknown filters, missing and unexpected arguments', ({ assert }) => {
    assert.deepEqual(errorsOf('{{ contact.name | shout }}'), ['Unknown filter shout at 1:19'])
    assert.deepEqual(errorsOf('{{ contact.name | }}'), ['Expected a filter name at 1:19'])
    assert.deepEqual(errorsOf('{{ contact.name | default }}'), [
      'Filter default needs a text: default: "…" at 1:19',
    ])
    assert.deepEqual(errorsOf('{{ contact.name | default: there }}'), [
      'Filter default needs a quoted text at 1:28',
    ])
    assert.deepEqual(errorsOf('{{ contact.name | upcase: "x" }}'), [
      'Filter upcase takes no argument at 1:19',
    ])
  })

  test('syntax errors', ({ assert }) => {
    assert.deepEqual(errorsOf('Hi {{'), ['Unclosed {{ at 1:4'])
    assert.deepEqual(errorsOf('Hi {{ contact.name'), ['Unclosed {{ at 1:4'])
    assert.deepEqual(errorsOf('Hi {{ contact.name | upcase'), ['Unclosed {{ at 1:4'])
    assert.deepEqual(errorsOf('{{}}'), ['Expected a field name at 1:3'])
    assert.deepEqual(errorsOf('{{ contact.name contact.phone }}'), ['Unexpected "c" at 1:17'])
    assert.deepEqual(errorsOf('{{ contact.name } }}'), ['Unexpected "}" at 1:17'])
    assert.deepEqual(errorsOf('{{ {{ contact.name }}'), ['Unexpected "{" at 1:4'])
    assert.deepEqual(errorsOf('{{ contact.name | default: "open }}'), ['Unterminated text at 1:28'])
  })

  test('tags are not supported', ({ assert }) => {
    assert.deepEqual(errorsOf('{% if contact.name %}hi{% endif %}'), [
      'Tags ({% … %}) are not supported at 1:1',
      'Tags ({% … %}) are not supported at 1:24',
    ])
  })

  test('reports every bad expression, not only the first', ({ assert }) => {
    assert.deepEqual(errorsOf('{{contact.a}} ok {{contact.name}}\n{{contact.name | nope}}'), [
      'Unknown field contact.a at 1:3',
      'Unknown filter nope at 2:18',
    ])
  })

  test('limits the length and the number of expressions', ({ assert }) => {
    assert.isTrue(parseTemplate('é'.repeat(TEMPLATE_MAX_LENGTH)).ok, 'the limit counts characters')
    assert.deepEqual(errorsOf('x'.repeat(TEMPLATE_MAX_LENGTH + 1)), [
      `Template is longer than ${TEMPLATE_MAX_LENGTH} characters at 1:1`,
    ])
    const expression = '{{contact.name}}'
    assert.isTrue(parseTemplate(expression.repeat(TEMPLATE_MAX_EXPRESSIONS)).ok)
    assert.deepEqual(errorsOf(expression.repeat(TEMPLATE_MAX_EXPRESSIONS + 1)), [
      `Too many {{ }} expressions (at most ${TEMPLATE_MAX_EXPRESSIONS}) at 1:${TEMPLATE_MAX_EXPRESSIONS * expression.length + 1}`,
    ])
  })
})
