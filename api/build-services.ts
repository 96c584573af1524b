import type { Clock, Config, Database } from './core/types.js'
import { mailboxMailer } from './mail/mailbox-mailer.js'
import { resendMailer } from './mail/resend-mailer.js'
import { provisioningLogWriter } from './scim/provisioning-log-writer.js'
import type { Logger, Services } from './services.js'

/** Resend when a key is configured, otherwise the development mailbox. */
export function buildServices(options: {
  db: Database
  clock: Clock
  config: Config
  log: Logger
  afterResponse: Services['afterResponse']
  resend?: { apiKey?: string; baseUrl?: string; timeoutMs?: number }
}): Services {
  const { db, clock, config, log, afterResponse } = options
  const mailer = options.resend?.apiKey
    ? resendMailer({ apiKey: options.resend.apiKey, baseUrl: options.resend.baseUrl, timeoutMs: options.resend.timeoutMs })
    : mailboxMailer({ db, clock, log })
  return { db, clock, config, log, mailer, afterResponse, provisioningLog: provisioningLogWriter({ db, log }) }
}
