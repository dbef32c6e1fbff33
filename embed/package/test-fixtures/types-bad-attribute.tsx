import type {} from '@parley/sdk/jsx'

// "conversaton": a misspelt attribute of <parley-inbox>.
export const page = <parley-inbox conversaton="c_1" />
