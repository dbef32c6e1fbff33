/**
 * Prints configuration failures as one plain line instead of a stack trace, so an operator
 * sees the variable to fix. Returns false for errors it does not recognise.
 */
export function reportStartupError(error: unknown): boolean {
  const err = error as { code?: string; help?: string; message?: string }
  if (err?.code === 'E_INVALID_ENV_VARIABLES' && err.help) {
    const lines = err.help.split('\n').map((line) => line.replace(/^- /, ''))
    process.stderr.write(`Parley cannot start: ${lines.join('; ')}\n`)
    return true
  }
  if (err?.code === 'E_PARLEY_STARTUP') {
    process.stderr.write(`Parley cannot start: ${err.message}\n`)
    return true
  }
  return false
}

/** An error that stops the process with one line (see reportStartupError). */
export class StartupError extends Error {
  code = 'E_PARLEY_STARTUP'
}

/** Loads and validates the environment; a bad value ends the process with its one line. */
export async function loadEnvOrExit(load: () => Promise<unknown>) {
  try {
    await load()
  } catch (error) {
    if (reportStartupError(error)) process.exit(1)
    throw error
  }
}
