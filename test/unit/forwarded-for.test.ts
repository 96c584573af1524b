import { describe, expect, it } from 'vitest'
import { addedByProxy } from '../../api/middleware/forwarded-for.js'

describe('the address a reverse proxy added to X-Forwarded-For', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['1.1.1.1, 203.0.113.7', '203.0.113.7'],
    ['spoofed, also-spoofed ,  2001:db8::1 ', '2001:db8::1'],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, address) => {
    expect(addedByProxy(header)).toBe(address)
  })
})
