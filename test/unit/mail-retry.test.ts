import { describe, expect, it } from 'vitest'
import { MAX_ATTEMPTS, retryDelayMs } from '../../api/mail/dispatch'

// What the README promises of a provider outage: ten tries over one to two hours.
const totalMinutes = (random: () => number) => {
  let ms = 0
  for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) ms += retryDelayMs(attempts, undefined, random)
  return ms / 60_000
}

describe('the outbox retry schedule', () => {
  it('spreads ten tries over one to two hours, whatever the jitter', () => {
    expect(MAX_ATTEMPTS).toBe(10)
    expect(totalMinutes(() => 0)).toBeCloseTo(60.75)
    expect(totalMinutes(() => 1)).toBeCloseTo(121.5)
  })

  it('waits at least what the provider asks in Retry-After', () => {
    expect(retryDelayMs(1, 90_000, () => 0)).toBe(90_000)
    expect(retryDelayMs(8, 1_000, () => 1)).toBe(30 * 60_000)
  })
})
