import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type * as schema from '../../drizzle/schema.js'

export type Schema = typeof schema
export type Database = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Database | Tx

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export interface Config {
  /** Base of every link we send (invitation emails, invite pages). */
  appUrl: string
  /** Key for invitation-link HMACs. Without it a database dump cannot produce a working link. */
  appSecret: string
  productName: string
  mailFrom: string
  sessionTtlDays: number
  /** Where the registration form's "Terms of Use" points; without it the words are not a link. */
  termsUrl?: string
  /** Resend's webhook signing secret (whsec_...); without it /webhooks/resend answers 404. */
  resendWebhookSecret?: string
}

/** Who made a change, as the history shows it. */
export type Actor =
  | { type: 'administrator'; personId: string; label: string }
  | { type: 'invitee'; personId: string; label: string }
  | { type: 'api_token'; tokenId: string; label: string }
  | { type: 'system'; label: string }

/** What the domain core needs; every entry point (REST, SCIM, invite pages) builds one. */
export interface CoreDeps {
  db: Database
  clock: Clock
  config: Config
}
