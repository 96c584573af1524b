import { hmac, randomToken, sha256 } from '../crypto.js'
import type { Config } from '../types.js'

/** 7 days from the last send, to the millisecond. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

export function expiryFrom(sentAt: Date): Date {
  return new Date(sentAt.getTime() + INVITATION_TTL_MS)
}

/** The link token: 256 bits, derived from a stored random seed and the server's secret. */
export async function invitationToken(config: Config, seed: string): Promise<string> {
  return hmac(config.appSecret, `invitation:${seed}`)
}

export async function newInvitationSecret(config: Config) {
  const seed = randomToken()
  const token = await invitationToken(config, seed)
  return { seed, token, tokenHash: await sha256(token) }
}

export function tokenHash(token: string): string {
  return sha256(token)
}

export function invitationUrl(config: Config, token: string): string {
  return `${config.appUrl.replace(/\/+$/, '')}/invite/${token}`
}
