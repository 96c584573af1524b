import { base64url, fromBase64url, timingSafeEqual } from './crypto.js'

/**
 * PBKDF2-SHA256 through Web Crypto: slow on purpose, and available on Workers, whose runtime caps
 * the iteration count at 100,000. The count is stored in the hash so it can be raised later.
 */
const ITERATIONS = 100_000

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  )
  return new Uint8Array(bits)
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const hash = await derive(password, salt, ITERATIONS)
  return `pbkdf2-sha256$${ITERATIONS}$${base64url(salt)}$${base64url(hash)}`
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  // With no stored hash we still spend the time, so a response time does not tell whether an email is known.
  const [scheme, iterations, salt, hash] = (stored ?? `pbkdf2-sha256$${ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA$x`).split('$')
  if (scheme !== 'pbkdf2-sha256' || !iterations || !salt || !hash) return false
  const derived = await derive(password, fromBase64url(salt), Number(iterations))
  return stored !== null && timingSafeEqual(base64url(derived), hash)
}

/**
 * The product's password rules, as data: the server tests them and the invite page ships the same
 * patterns to the browser to check them as the person types.
 */
export const passwordRules = [
  { id: 'length', label: 'At least 8 characters', pattern: '^[\\s\\S]{8,}$' },
  { id: 'lower', label: 'A lower-case letter', pattern: '\\p{Ll}' },
  { id: 'upper', label: 'An upper-case letter', pattern: '\\p{Lu}' },
  { id: 'digit', label: 'A digit', pattern: '\\p{Nd}' },
  { id: 'special', label: 'A special character', pattern: '[^\\p{L}\\p{Nd}\\s]' },
] as const

export function passwordProblems(password: string): string[] {
  return passwordRules.filter((rule) => !new RegExp(rule.pattern, 'u').test(password)).map((rule) => rule.label)
}

export const MAX_PASSWORD_LENGTH = 200

/** A new password and its confirmation, checked as the registration and reset forms show it: field → message. */
export function newPasswordProblems(password: string, confirmPassword: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {}
  const problems = passwordProblems(password)
  if (problems.length) fields.password = `The password needs: ${problems.join(', ').toLowerCase()}.`
  else if (password.length > MAX_PASSWORD_LENGTH) fields.password = `At most ${MAX_PASSWORD_LENGTH} characters.`
  if (confirmPassword !== password) fields.confirmPassword = 'The passwords do not match.'
  return fields
}
