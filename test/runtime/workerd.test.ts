import { existsSync } from 'node:fs'
import { get } from 'node:http'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { execFile } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { emails, groups, mailbox } from '../../drizzle/schema.js'
import { inviteMember } from '../../api/core/memberships/invite.js'
import { systemClock } from '../../api/core/types.js'
import { openPostgres } from '../../api/db/postgres.js'
import { cases, type Target } from './cases.js'
import { ADMIN, createSeededDatabase, freePort, printServerOutputOnFailure, ROOT, startServer, mailboxReader, type RunningServer } from './support.js'

// The Worker (api/worker.ts) in workerd through `wrangler dev`, Postgres through the local
// Hyperdrive binding, as deployed to Cloudflare.
let database: Awaited<ReturnType<typeof createSeededDatabase>> | undefined
let server: RunningServer | undefined
let persistDir: string | undefined
let target: Target
const appSecret = `runtime-worker-secret-${crypto.randomUUID()}`

/**
 * wrangler.toml as deployed, except that /__scheduled (which --test-scheduled answers by running
 * the Cron Trigger) reaches the Worker before the static assets. RUNTIME_WRANGLER_CONFIG: try a
 * changed wrangler.toml without touching the real one.
 */
async function testWranglerConfig(dir: string): Promise<string> {
  const source = await readFile(process.env.RUNTIME_WRANGLER_CONFIG ?? join(ROOT, 'wrangler.toml'), 'utf8')
  const config = source
    .replace(/^main = "(.+)"$/m, (_, main) => `main = "${join(ROOT, main)}"`)
    .replace(/^directory = "(.+)"$/m, (_, directory) => `directory = "${join(ROOT, directory)}"`)
    .replace(/^run_worker_first = \[/m, 'run_worker_first = ["/__scheduled", ')
  if (!config.includes('"/__scheduled"')) throw new Error('wrangler.toml has no run_worker_first list to extend')
  const file = join(dir, 'wrangler.test.toml')
  await writeFile(file, config)
  return file
}

/** Hyperdrive's local connection string must carry a password (miniflare insists); trust auth ignores it. */
function hyperdriveUrl(url: string) {
  const parsed = new URL(url)
  if (!parsed.password) parsed.password = 'local'
  return parsed.toString()
}

beforeAll(async () => {
  // wrangler.toml serves admin/dist as the Worker's assets: it must exist.
  if (!existsSync(join(ROOT, 'admin/dist/index.html'))) {
    await promisify(execFile)('npx', ['vite', 'build', '--config', 'admin/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT })
  }
  database = await createSeededDatabase()
  persistDir = await mkdtemp(join(tmpdir(), 'roster-rt-wrangler-'))
  const port = await freePort()
  const inspectorPort = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  server = await startServer({
    command: 'npx',
    args: [
      'wrangler',
      'dev',
      '--config',
      await testWranglerConfig(persistDir),
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      persistDir,
      '--var',
      `APP_URL:${baseUrl}`,
      '--var',
      `APP_SECRET:${appSecret}`,
      '--var',
      'DEV_MAILBOX:true',
      // Exposes /__scheduled, which runs the Cron Trigger's handler.
      '--test-scheduled',
    ],
    env: {
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: hyperdriveUrl(database.url),
      RESEND_API_KEY: '',
    },
    ready: `Ready on ${baseUrl}`,
    healthUrl: `${baseUrl}/health`,
  })
  target = { baseUrl, accountId: database.accountId, admin: { email: ADMIN.email, password: ADMIN.password }, latestLink: mailboxReader(database.url) }
})

afterAll(async () => {
  await server?.stop()
  await database?.drop()
  if (persistDir) await rm(persistDir, { recursive: true, force: true })
})

describe('workerd (api/worker.ts, wrangler dev, Hyperdrive)', () => {
  beforeEach(() => printServerOutputOnFailure(() => server, 'wrangler dev'))
  for (const c of cases) it(c.name, () => c.run(target))

  it('the Cron Trigger sends what a request left in the outbox', async () => {
    // An invitation committed without its email being sent, as when an isolate dies after the commit.
    const db = openPostgres(database!.url, { max: 1 })
    try {
      const config = { appUrl: target.baseUrl, appSecret, productName: 'Roster', mailFrom: 'Roster <no-reply@roster.test>', sessionTtlDays: 14 }
      const [group] = await db.db.select({ id: groups.id }).from(groups).where(eq(groups.accountId, target.accountId))
      const { membershipId } = await inviteMember({ db: db.db, clock: systemClock, config }, { type: 'system', label: 'System' }, {
        accountId: target.accountId, firstName: 'Cron', lastName: 'Job', email: 'cron@runtime.test', groupIds: [group!.id],
      })
      const queued = () => db.db.select({ status: emails.status }).from(emails).where(eq(emails.membershipId, membershipId))
      expect((await queued())[0]!.status).toBe('queued')
      // A bare request (not fetch, whose Sec-Fetch-Mode the assets layer answers with index.html).
      const status = await new Promise<number>((resolve, reject) =>
        get(`${target.baseUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }).on('error', reject),
      )
      expect(status).toBe(200)
      const deadline = Date.now() + 15_000
      while ((await queued())[0]!.status === 'queued' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
      expect((await queued())[0]!.status).toBe('sent')
      const [message] = await db.db.select({ text: mailbox.text }).from(mailbox).innerJoin(emails, eq(emails.id, mailbox.emailId)).where(eq(emails.membershipId, membershipId))
      expect(message!.text).toContain(`${target.baseUrl}/invite/`)
    } finally {
      await db.close()
    }
  })
})
