import { fromBase64url } from '../core/crypto.js'

const TOLERANCE_SECONDS = 5 * 60

function base64ToBytes(text: string): Uint8Array {
  return fromBase64url(text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

/**
 * Verifies a Svix-signed webhook (what Resend sends): HMAC-SHA256 of "id.timestamp.body" with the
 * endpoint's `whsec_` secret, and a timestamp within five minutes, so a replayed request is refused.
 */
export async function verifySvixSignature(
  secret: string,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: string,
  now: Date,
): Promise<boolean> {
  const { id, timestamp, signature } = headers
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false
  const key = await crypto.subtle.importKey('raw', base64ToBytes(secret.replace(/^whsec_/, '')) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const expected = bytesToBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`))))
  return signature.split(' ').some((part) => {
    const [version, value] = part.split(',')
    return version === 'v1' && value !== undefined && value.length === expected.length && timingSafe(value, expected)
  })
}

function timingSafe(a: string, b: string): boolean {
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/** Signs like Svix does; for tests and for local tools that replay events. */
export async function signSvix(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', base64ToBytes(secret.replace(/^whsec_/, '')) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`))
  return `v1,${bytesToBase64(new Uint8Array(signature))}`
}
