// The dispatcher claims a batch of rows under one 60 s lease, then sends them one after another
// (each send may take up to 15 s). A row whose lease ran out while earlier rows were being sent is
// claimed and sent by the next dispatcher; the first one must then leave it alone: neither send it
// again nor write 'sent' over a bounce reported meanwhile.
import { inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emails } from '../../../drizzle/schema.js'
import { recordDeliveryStatus } from '../../../api/core/email-status.js'
import { dispatchQueuedEmails } from '../../../api/mail/dispatch.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { invite } from '../../support/fixtures.js'
import { serverError, startFakeResend } from '../../support/fake-resend.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
let resend: Awaited<ReturnType<typeof startFakeResend>>
beforeAll(async () => {
  resend = await startFakeResend()
  t = await createTestApp({ resend: { apiKey: 're_test', baseUrl: resend.baseUrl, timeoutMs: 5000 } })
  admin = await t.asAdmin()
})
afterAll(async () => {
  await t.close()
  await resend.close()
})

const to = (e: { body: { to: string | string[] } }) => (Array.isArray(e.body.to) ? e.body.to[0] : e.body.to)

describe('the outbox lease', () => {
  it('leaves a row another dispatcher took over while this one was busy: sent once, and its bounce stays', async () => {
    resend.answerWith(() => serverError)
    const users = [await invite(t, admin), await invite(t, admin)]
    await t.settle() // both failed once, queued with a backoff
    t.clock.advance(60 * 60_000)
    resend.answerWith(() => ({ delayMs: 1500 }))

    // Dispatcher 1 claims both and is busy with the first one (a slow provider) ...
    const before = resend.requests.length
    const first = dispatchQueuedEmails(t.services)
    while (resend.requests.length === before) await new Promise((r) => setTimeout(r, 10))
    const busyWith = to(resend.requests[before]!)
    const later = users.find((u) => u.email !== busyWith)!
    // ... long enough for the lease (60 s) to pass: the timer's dispatcher takes both rows.
    t.clock.advance(61_000)
    resend.answerWith(() => undefined)
    await dispatchQueuedEmails(t.services)
    const [row] = await t.db.select().from(emails).where(inArray(emails.membershipId, [later.id]))
    expect(row!.status).toBe('sent')
    // The provider reports the bounce of the second one.
    expect(await recordDeliveryStatus(t.db, { providerId: row!.providerId!, status: 'bounced', at: t.clock.now(), reason: 'No such mailbox' })).toBe(true)
    await first
    const [after] = await t.db.select().from(emails).where(inArray(emails.membershipId, [later.id]))
    expect(after!.status).toBe('bounced')
    expect(resend.requests.slice(before).filter((request) => to(request) === later.email)).toHaveLength(1)
  })
})
