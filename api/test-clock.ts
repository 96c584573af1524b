import { Hono } from 'hono'
import { z } from 'zod'
import type { Clock } from './core/types.js'
import type { AppEnv } from './services.js'
import { validate } from './validate.js'

/** A clock that end-to-end tests can move forward, e.g. past the 7 days of an invitation. */
export function shiftableClock(base: Clock) {
  let offsetMs = 0
  return {
    now: () => new Date(base.now().getTime() + offsetMs),
    advance(ms: number) {
      offsetMs += ms
    },
    get offsetMs() {
      return offsetMs
    },
  }
}

export type ShiftableClock = ReturnType<typeof shiftableClock>

/** Mounted only when ROSTER_TEST_CLOCK is on, which the Node entry refuses in production. */
export function testClockRoutes(clock: ShiftableClock) {
  return new Hono<AppEnv>()
    .get('/', (c) => c.json({ now: clock.now(), offsetMs: clock.offsetMs }))
    .post('/', validate('json', z.object({ advanceMs: z.number().int().min(0).max(365 * 24 * 3600 * 1000) })), (c) => {
      clock.advance(c.req.valid('json').advanceMs)
      return c.json({ now: clock.now(), offsetMs: clock.offsetMs })
    })
}
