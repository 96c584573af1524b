import { Resend } from 'resend'
import type { Mailer, OutgoingEmail } from './mailer.js'

export class EmailProviderError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message)
  }
}

/** Sends through Resend; `baseUrl` lets tests point the real SDK at a local fake server. */
export function resendMailer(options: { apiKey: string; baseUrl?: string }): Mailer {
  const client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined)
  return {
    name: 'resend',
    async send(email: OutgoingEmail) {
      const { data, error } = await client.emails.send(
        { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: `email/${email.id}` },
      )
      if (error || !data) {
        const status = (error as { statusCode?: number | null } | null)?.statusCode ?? 0
        throw new EmailProviderError(error?.message ?? 'The email provider returned no message id.', status === 429 || status >= 500 || status === 0)
      }
      return { providerId: data.id }
    },
  }
}
