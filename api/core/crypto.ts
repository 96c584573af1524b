// Web Crypto, plus node:crypto's synchronous hash (Workers provide it under nodejs_compat).
import { createHash } from 'node:crypto'

const encoder = new TextEncoder()

export function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function fromBase64url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4)
  const binary = atob(b64)
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

/** 256 bits of randomness, URL-safe. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)))
}

/** Whether a value has randomToken's shape (base64url of 32 bytes): anything else is refused before any lookup. */
export function isRandomToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value)
}

export function newId(): string {
  return crypto.randomUUID()
}

/**
 * SHA-256, base64url. Synchronous: it runs on every SCIM request (the bearer token), and Web
 * Crypto's promise costs far more than the hash of a short string.
 */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url')
}

const hmacKeys = new Map<string, Promise<CryptoKey>>()

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ])
    hmacKeys.set(secret, key)
  }
  return key
}

export async function hmac(secret: string, message: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message))
  return base64url(new Uint8Array(signature))
}

/** Compares without leaking, through timing, how many leading characters matched. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
