import type { ErrorCode } from '#exceptions/api_error'

/**
 * What the code cannot tell about a route, by route name: a better summary, answers that are not
 * JSON shapes of the controller (files, text, documents), and error codes raised where the
 * generator does not look. The contract test fails on a name no route has.
 */
export const ROUTE_NOTES: Record<
  string,
  {
    summary?: string
    responses?: Record<string, unknown>
    requestBody?: Record<string, unknown>
    errors?: ErrorCode[]
  }
> = {
  'openapi.show': {
    summary: 'This OpenAPI 3.1 document',
    responses: {
      200: {
        description: 'The document',
        content: { 'application/json': { schema: { type: 'object', required: ['openapi'] } } },
      },
    },
  },
  'theme.css': {
    responses: {
      200: {
        description: "The tenant's theme",
        content: { 'text/css': { schema: { type: 'string' } } },
      },
    },
  },
}

/**
 * Properties of the transformers' shapes whose TypeScript type is narrower than what is stored,
 * by component and property. The contract test fails on a component or property that does not
 * exist.
 */
export const PROPERTY_NOTES: Record<string, Record<string, Record<string, unknown>>> = {
  // Typed Record<string, string> (the API and CSV import write strings), but segments match
  // numbers, booleans and lists (`contains`) that other sources store.
  Contact: {
    attributes: {
      type: 'object',
      additionalProperties: true,
      description: 'Free-form attributes; strings when written through this API.',
    },
  },
}
