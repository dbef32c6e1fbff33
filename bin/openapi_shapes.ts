/*
|--------------------------------------------------------------------------
| npm run openapi:shapes
|--------------------------------------------------------------------------
|
| Reads the TypeScript of the controllers and transformers (the compiler's own type checker) and
| writes server/app/services/openapi/shapes.generated.ts, which the OpenAPI document is built
| from at run time (the server never runs the compiler):
|
| - the transformers' shapes: the JSON Schema of their `transform` return types;
| - per controller method: its JSDoc (summary), the validators it calls (validateBody,
|   validateQuery, validateUsing, .validate) and the JSON it answers with, per status: the type of
|   each `return …` and `response.ok/created/json(…)`, as JSON Schema with transformers' shapes
|   as $refs.
|
| `--check` exits 1 when the committed file is stale (the contract test runs it).
|
*/

import { readFileSync, writeFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import ts from 'typescript'

const root = new URL('../', import.meta.url).pathname
const OUT = join(root, 'server/app/services/openapi/shapes.generated.ts')
const CONTROLLERS = join(root, 'server/app/controllers')
const TRANSFORMERS = join(root, 'server/app/transformers')

type Schema = Record<string, any>

const list = (dir: string) =>
  ts.sys
    .readDirectory(dir, ['.ts'], undefined, undefined, 1)
    .filter((f) => !f.endsWith('.d.ts'))
    .sort()

/** Every exported `{ transform }` object of the transformers: name → its module file. */
function transformerExports(program: ts.Program, checker: ts.TypeChecker) {
  const found: { name: string; file: string; type: ts.Type }[] = []
  for (const file of list(TRANSFORMERS)) {
    const source = program.getSourceFile(file)!
    const moduleSymbol = checker.getSymbolAtLocation(source)
    for (const symbol of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
      const declaration = symbol.valueDeclaration
      if (!declaration) continue
      const transform = checker
        .getTypeOfSymbolAtLocation(symbol, declaration)
        .getProperty('transform')
      if (!transform) continue
      const signature = checker
        .getTypeOfSymbolAtLocation(transform, declaration)
        .getCallSignatures()[0]
      if (!signature) continue
      found.push({ name: symbol.name, file, type: checker.getReturnTypeOfSignature(signature) })
    }
  }
  return found
}

/**
 * A type as JSON Schema, for the shapes controllers answer with (mostly object literals around
 * transformers' shapes). A transformer's shape becomes its $ref.
 */
function schemaFactory(checker: ts.TypeChecker, transformers: { name: string; type: ts.Type }[]) {
  const refOf = (type: ts.Type) =>
    transformers.find(
      (t) =>
        t.type === type ||
        (checker.isTypeAssignableTo(type, t.type) && checker.isTypeAssignableTo(t.type, type))
    )?.name

  const toSchema = (type: ts.Type, depth = 0, expand = false): Schema => {
    if (depth > 10) return {}
    const f = type.flags
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {}
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', const: (type as any).value }
    if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', const: (type as any).value }
    if (f & ts.TypeFlags.BooleanLiteral) {
      return { type: 'boolean', const: (type as any).intrinsicName === 'true' }
    }
    if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { type: 'string' }
    if (f & ts.TypeFlags.Number) return { type: 'number' }
    if (f & ts.TypeFlags.BigInt) return { type: 'string' }
    if (f & ts.TypeFlags.Boolean) return { type: 'boolean' }
    if (f & ts.TypeFlags.Null) return { type: 'null' }
    if (f & ts.TypeFlags.Union) return unionSchema((type as ts.UnionType).types, depth)
    if (f & ts.TypeFlags.Intersection) {
      return objectSchema(type, depth)
    }
    if (f & ts.TypeFlags.Object) {
      const ref = expand ? undefined : refOf(type)
      if (ref) return { $ref: `#/components/schemas/${componentName(ref)}` }
      const name = type.getSymbol()?.getName()
      if (name === 'Promise') {
        return toSchema(checker.getTypeArguments(type as ts.TypeReference)[0], depth)
      }
      if (name === 'Date' || name === 'DateTime') return { type: 'string', format: 'date-time' }
      if (checker.isArrayType(type) || checker.isTupleType(type)) {
        const args = checker.getTypeArguments(type as ts.TypeReference)
        if (checker.isTupleType(type)) {
          return { type: 'array', prefixItems: args.map((a) => toSchema(a, depth + 1)) }
        }
        return { type: 'array', items: toSchema(args[0], depth + 1) }
      }
      // An object that decides its own JSON (models, Buffers): its toJSON's result.
      const toJSON = type.getProperty('toJSON')
      if (toJSON) {
        const signature = checker
          .getTypeOfSymbolAtLocation(toJSON, toJSON.valueDeclaration!)
          .getCallSignatures()[0]
        return signature ? toSchema(checker.getReturnTypeOfSignature(signature), depth + 1) : {}
      }
      return objectSchema(type, depth)
    }
    return {}
  }

  const unionSchema = (members: readonly ts.Type[], depth: number): Schema => {
    const kept = members.filter((m) => !(m.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)))
    // `true | false` is boolean.
    const booleans = kept.filter((m) => m.flags & ts.TypeFlags.BooleanLiteral)
    const rest = kept.filter((m) => !(m.flags & ts.TypeFlags.BooleanLiteral))
    const schemas = [
      ...(booleans.length === 2 ? [{ type: 'boolean' }] : booleans.map((b) => toSchema(b, depth))),
      ...rest.map((m) => toSchema(m, depth)),
    ]
    if (schemas.some((s) => Object.keys(s).length === 0)) return {}
    const unique = [...new Map(schemas.map((s) => [JSON.stringify(s), s])).values()]
    if (unique.length === 1) return unique[0]
    // A set of literals (and null): one enum.
    const literal = (s: Schema) => 'const' in s || s.type === 'null'
    if (unique.every(literal)) {
      const types = [...new Set(unique.map((s) => s.type))]
      return {
        type: types.length === 1 ? types[0] : types,
        enum: unique.map((s) => (s.type === 'null' ? null : s.const)),
      }
    }
    // `string | null` and the like: one `type` list.
    const plain = (s: Schema) => Object.keys(s).length === 1 && typeof s.type === 'string'
    if (unique.every(plain)) return { type: unique.map((s) => s.type) }
    return { anyOf: unique }
  }

  const objectSchema = (type: ts.Type, depth: number): Schema => {
    if (type.getCallSignatures().length) return {}
    const properties: Record<string, Schema> = {}
    const required: string[] = []
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0]
      const propertyType = declaration
        ? checker.getTypeOfSymbolAtLocation(property, declaration)
        : checker.getTypeOfSymbol(property)
      if (propertyType.getCallSignatures().length) continue
      // A nullable attribute of a model that was just created is undefined (Lucid does not read
      // the row back), so it is absent from that answer's JSON: nullable means "may be absent".
      const optional =
        property.flags & ts.SymbolFlags.Optional ||
        (propertyType.flags & ts.TypeFlags.Union &&
          (propertyType as ts.UnionType).types.some((t) => t.flags & ts.TypeFlags.Null)) ||
        (propertyType.flags & ts.TypeFlags.Union &&
          (propertyType as ts.UnionType).types.some((t) => t.flags & ts.TypeFlags.Undefined)) ||
        propertyType.flags & ts.TypeFlags.Undefined
      properties[property.name] = toSchema(propertyType, depth + 1)
      if (!optional) required.push(property.name)
    }
    const index = checker.getIndexTypeOfType(type, ts.IndexKind.String)
    return {
      type: 'object',
      ...(Object.keys(properties).length ? { properties } : {}),
      ...(required.length ? { required } : {}),
      ...(index ? { additionalProperties: toSchema(index, depth + 1) } : {}),
    }
  }

  return toSchema
}

/** `WebhookTransformer` → `Webhook`: what a client's type is called. */
const componentName = (transformer: string) => transformer.replace(/Transformer$/, '')

const RESPONSE_STATUS: Record<string, number> = {
  ok: 200,
  json: 200,
  created: 201,
  accepted: 202,
  noContent: 204,
}
/** `201`, `created ? 201 : 200`: the statuses a `response.status(…)` argument can be. */
function statusesOf(node: ts.Expression): number[] | undefined {
  if (ts.isNumericLiteral(node)) return [Number(node.text)]
  if (ts.isParenthesizedExpression(node)) return statusesOf(node.expression)
  if (ts.isConditionalExpression(node)) {
    const [a, b] = [statusesOf(node.whenTrue), statusesOf(node.whenFalse)]
    return a && b ? [...a, ...b] : undefined
  }
  return undefined
}

const RAW_RESPONSES = new Set(['send', 'stream', 'download', 'attachment', 'redirect'])

const ERROR_HELPERS: Record<string, string> = {
  unauthenticated: 'AUTHENTICATION_ERROR',
  forbidden: 'AUTHORIZATION_ERROR',
  tenantSuspended: 'TENANT_SUSPENDED',
  notFound: 'NOT_FOUND',
  validation: 'VALIDATION_ERROR',
}

/**
 * The error codes a function can throw: its own `new ApiError('…')` and `ApiError.notFound()`…,
 * and those of the application functions it calls (followed through server/, memoised).
 */
function errorCodeFinder(checker: ts.TypeChecker) {
  const memo = new Map<ts.Node, Set<string>>()
  const app = join(root, 'server/')
  const codesOf = (fn: ts.Node, depth = 0): Set<string> => {
    const known = memo.get(fn)
    if (known) return known
    const codes = new Set<string>()
    memo.set(fn, codes)
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
        const first = node.arguments?.[0]
        if (node.expression.text === 'ApiError' && first && ts.isStringLiteral(first)) {
          codes.add(first.text)
        }
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression
        if (
          ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === 'ApiError' &&
          ERROR_HELPERS[callee.name.text]
        ) {
          codes.add(ERROR_HELPERS[callee.name.text])
        } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'authorize') {
          codes.add('AUTHORIZATION_ERROR')
        } else if (depth < 6) {
          const declaration = checker.getResolvedSignature(node)?.declaration
          const file = declaration?.getSourceFile().fileName
          if (
            declaration &&
            file?.startsWith(app) &&
            !file.endsWith('.d.ts') &&
            (declaration as ts.FunctionLikeDeclaration).body
          ) {
            for (const code of codesOf(declaration, depth + 1)) codes.add(code)
          }
        }
      }
      ts.forEachChild(node, visit)
    }
    const body = (fn as ts.FunctionLikeDeclaration).body
    if (body) visit(body)
    return codes
  }
  return codesOf
}

interface Operation {
  summary?: string
  /** The error codes the method and the application code it calls can throw. */
  errors?: string[]
  body?: { module: string; name: string }
  query?: { module: string; name: string }
  validate?: { module: string; name: string }
  /** Per status: a JSON Schema, or 'raw' (bytes, text) or 'empty' (204). */
  responses: Record<string, Schema | 'raw' | 'empty'>
}

/** What each controller method validates and answers with. */
function controllerOperations(program: ts.Program, checker: ts.TypeChecker, toSchema: any) {
  const operations: Record<string, Operation> = {}
  const errorCodes = errorCodeFinder(checker)
  const delegated: [Operation, string[]][] = []
  const inherited: [string, string][] = []
  for (const file of list(CONTROLLERS)) {
    const source = program.getSourceFile(file)!
    const module = `#controllers/${basename(file, '.ts')}`
    // Imported identifiers → their module (to name a validator's module).
    const imports = new Map<string, string>()
    source.statements.filter(ts.isImportDeclaration).forEach((d) => {
      const from = (d.moduleSpecifier as ts.StringLiteral).text
      if (d.importClause?.name) imports.set(d.importClause.name.text, from)
      const named = d.importClause?.namedBindings
      if (named && ts.isNamedImports(named)) {
        named.elements.forEach((e) => imports.set(e.name.text, from))
      }
    })
    const validator = (node: ts.Expression | undefined) => {
      if (!node || !ts.isIdentifier(node)) return undefined
      const from = imports.get(node.text)
      return from?.startsWith('#validators/') ? { module: from, name: node.text } : undefined
    }

    for (const klass of source.statements.filter(ts.isClassDeclaration)) {
      // `class AdminSessionsController extends ConsoleSessionsController`: the base's methods.
      const base = klass.heritageClauses
        ?.flatMap((h) => h.types)
        .map((t) => (ts.isIdentifier(t.expression) ? imports.get(t.expression.text) : undefined))
        .find((from) => from?.startsWith('#controllers/'))
      if (base) inherited.push([module, base])
      for (const member of klass.members) {
        if (
          !ts.isMethodDeclaration(member) ||
          !member.body ||
          !(ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name))
        ) {
          continue
        }
        const symbol = checker.getSymbolAtLocation(member.name)
        const summary = symbol
          ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim()
          : ''
        const operation: Operation = { responses: {} }
        const delegates: string[] = []
        if (summary) operation.summary = summary
        let status: number | undefined
        const answer = (code: number, schema: Schema | 'raw' | 'empty') => {
          const key = String(code)
          const previous = operation.responses[key]
          if (previous === undefined || previous === schema) {
            operation.responses[key] = schema
          } else if (typeof previous === 'object' && typeof schema === 'object') {
            const same = JSON.stringify(previous) === JSON.stringify(schema)
            const options = previous.anyOf ?? [previous]
            if (
              !same &&
              !options.some((o: Schema) => JSON.stringify(o) === JSON.stringify(schema))
            ) {
              operation.responses[key] = { anyOf: [...options, schema] }
            }
          }
        }
        /** `response.created(x)`, `response.status(201).json(x)`, … → status and schema. */
        const responseCall = (node: ts.Node): boolean => {
          if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) {
            return false
          }
          const verb = node.expression.name.text
          let target = node.expression.expression
          let chained: number[] | undefined
          if (
            ts.isCallExpression(target) &&
            ts.isPropertyAccessExpression(target.expression) &&
            target.expression.name.text === 'status' &&
            target.arguments[0]
          ) {
            chained = statusesOf(target.arguments[0])
            target = target.expression.expression
          }
          const isResponse =
            (ts.isIdentifier(target) && target.text === 'response') ||
            (ts.isPropertyAccessExpression(target) && target.name.text === 'response')
          if (!isResponse) return false
          if (verb === 'status' && node.arguments[0]) {
            status = statusesOf(node.arguments[0])?.[0] ?? status
            return true
          }
          // An ETag: a matching If-None-Match is answered 304 by the framework.
          const first = node.arguments[0]
          if (verb === 'header' && first && ts.isStringLiteral(first) && first.text === 'ETag') {
            answer(304, 'empty')
            return true
          }
          if (RAW_RESPONSES.has(verb)) {
            for (const code of chained ?? [status ?? 200]) answer(code, 'raw')
            return true
          }
          if (verb === 'noContent') {
            answer(204, 'empty')
            return true
          }
          if (verb in RESPONSE_STATUS) {
            const arg = node.arguments[0]
            const schema = arg ? toSchema(checker.getTypeAtLocation(arg)) : 'empty'
            const codes = chained ?? [verb === 'json' ? (status ?? 200) : RESPONSE_STATUS[verb]]
            for (const code of codes) answer(code, schema)
            return true
          }
          return false
        }
        const visit = (node: ts.Node): void => {
          // Callbacks' returns are not the method's.
          if (ts.isFunctionLike(node) && node !== member) return
          if (ts.isCallExpression(node)) {
            const callee = node.expression
            if (ts.isIdentifier(callee) && callee.text === 'validateBody') {
              operation.body ??= validator(node.arguments[1])
            } else if (ts.isIdentifier(callee) && callee.text === 'validateQuery') {
              operation.query ??= validator(node.arguments[1])
            } else if (ts.isPropertyAccessExpression(callee)) {
              if (callee.name.text === 'validateUsing') {
                operation.validate ??= validator(node.arguments[0])
              } else if (callee.name.text === 'validate') {
                operation.validate ??= validator(callee.expression)
              }
            }
            if (responseCall(node)) return
          }
          if (ts.isReturnStatement(node) && node.expression) {
            let expression = node.expression
            while (ts.isAwaitExpression(expression) || ts.isParenthesizedExpression(expression)) {
              expression = expression.expression
            }
            if (ts.isConditionalExpression(expression)) {
              const branches = [expression.whenTrue, expression.whenFalse]
              if (branches.every((b) => responseCall(b))) return
            }
            if (responseCall(expression)) return
            // `return this.#store(ctx, 'logo')`: that method's answers are this one's.
            if (
              ts.isCallExpression(expression) &&
              ts.isPropertyAccessExpression(expression.expression) &&
              expression.expression.expression.kind === ts.SyntaxKind.ThisKeyword
            ) {
              delegates.push(expression.expression.name.text)
              return
            }
            const type = checker.getTypeAtLocation(expression)
            const awaited = checker.getAwaitedType(type) ?? type
            if (!(awaited.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined))) {
              answer(status ?? 200, toSchema(awaited))
            }
            return
          }
          ts.forEachChild(node, visit)
        }
        ts.forEachChild(member.body, visit)
        const errors = [...errorCodes(member)].sort()
        if (errors.length) operation.errors = errors
        operations[`${module}.${member.name.text}`] = operation
        if (delegates.length) delegated.push([operation, delegates.map((d) => `${module}.${d}`)])
      }
    }
  }
  for (const [operation, names] of delegated) {
    for (const name of names) Object.assign(operation.responses, operations[name]?.responses)
  }
  for (const [module, base] of inherited) {
    for (const [key, operation] of Object.entries(operations)) {
      const method = key.slice(base.length + 1)
      if (key.startsWith(`${base}.`)) operations[`${module}.${method}`] ??= operation
    }
  }
  // Private helpers (`#store`) are not routes' handlers.
  return Object.fromEntries(Object.entries(operations).filter(([key]) => !key.includes('.#')))
}

function generate() {
  const files = [...list(CONTROLLERS), ...list(TRANSFORMERS)]
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    }
  )!
  // noUncheckedIndexedAccess: `attributes[key] ?? null` can be null at run time, so its type must
  // say so (the answers' schemas are about run time, not about what the code may assume).
  const program = ts.createProgram(files, {
    ...config.options,
    noEmit: true,
    noUncheckedIndexedAccess: true,
  })
  const checker = program.getTypeChecker()
  const transformers = transformerExports(program, checker)
  const toSchema = schemaFactory(checker, transformers)
  const operations = controllerOperations(program, checker, (type: ts.Type) => toSchema(type))
  const schemas = Object.fromEntries(
    transformers.map((t) => [componentName(t.name), toSchema(t.type, 0, true)])
  )
  const text = `/*
| Generated by \`npm run openapi:shapes\` (bin/openapi_shapes.ts) from the controllers and the
| transformers: do not edit. The contract test fails when it is stale.
*/

// prettier-ignore
export const transformerSchemas: Record<string, any> = ${JSON.stringify(schemas)}

// prettier-ignore
export const controllerOperations: Record<string, {
  summary?: string
  errors?: string[]
  body?: { module: string; name: string }
  query?: { module: string; name: string }
  validate?: { module: string; name: string }
  responses: Record<string, any>
}> = ${JSON.stringify(operations)}
`
  return text
}

const text = generate()
if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(OUT, 'utf8')
  } catch {}
  if (current !== text) {
    console.error(`${relative(root, OUT)} is stale: run npm run openapi:shapes`)
    process.exit(1)
  }
} else {
  const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : OUT
  writeFileSync(out, text)
  console.log(`Wrote ${relative(root, out)}`)
}
