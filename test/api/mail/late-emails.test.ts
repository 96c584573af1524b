// Emails that leave the outbox late (a provider outage, a retry's backoff, no provider configured
// yet) must still be true when they arrive: no withdrawal of an invitation nobody received, no
// withdrawal arriving after a new invitation, no invitation whose link has already expired.
import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { emails, mailbox } from '../../../drizzle/schema.js'
import { dispatchQueuedEmails } from '../../../api/mail/dispatch.js'
import { mailboxMailer } from '../../../api/mail/mailbox-mailer.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { invite } from '../../support/fixtures.js'
import { serverError, startFakeResend } from '../../support/fake-resend.js'
import type { Session } from '../../support/http.js'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

describe('with Resend, after an outage', () => {
  let t: TestApp
  let admin: Session
  let resend: Awaited<ReturnType<typeof startFakeResend>>
  beforeAll(async () => {
    resend = await startFakeResend()
    t = await createTestApp({ resend: { apiKey: 're_test', baseUrl: resend.baseUrl, timeoutMs: 300 } })
    admin = await t.asAdmin()
  })
  afterEach(() => resend.answerWith(() => undefined))
  afterAll(async () => {
    await t?.close()
    await resend?.close()
  })

  const rowsFor = (id: string) => t.db.select().from(emails).where(eq(emails.membershipId, id)).orderBy(emails.createdAt)
  const subjectsTo = (address: string) =>
    resend.received.filter((e) => e.body.to === address || (e.body.to as string[])[0] === address).map((e) => e.body.subject as string)

  it('tells no one of a withdrawal when their invitation email never went out', async () => {
    resend.answerWith(() => serverError)
    const user = await invite(t, admin)
    await t.settle()
    expect((await rowsFor(user.id))[0]).toMatchObject({ status: 'queued', attempts: 1 })
    resend.answerWith(() => undefined)
    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).status).toBe(200)
    await t.settle()
    t.clock.advance(60 * MINUTE)
    await dispatchQueuedEmails(t.services)
    expect(subjectsTo(user.email)).toEqual([])
    const rows = new Map((await rowsFor(user.id)).map((row) => [row.kind, row]))
    expect(rows.get('invitation')).toMatchObject({ status: 'failed', error: 'The invitation ended before the email was sent.' })
    expect(rows.get('removed')).toMatchObject({ status: 'failed', error: 'No invitation email reached them: there is nothing to withdraw.' })
  })

  it('tells a person whose invitation email went out though Resend answered too late that it was withdrawn', async () => {
    resend.answerWith(() => ({ delayMs: 600 })) // sent, but answered after the 300 ms timeout: no id recorded
    const user = await invite(t, admin)
    await t.settle()
    await new Promise((resolve) => setTimeout(resolve, 800))
    resend.answerWith(() => undefined)
    expect(subjectsTo(user.email)).toHaveLength(1)
    expect((await rowsFor(user.id))[0]).toMatchObject({ status: 'queued', providerId: null, outcomeUnknown: true })
    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).status).toBe(200)
    await t.settle()
    for (let i = 0; i < 3; i++) {
      t.clock.advance(60 * MINUTE)
      await dispatchQueuedEmails(t.services)
    }
    expect(subjectsTo(user.email)).toEqual([expect.stringMatching(/^Invitation to/), expect.stringMatching(/withdrawn/)])
  })

  it('drops a withdrawal that would arrive after a new invitation to the same address', async () => {
    const user = await invite(t, admin)
    await t.settle()
    expect(subjectsTo(user.email)).toHaveLength(1)
    let failOnce = true
    resend.answerWith((e) => (failOnce && /withdrawn/.test(e.body.subject as string) ? ((failOnce = false), serverError) : undefined))
    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).status).toBe(200)
    await t.settle()
    const again = await admin.post(`/api/accounts/${t.acme.accountId}/users`, { firstName: 'Grace', lastName: 'Again', email: user.email.toUpperCase(), groupIds: [t.acme.groupId] })
    expect(again.status).toBe(201)
    await t.settle()
    t.clock.advance(10 * MINUTE)
    await dispatchQueuedEmails(t.services)
    const subjects = subjectsTo(user.email)
    expect(subjects).toHaveLength(2)
    expect(subjects.every((subject) => subject.startsWith('Invitation to'))).toBe(true)
    const removal = (await rowsFor(user.id)).find((row) => row.kind === 'removed')
    expect(removal).toMatchObject({ kind: 'removed', status: 'failed', error: 'The address was invited to the account again before this email could be sent.' })
  })

  it('still tells a person whose invitation email went out that it was withdrawn', async () => {
    const user = await invite(t, admin)
    await t.settle()
    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).status).toBe(200)
    await t.settle()
    expect(subjectsTo(user.email)).toEqual([expect.stringMatching(/^Invitation to/), expect.stringMatching(/withdrawn/)])
  })
})

describe('no email provider for days, then one is set', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ withoutResend: 'none' })
  })
  afterAll(() => t?.close())

  async function sendWithAProvider() {
    // The same database, now with a working provider (the development mailbox stands in for it).
    await dispatchQueuedEmails({ ...t.services, mailer: mailboxMailer({ db: t.db, clock: t.clock, log: t.services.log }) })
  }

  it('sends no invitation whose link has expired, and says the days that are left in one that has not', async () => {
    const admin = await t.asAdmin()
    const expired = await invite(t, admin)
    t.clock.advance(3 * DAY)
    const fresh = await invite(t, admin)
    await t.settle()
    t.clock.advance(5 * DAY)
    await sendWithAProvider()

    expect(await t.db.select().from(mailbox).where(eq(mailbox.to, expired.email))).toEqual([])
    const [dead] = await t.db.select().from(emails).where(eq(emails.membershipId, expired.id))
    expect(dead).toMatchObject({ status: 'failed', error: 'The invitation expired before its email could be sent: send a new invitation.' })

    const [copy] = await t.db.select().from(mailbox).where(eq(mailbox.to, fresh.email))
    expect(copy!.text).toContain('will expire after 2 days')
    const link = copy!.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)![0]
    expect((await t.http.send('GET', new URL(link).pathname)).status).toBe(200)
  })
})
