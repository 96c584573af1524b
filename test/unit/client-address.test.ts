import { describe, expect, it } from 'vitest'
import { addedByProxy, clientKey } from '../../api/core/client-address.js'

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

describe('the address a limit counts', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['0:0:0:0:0:ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['64:ff9b::203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002::9', '2001:db8:1:2::/64'],
    ['[2001:db8::1]', '2001:db8:0:0::/64'],
    ['[2001:db8::1]:443', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::', '0:0:0:0::/64'],
    ['1::', '1:0:0:0::/64'],
    ['zzzz::', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['1::2::3', null],
    ['256.1.1.1', null],
    ['unknown', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (address, key) => {
    expect(clientKey(address)).toBe(key)
  })
})
