import { ParleyInbox } from '@parley/sdk/react'

// "onParleyUnreadChange": a misspelt event prop (the event is parley-unread-changed).
export const page = <ParleyInbox onParleyUnreadChange={() => {}} />
