// A reset email goes straight to the provider (no outbox keeps its link): a passing failure of the
// provider is tried again within seconds, under one idempotency key; a refusal is not.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.js'
import { serverError, startFakeResend } from '../../support/fake-resend.js'

let t: TestApp
let resend: Awaited<ReturnType<typeof startFakeResend>>

beforeAll(async () => {
  resend = await startFakeResend()
  t = await createTestApp({ resend: { apiKey: 're_test_key', baseUrl: resend.baseUrl } })
})
afterAll(async () => {
  await t.close()
  await resend.close()
})
beforeEach(() => {
  resend.requests.length = 0
  resend.received.length = 0
  t.clock.advance(2 * 60 * 60 * 1000) // a fresh hour: three links an hour per person
})

async function askForLink(email: string) {
  const page = await t.http.send('GET', '/password/forgot')
  const csrf = page.text.match(/name="csrf" value="([^"]+)"/)?.[1] ?? ''
  const body = new URLSearchParams({ csrf, email }).toString()
  const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? ''
  const sent = await t.http.send('POST', '/password/forgot', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, cookie })
  expect([sent.status, sent.headers.get('location')]).toEqual([303, `/password/forgot/sent?${new URLSearchParams({ email })}`])
  await t.settle()
}

const resetRequests = () => resend.requests.filter((request) => request.body.subject?.startsWith('Reset your'))

describe('sending a reset link', () => {
  it('tries again after a provider outage of a moment, and the person gets one email', async () => {
    let failures = 1
    resend.answerWith(() => (failures-- > 0 ? serverError : undefined))
    await askForLink('admin@acme.test')
    const tries = resetRequests()
    expect(tries).toHaveLength(2)
    expect(tries[1]!.headers['idempotency-key']).toBe(tries[0]!.headers['idempotency-key'])
    expect(resend.received.filter((email) => email.body.subject.startsWith('Reset your'))).toHaveLength(1)
  })

  it('gives up after three tries of a provider that stays down', async () => {
    resend.answerWith(() => serverError)
    await askForLink('admin@acme.test')
    expect(resetRequests()).toHaveLength(3)
    expect(resend.received).toHaveLength(0)
  }, 20_000)

  it('does not try again when the provider asks to wait longer than the request may', async () => {
    resend.answerWith(() => ({ status: 429, headers: { 'retry-after': '60' }, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' } }))
    await askForLink('admin@acme.test')
    expect(resetRequests()).toHaveLength(1)
  })

  it('does not try again what the provider refused', async () => {
    resend.answerWith(() => ({ status: 422, body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' } }))
    await askForLink('admin@acme.test')
    expect(resetRequests()).toHaveLength(1)
  })
})
