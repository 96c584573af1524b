import { mailbox } from '../../drizzle/schema.js'
import { newId } from '../core/crypto.js'
import type { Clock, Database } from '../core/types.js'
import type { Logger } from '../services.js'
import type { Mailer, OutgoingEmail } from './mailer.js'

/**
 * The development mailbox, used when no email provider is configured: keeps each message in the
 * database for the Emails page and prints invitation links to the console.
 */
export function mailboxMailer(options: { db: Database; clock: Clock; log: Logger }): Mailer {
  return {
    name: 'mailbox',
    async send(email: OutgoingEmail) {
      const id = newId()
      await options.db
        .insert(mailbox)
        .values({
          id,
          emailId: email.id,
          accountId: email.accountId,
          to: email.to,
          from: email.from,
          subject: email.subject,
          html: email.html,
          text: email.text,
          createdAt: options.clock.now(),
        })
        .onConflictDoNothing({ target: mailbox.emailId })
      options.log.info(`[mailbox] "${email.subject}" to ${email.to}${email.link ? `: ${email.link}` : ''}`)
      return { providerId: `mailbox/${id}` }
    },
  }
}
