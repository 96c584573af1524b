import { describe, expect, it } from 'vitest'
import { base64url, sha256 } from '../../api/core/crypto.js'

describe('sha256', () => {
  it('is SHA-256 in unpadded base64url, the form every stored hash has', async () => {
    expect(sha256('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0')
    const token = 'roster_scim_' + 'x'.repeat(43)
    const webCrypto = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)))
    expect(sha256(token)).toBe(base64url(webCrypto))
  })
})
