import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { assertAcceptableRequest } from '#validators/text'

/**
 * Refuses NUL bytes and unpaired UTF-16 surrogates in everything a request carries: the query
 * string, route parameters and the parsed body. It runs once, right after the body parser and
 * before any route's middleware, rather than as a rule in each validator: the validators cover
 * only what they name, there are about thirty string fields across them (and free-form ones,
 * such as contact attributes), and one boundary cannot be forgotten by the next route. Bodies
 * a route reads itself go through the same function once read: a multipart body read by its
 * route calls `assertAcceptableRequest` again; CSV cells are checked by services/contact_csv.ts.
 */
export default class TextInputMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    assertAcceptableRequest(ctx)
    return next()
  }
}
