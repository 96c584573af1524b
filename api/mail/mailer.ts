/** A rendered message, ready for a provider. `id` is the outbox row: the provider's idempotency key. */
export interface OutgoingEmail {
  id: string
  accountId: string
  to: string
  from: string
  subject: string
  html: string
  text: string
  /** The invitation link, for the development mailbox's console line. */
  link?: string
}

export interface Mailer {
  readonly name: 'resend' | 'mailbox'
  send(email: OutgoingEmail): Promise<{ providerId: string }>
}
