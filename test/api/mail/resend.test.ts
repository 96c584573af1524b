import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emails } from '../../../drizzle/schema.js'
import { dispatchQueuedEmails } from '../../../api/mail/dispatch.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { startFakeResend } from '../../support/fake-resend.js'
import { invite, newUser } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
let resend: Awaited<ReturnType<typeof startFakeResend>>

beforeAll(async () => {
  resend = await startFakeResend()
  t = await createTestApp({ resend: { apiKey: 're_test_key', baseUrl: resend.baseUrl } })
  admin = await t.asAdmin()
})
afterAll(async () => {
  await t.close()
  await resend.close()
})

const rowFor = async (to: string) => (await t.db.select().from(emails).where(eq(emails.to, to)))[0]

describe('sending through Resend', () => {
  it('sends the invitation, HTML and text, with an idempotency key, and records the provider id', async () => {
    const user = await invite(t, admin)
    await t.settle()
    const sent = resend.received.find((e) => e.body.to === user.email || (e.body.to as string[])?.[0] === user.email)!
    expect(sent.headers.authorization).toBe('Bearer re_test_key')
    expect(sent.body).toMatchObject({ from: 'Roster <no-reply@roster.test>', subject: 'Invitation to Roster' })
    expect(sent.body.html).toContain('http://roster.test/invite/')
    expect(sent.body.text).toContain('http://roster.test/invite/')
    const row = await rowFor(user.email)
    expect(sent.headers['idempotency-key']).toBe(`email/${row!.id}`)
    expect(row).toMatchObject({ status: 'sent', attempts: 1, providerId: expect.any(String) })
  })

  it('keeps an email queued through a provider outage and sends it once afterwards', async () => {
    resend.answerWith(() => ({ status: 500, body: { statusCode: 500, name: 'internal_server_error', message: 'down' } }))
    const user = await invite(t, admin)
    await t.settle()
    expect(await rowFor(user.email)).toMatchObject({ status: 'queued', attempts: 1, error: 'down' })
    resend.answerWith(() => undefined)
    t.clock.advance(60_000)
    await dispatchQueuedEmails(t.services)
    expect(await rowFor(user.email)).toMatchObject({ status: 'sent', attempts: 2, error: null })
    await dispatchQueuedEmails(t.services)
    expect(resend.received.filter((e) => e.body.to === user.email)).toHaveLength(1)
  })

  it('marks an email the provider refuses as failed, with the reason, and does not retry it', async () => {
    resend.answerWith(() => ({ status: 422, body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' } }))
    const user = await invite(t, admin)
    await t.settle()
    resend.answerWith(() => undefined)
    expect(await rowFor(user.email)).toMatchObject({ status: 'failed', error: 'Invalid `to` field.' })
  })

  it('writes no email when the change is refused (the outbox shares its transaction)', async () => {
    const [before] = await t.db.select({ n: count() }).from(emails)
    const user = newUser(t, { groupIds: [t.acme.groupId, crypto.randomUUID()] })
    expect((await admin.post(`/api/accounts/${t.acme.accountId}/users`, user)).status).toBe(400)
    const [after] = await t.db.select({ n: count() }).from(emails)
    expect(after!.n).toBe(before!.n)
  })

  it('has no development mailbox when a provider is configured', async () => {
    const response = await admin.get(`/api/accounts/${t.acme.accountId}/emails`)
    expect(response.status).toBe(404)
    expect(response.body.code).toBe('mailbox_disabled')
  })
})
