/** Every policy, lazily imported: the Bouncer of each request resolves them by name. */
export const policies = {
  InboxPolicy: () => import('#policies/inbox_policy'),
  MessagePolicy: () => import('#policies/message_policy'),
  RecorderPolicy: () => import('#policies/recorder_policy'),
  SegmentPolicy: () => import('#policies/segment_policy'),
  BillingPolicy: () => import('#policies/billing_policy'),
}
