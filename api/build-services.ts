import type { Clock, Config, Database } from './core/types.js'
import { mailboxMailer } from './mail/mailbox-mailer.js'
import { resendMailer } from './mail/resend-mailer.js'
import { EmailNotConfiguredError, type Mailer } from './mail/mailer.js'
import { provisioningLogWriter } from './scim/provisioning-log-writer.js'
import type { Logger, Services } from './services.js'

/**
 * Resend when a key is configured; otherwise the development mailbox, unless the entry point says
 * there must be none (a deployed Worker): then emails wait in the outbox, each saying why.
 */
export function buildServices(options: {
  db: Database
  clock: Clock
  config: Config
  log: Logger
  afterResponse: Services['afterResponse']
  resend?: { apiKey?: string; baseUrl?: string; timeoutMs?: number }
  /** Without a Resend key: keep emails in the development mailbox (the default), or send none. */
  withoutResend?: 'mailbox' | 'none'
  connections?: Services['connections']
}): Services {
  const { db, clock, config, log, afterResponse } = options
  const mailer = options.resend?.apiKey
    ? resendMailer({ apiKey: options.resend.apiKey, baseUrl: options.resend.baseUrl, timeoutMs: options.resend.timeoutMs })
    : options.withoutResend === 'none'
      ? unconfiguredMailer
      : mailboxMailer({ db, clock, log })
  return { db, clock, config, log, mailer, afterResponse, provisioningLog: provisioningLogWriter({ db, log }), connections: options.connections ?? 'pooled' }
}

// The development mailbox keeps every email whole, invitation links included: a deployment that
// forgot its key must not fill the database with working links. What waits goes out once the key
// is set (mail/dispatch.ts spends no attempt on it).
const unconfiguredMailer: Mailer = {
  name: 'resend',
  async send() {
    throw new EmailNotConfiguredError('No email provider is configured: set the RESEND_API_KEY secret.')
  },
}
