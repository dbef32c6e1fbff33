import { ParleyLauncher } from '@parley/sdk/react'

// "top-right" is not one of the launcher's documented positions.
export const page = <ParleyLauncher position="top-right" />
