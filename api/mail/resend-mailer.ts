import { Resend } from 'resend'
import type { Mailer, OutgoingEmail } from './mailer.js'

export class EmailProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The provider's Retry-After, in milliseconds, when it sent one. */
    readonly retryAfterMs?: number,
    /** No answer came (a timeout, a dropped connection): the provider may have sent it all the same. */
    readonly outcomeUnknown = false,
  ) {
    super(message)
  }
}

function retryAfterMs(headers: Record<string, string> | null | undefined): number | undefined {
  const value = headers?.['retry-after']
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

/**
 * Sends through Resend with the outbox id as idempotency key, so a retry after a crash or a
 * timeout never makes a second message. `baseUrl` lets tests point the real SDK at a local fake.
 */
/** How long one send may take before it counts as a (retryable) failure. */
export const SEND_TIMEOUT_MS = 15_000

export function resendMailer(options: { apiKey: string; baseUrl?: string; timeoutMs?: number }): Mailer {
  const client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined)
  return {
    name: 'resend',
    async send(email: OutgoingEmail) {
      const { data, error, headers } = await client.emails.send(
        { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: `email/${email.id}`, signal: AbortSignal.timeout(options.timeoutMs ?? SEND_TIMEOUT_MS) } as never,
      )
      if (error || !data) {
        const status = (error as { statusCode?: number | null } | null)?.statusCode ?? 0
        // No status: the request timed out or never reached Resend. A 409 for the same idempotency
        // key still in flight (a timed-out first try): that try may yet send it, and a retry then
        // gets its answer.
        const inFlight = (error as { name?: string } | null)?.name === 'concurrent_idempotent_requests'
        const retryable = status === 0 || status === 429 || status >= 500 || inFlight
        throw new EmailProviderError(error?.message ?? 'The email provider returned no message id.', retryable, retryAfterMs(headers), status === 0)
      }
      return { providerId: data.id }
    },
  }
}
