// A deployed Worker whose RESEND_API_KEY was forgotten: no email leaves, none is kept whole in the
// database (the development mailbox would keep the invitation links), and each waits, saying why.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emails, mailbox } from '../../../drizzle/schema.js'
import { dispatchQueuedEmails } from '../../../api/mail/dispatch.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { invite } from '../../support/fixtures.js'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ withoutResend: 'none' })
})
afterAll(() => t.close())

describe('no email provider configured', () => {
  it('keeps the invitation queued with the reason, and nothing in the mailbox', async () => {
    const admin = await t.asAdmin()
    const user = await invite(t, admin)
    await t.settle()
    const [row] = await t.db.select().from(emails).where(eq(emails.membershipId, user.id))
    expect(row).toMatchObject({ status: 'queued', attempts: 0, error: 'No email provider is configured: set the RESEND_API_KEY secret.' })
    expect(await t.db.select().from(mailbox)).toEqual([])
    const shown = await admin.get(`/api/accounts/${t.acme.accountId}/users/${user.id}`)
    expect(shown.body.invitationEmail).toMatchObject({ status: 'queued', error: expect.stringContaining('RESEND_API_KEY') })

    // A day of the Cron Trigger's sweeps spends none of its attempts: it still waits for the key.
    for (let hour = 0; hour < 24; hour++) {
      t.clock.advance(60 * 60 * 1000)
      await dispatchQueuedEmails(t.services)
    }
    const [later] = await t.db.select().from(emails).where(eq(emails.membershipId, user.id))
    expect(later).toMatchObject({ status: 'queued', attempts: 0 })
  })
})
