/** A rendered message, ready for a provider. `id` is the outbox row: the provider's idempotency key. */
export interface OutgoingEmail {
  id: string
  /** Null for a person's own email (a password reset), which belongs to no account. */
  accountId: string | null
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

/**
 * No provider is configured (a deployed Worker without RESEND_API_KEY). The email waits, without
 * spending its attempts: once the key is set, it goes out.
 */
export class EmailNotConfiguredError extends Error {
  /** How long the email waits before the next look. */
  static readonly waitMs = 5 * 60 * 1000
}
