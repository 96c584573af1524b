import type { CoreDeps } from './core/types.js'
import type { Mailer } from './mail/mailer.js'
import type { ProvisioningLogWriter } from './scim/provisioning-log-writer.js'

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void
  error(message: string, data?: Record<string, unknown>): void
}

export const consoleLogger: Logger = {
  info: (message, data) => console.log(message, data ?? ''),
  error: (message, data) => console.error(message, data ?? ''),
}

/** Everything a request handler may use, reached through `c.get('services')`. */
export interface Services extends CoreDeps {
  mailer: Mailer
  log: Logger
  /** Sends queued emails after the response (in-process on Node, `waitUntil` on Workers). */
  afterResponse(work: () => Promise<unknown>): void
  /** Where SCIM requests are recorded (batched: one insert for the requests that end together). */
  provisioningLog: ProvisioningLogWriter
  /**
   * `per-request` (Workers: a client per request, through Hyperdrive): prepared statements die with
   * the connection, and Hyperdrive wants every statement prepared. `pooled` (Node): they live on.
   */
  connections?: 'pooled' | 'per-request'
}

export interface SessionPerson {
  id: string
  email: string
  firstName: string
  lastName: string
}

export type AppEnv = {
  Variables: {
    services: Services
    requestId: string
    person: SessionPerson
    sessionToken: string
    /** The nonce of this response's inline script (invitation pages). */
    scriptNonce: string
    /** The caller's address, where passwords are checked (AppOptions.clientAddress). */
    clientAddress: string | null
  }
}
