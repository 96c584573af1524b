import type { Clock } from '../../api/core/types.js'

/** A clock the test steps by hand, e.g. past the 7 days of an invitation. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-03-02T09:00:00.000Z')) {}
  now() {
    return new Date(this.current)
  }
  set(date: Date) {
    this.current = new Date(date)
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms)
  }
}

export const SECOND = 1000
export const DAY = 24 * 60 * 60 * SECOND
