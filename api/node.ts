import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { addedByProxy } from './core/client-address.js'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from './app.js'
import { backgroundTasks } from './background.js'
import { buildServices } from './build-services.js'
import { readConfig } from './config.js'
import { randomToken } from './core/crypto.js'
import { hasAccounts, seedIfEmpty } from './core/seed.js'
import { systemClock } from './core/types.js'
import { openPglite } from './db/pglite.js'
import { openPostgres } from './db/postgres.js'
import { dispatchQueuedEmails } from './mail/dispatch.js'
import { runMaintenance } from './maintenance.js'
import { consoleLogger } from './services.js'
import { shiftableClock } from './test-clock.js'

const env = process.env
const port = Number(env.PORT ?? 8787)
const dataDir = resolve(env.DATA_DIR ?? '.data')
const adminDist = resolve(import.meta.dirname, '../admin/dist')

/**
 * Locally, a secret is made once and kept beside the data, never in the database. In production
 * one is never made: made on one instance's disk, it differs from the others' and dies with a
 * container's disk, and every link it signed with it. A file an earlier version made is still
 * read (replacing it would kill every pending link), with a word to move it to APP_SECRET.
 */
async function localSecret(production: boolean): Promise<string> {
  const file = join(dataDir, 'app-secret')
  if (existsSync(file)) {
    if (production) console.warn(`Using the secret in ${file}: set APP_SECRET to its contents, the same on every instance.`)
    return (await readFile(file, 'utf8')).trim()
  }
  if (production) {
    throw new Error('Set APP_SECRET when NODE_ENV=production (32+ random characters, the same on every instance): it signs invitation links.')
  }
  const secret = randomToken(48)
  await writeFile(file, secret, { mode: 0o600 })
  await chmod(file, 0o600)
  return secret
}

async function main() {
  const testClockOn = env.ROSTER_TEST_CLOCK === 'true'
  if (testClockOn && env.NODE_ENV === 'production') throw new Error('ROSTER_TEST_CLOCK is for tests and is refused when NODE_ENV=production.')
  const production = env.NODE_ENV === 'production'
  if (!env.RESEND_API_KEY && production) {
    throw new Error('Set RESEND_API_KEY when NODE_ENV=production: without it, emails and their invitation links would be kept in the database (the development mailbox).')
  }
  await mkdir(dataDir, { recursive: true })
  const config = readConfig(env, { appUrl: `http://localhost:${port}`, appSecret: env.APP_SECRET || (await localSecret(production)) })
  const database = env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : await openPglite({ dataDir: join(dataDir, 'pglite') })
  await database.migrate()

  const testClock = testClockOn ? shiftableClock(systemClock) : undefined
  const clock = testClock ?? systemClock
  const seedAdmin = {
    email: env.SEED_ADMIN_EMAIL ?? 'admin@example.com',
    password: env.SEED_ADMIN_PASSWORD ?? 'Roster-admin-1!',
    firstName: env.SEED_ADMIN_FIRST_NAME ?? 'Ada',
    lastName: env.SEED_ADMIN_LAST_NAME ?? 'Admin',
  }
  // The demo's published password never becomes a production administrator's.
  if (production && !env.SEED_ADMIN_PASSWORD && !(await hasAccounts(database.db))) {
    await database.close()
    throw new Error('The database has no account yet: set SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD to create the first administrator (NODE_ENV=production never seeds the demo password).')
  }
  const seeded = await seedIfEmpty(database.db, clock, { name: env.SEED_ACCOUNT_NAME ?? 'Demo Company', admin: seedAdmin })

  const background = backgroundTasks(consoleLogger)
  const services = buildServices({
    db: database.db,
    clock,
    config,
    log: consoleLogger,
    afterResponse: background.run,
    resend: { apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL },
  })
  // Files first, then index.html for the single-page app's own routes.
  const staticFiles = existsSync(adminDist)
    ? [serveStatic({ root: adminDist }), serveStatic({ root: adminDist, path: 'index.html' })]
    : []
  const trustProxy = env.TRUST_PROXY === 'true'
  const app = createApp({
    services,
    staticFiles,
    testClock,
    scimRequestsPerSecond: Number(env.SCIM_RATE_LIMIT) || undefined,
    // The socket's peer; behind one reverse proxy (TRUST_PROXY=true), the address that proxy saw,
    // which it appends last to X-Forwarded-For (earlier entries are the client's to choose).
    clientAddress: (c) => (trustProxy ? addedByProxy(c.req.header('x-forwarded-for')) : undefined) ?? getConnInfo(c).remote.address,
  })

  // Sends what a crash or an outage left in the outbox, and writes "expired" history lines.
  const sweep = setInterval(() => {
    background.run(() => runMaintenance(services))
  }, 30_000)
  background.run(() => dispatchQueuedEmails(services))

  const server = serve({ fetch: app.fetch, port }, () => {
    console.log(`Roster is running at ${config.appUrl}`)
    console.log(`  database: ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${dataDir}`}`)
    console.log(`  email: ${services.mailer.name === 'resend' ? 'Resend' : 'development mailbox (links are printed here)'}`)
    // A password chosen for the deployment stays out of its logs.
    const password = env.SEED_ADMIN_PASSWORD ? '(SEED_ADMIN_PASSWORD)' : seedAdmin.password
    if (seeded) console.log(`  seeded "${env.SEED_ACCOUNT_NAME ?? 'Demo Company'}": sign in as ${seedAdmin.email} / ${password}`)
    if (testClockOn) console.log('  TEST CLOCK ON: POST /api/test/clock {"advanceMs": n} moves time forward')
    if (!existsSync(adminDist)) console.log('  admin UI not built: run `npm run build` to serve it here')
  })

  // Requests in flight finish (for up to 10 s), then the work they left (provisioning log rows,
  // emails), and only then does the database close: closed first, it failed those requests.
  // Which connections have a request in progress, so that a shutdown closes the others at once.
  const requestsOn = new Map<Socket, number>()
  server.on('connection', (socket: Socket) => {
    requestsOn.set(socket, 0)
    socket.once('close', () => requestsOn.delete(socket))
  })
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket
    requestsOn.set(socket, (requestsOn.get(socket) ?? 0) + 1)
    response.once('close', () => requestsOn.has(socket) && requestsOn.set(socket, (requestsOn.get(socket) ?? 1) - 1))
  })

  const stop = async () => {
    clearInterval(sweep)
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    // Connections with no request in progress (kept alive, opened ahead by a browser, or never
    // finishing their headers) go after a moment, which lets requests already sent be read; those in
    // progress get 10 s to finish.
    const idle = setTimeout(() => {
      for (const [socket, inProgress] of requestsOn) if (inProgress === 0) socket.destroy()
    }, 250)
    const stragglers = setTimeout(() => (server as { closeAllConnections?: () => void }).closeAllConnections?.(), 10_000)
    await closed
    clearTimeout(idle)
    clearTimeout(stragglers)
    await background.idle()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
