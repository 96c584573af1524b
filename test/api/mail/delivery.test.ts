import { eq, inArray } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { emails } from '../../../drizzle/schema.js'
import { dispatchQueuedEmails } from '../../../api/mail/dispatch.js'
import { resendMailer } from '../../../api/mail/resend-mailer.js'
import { signSvix } from '../../../api/webhooks/svix.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { invite } from '../../support/fixtures.js'
import { serverError, startFakeResend } from '../../support/fake-resend.js'
import type { Session } from '../../support/http.js'

const WEBHOOK_SECRET = `whsec_${Buffer.from('a-webhook-secret-of-32-bytes-ok!').toString('base64')}`
let t: TestApp
let admin: Session
let resend: Awaited<ReturnType<typeof startFakeResend>>

beforeAll(async () => {
  resend = await startFakeResend()
  t = await createTestApp({ resend: { apiKey: 're_test', baseUrl: resend.baseUrl, timeoutMs: 300 }, config: { resendWebhookSecret: WEBHOOK_SECRET } })
  admin = await t.asAdmin()
})
afterEach(() => resend.answerWith(() => undefined))
afterAll(async () => {
  await t.close()
  await resend.close()
})

const MINUTE = 60_000
const rowsFor = (ids: string[]) => t.db.select().from(emails).where(inArray(emails.membershipId, ids))
const sentTo = (address: string) => resend.received.filter((e) => e.body.to === address || (e.body.to as string[])[0] === address)

describe('an outage of the email provider', () => {
  it('delivers every queued email exactly once after 30 minutes down', async () => {
    resend.answerWith(() => serverError)
    const users = [await invite(t, admin), await invite(t, admin), await invite(t, admin)]
    await t.settle()
    for (let minute = 0; minute < 30; minute++) {
      t.clock.advance(MINUTE)
      await dispatchQueuedEmails(t.services)
    }
    expect((await rowsFor(users.map((u) => u.id))).every((r) => r.status === 'queued')).toBe(true)
    resend.answerWith(() => undefined)
    for (let minute = 0; minute < 60; minute++) {
      t.clock.advance(MINUTE)
      await dispatchQueuedEmails(t.services)
    }
    const rows = await rowsFor(users.map((u) => u.id))
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent'])
    for (const user of users) expect(sentTo(user.email)).toHaveLength(1)
  })

  it('waits as long as Retry-After says on a 429', async () => {
    resend.answerWith(() => ({ status: 429, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'slow down' }, headers: { 'retry-after': '600' } }))
    const user = await invite(t, admin)
    await t.settle()
    const [row] = await rowsFor([user.id])
    expect(row!.lockedUntil!.getTime() - t.clock.now().getTime()).toBeGreaterThanOrEqual(600_000)
    resend.answerWith(() => undefined)
    t.clock.advance(5 * MINUTE)
    await dispatchQueuedEmails(t.services)
    expect(sentTo(user.email)).toHaveLength(0)
    t.clock.advance(6 * MINUTE)
    await dispatchQueuedEmails(t.services)
    expect(sentTo(user.email)).toHaveLength(1)
  })

  it('treats a provider that hangs as a timeout, and retries', async () => {
    resend.answerWith(() => ({ hang: true }))
    const user = await invite(t, admin)
    await t.settle()
    expect((await rowsFor([user.id]))[0]).toMatchObject({ status: 'queued', attempts: 1 })
    resend.answerWith(() => undefined)
    t.clock.advance(10 * MINUTE)
    await dispatchQueuedEmails(t.services)
    expect((await rowsFor([user.id]))[0]!.status).toBe('sent')
    expect(sentTo(user.email)).toHaveLength(1)
  })
})

describe('no email twice', () => {
  it('a crash between the send and the status update does not duplicate (idempotency key)', async () => {
    const real = resendMailer({ apiKey: 're_test', baseUrl: resend.baseUrl })
    let crashes = 1
    const crashing = { ...t.services, mailer: { name: 'resend' as const, async send(e: Parameters<typeof real.send>[0]) {
      const result = await real.send(e)
      if (crashes-- > 0) throw new Error('process died before writing the status')
      return result
    } } }
    resend.answerWith(() => ({ delayMs: 0 }))
    const user = await invite(t, admin)
    await t.settle() // the app's own dispatcher also runs; wait for it, then count
    const before = sentTo(user.email).length
    expect(before).toBe(1)
    await t.db.update(emails).set({ status: 'queued', lockedUntil: null }).where(eq(emails.membershipId, user.id))
    await dispatchQueuedEmails(crashing)
    t.clock.advance(10 * MINUTE)
    await dispatchQueuedEmails(crashing)
    expect(sentTo(user.email)).toHaveLength(1)
    const [row] = await rowsFor([user.id])
    expect(row).toMatchObject({ status: 'sent' })
    expect(resend.requests.filter((r) => r.body.to === user.email).length).toBeGreaterThanOrEqual(3)
  })

  it('two dispatchers at once send each email once', async () => {
    resend.answerWith(() => serverError)
    const users = await Promise.all(Array.from({ length: 6 }, () => invite(t, admin)))
    await t.settle()
    resend.answerWith(() => ({ delayMs: 20 }))
    t.clock.advance(60 * MINUTE)
    const before = resend.requests.length
    await Promise.all([dispatchQueuedEmails(t.services), dispatchQueuedEmails(t.services)])
    const keys = resend.requests.slice(before).map((r) => r.headers['idempotency-key'])
    expect(keys).toHaveLength(6)
    expect(new Set(keys).size).toBe(6)
    for (const user of users) expect(sentTo(user.email)).toHaveLength(1)
  })

  it("retries when Resend says the same email's first try is still in flight (409), rather than give up", async () => {
    resend.answerWith(() => ({ status: 409, body: { statusCode: 409, name: 'concurrent_idempotent_requests', message: 'Same idempotency key used while original request is still in progress.' } }))
    const user = await invite(t, admin)
    await t.settle()
    expect((await rowsFor([user.id]))[0]).toMatchObject({ status: 'queued', attempts: 1 })
    resend.answerWith(() => undefined)
    t.clock.advance(60 * MINUTE)
    await dispatchQueuedEmails(t.services)
    expect((await rowsFor([user.id]))[0]).toMatchObject({ status: 'sent' })
  })

  it('gives up after a bounded number of tries, with the reason', async () => {
    resend.answerWith(() => serverError)
    const user = await invite(t, admin)
    await t.settle()
    for (let i = 0; i < 14; i++) {
      t.clock.advance(60 * MINUTE)
      await dispatchQueuedEmails(t.services)
    }
    expect((await rowsFor([user.id]))[0]).toMatchObject({ status: 'failed', attempts: 10, error: 'down' })
    const record = await admin.get(`/api/accounts/${t.acme.accountId}/users/${user.id}`)
    expect(record.body.invitationEmail).toMatchObject({ status: 'failed', error: 'down' })
  })
})

describe('delivery status from Resend webhooks', () => {
  async function webhook(body: unknown, options: { secret?: string; timestamp?: number; id?: string } = {}) {
    const text = JSON.stringify(body)
    const id = options.id ?? `msg_${crypto.randomUUID()}`
    const timestamp = options.timestamp ?? Math.floor(t.clock.now().getTime() / 1000)
    return t.http.send('POST', '/webhooks/resend', {
      body: text,
      headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(timestamp), 'svix-signature': await signSvix(options.secret ?? WEBHOOK_SECRET, id, timestamp, text) },
    })
  }

  it('records delivered, then a bounce, and the administrator sees it next to the user', async () => {
    const user = await invite(t, admin)
    await t.settle()
    const [row] = await rowsFor([user.id])
    expect((await webhook({ type: 'email.delivered', created_at: t.clock.now().toISOString(), data: { email_id: row!.providerId } })).status).toBe(200)
    expect((await admin.get(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).body.invitationEmail.status).toBe('delivered')
    await webhook({ type: 'email.bounced', data: { email_id: row!.providerId, bounce: { message: 'Mailbox does not exist' } } })
    // A late "delivered" does not undo the bounce.
    await webhook({ type: 'email.delivered', data: { email_id: row!.providerId } })
    const record = await admin.get(`/api/accounts/${t.acme.accountId}/users/${user.id}`)
    expect(record.body.invitationEmail).toMatchObject({ status: 'bounced', error: 'Mailbox does not exist' })
  })

  it('shows an email Resend suppressed or could not send as not delivered, with why', async () => {
    const cases = [
      { type: 'email.suppressed', data: { suppressed: { message: 'on the suppression list', type: 'OnAccountSuppressionList' } }, status: 'bounced', error: /suppression list.*\(on the suppression list\)/ },
      { type: 'email.failed', data: { failed: { reason: 'reached_daily_quota' } }, status: 'failed', error: /could not send it: reached_daily_quota/ },
    ]
    for (const { type, data, status, error } of cases) {
      const user = await invite(t, admin)
      await t.settle()
      const [row] = await rowsFor([user.id])
      expect((await webhook({ type, created_at: t.clock.now().toISOString(), data: { email_id: row!.providerId, ...data } })).status).toBe(200)
      const record = await admin.get(`/api/accounts/${t.acme.accountId}/users/${user.id}`)
      expect(record.body.invitationEmail.status, type).toBe(status)
      expect(record.body.invitationEmail.error, type).toMatch(error)
    }
  })

  it('acknowledges events of other kinds (domains, contacts) without asking for them again', async () => {
    const other = await webhook({ type: 'domain.updated', created_at: t.clock.now().toISOString(), data: { id: 'd_1', name: 'roster.example.com', status: 'verified' } })
    expect(other.status).toBe(200)
    expect(other.body).toEqual({ ignored: 'domain.updated' })
    const missing = await webhook({ type: 'email.bounced', data: {} })
    expect([missing.status, missing.body.message]).toEqual([400, 'The email.bounced event is not as Resend sends it: data.email_id is missing or not valid.'])
    const badTime = await webhook({ type: 'email.bounced', created_at: {}, data: { email_id: 'x' } })
    expect(badTime.body.message).toBe('The email.bounced event is not as Resend sends it: created_at is missing or not valid.')
  })

  it('refuses unsigned, wrongly signed and stale webhooks, and changes nothing', async () => {
    const user = await invite(t, admin)
    await t.settle()
    const [row] = await rowsFor([user.id])
    const event = { type: 'email.bounced', data: { email_id: row!.providerId } }
    const unsigned = await t.http.send('POST', '/webhooks/resend', { json: event })
    const wrong = await webhook(event, { secret: `whsec_${Buffer.from('another-secret-entirely-32-bytes').toString('base64')}` })
    const stale = await webhook(event, { timestamp: Math.floor(t.clock.now().getTime() / 1000) - 600 })
    for (const response of [unsigned, wrong, stale]) expect(response.status).toBe(401)
    expect((await rowsFor([user.id]))[0]!.status).toBe('sent')
  })
})
