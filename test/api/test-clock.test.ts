import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.js'
import { systemClock } from '../../api/core/types.js'
import { shiftableClock } from '../../api/test-clock.js'
import { createTestApp, type TestApp } from '../support/app.js'
import { httpClient } from '../support/http.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('the test-only clock', () => {
  it('is absent unless the app is built with it', async () => {
    expect((await t.http.send('POST', '/api/test/clock', { json: { advanceMs: 1000 } })).status).toBe(404)
  })

  it('moves the server clock forward when present, and validates the step', async () => {
    const clock = shiftableClock(systemClock)
    const http = httpClient(createApp({ services: { ...t.services, clock }, testClock: clock }))
    const moved = await http.send('POST', '/api/test/clock', { json: { advanceMs: 8 * 24 * 3600 * 1000 } })
    expect(moved.status).toBe(200)
    expect(moved.body.offsetMs).toBe(8 * 24 * 3600 * 1000)
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(8 * 24 * 3600 * 1000 - 5000)
    expect((await http.send('POST', '/api/test/clock', { json: { advanceMs: -5 } })).status).toBe(400)
  })
})
