import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { execFile } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import { cases, type Target } from './cases.js'
import { ADMIN, createSeededDatabase, freePort, printServerOutputOnFailure, ROOT, startServer, type RunningServer } from './support.js'

// The Worker (api/worker.ts) in workerd through `wrangler dev`, Postgres through the local
// Hyperdrive binding, as deployed to Cloudflare.
let database: Awaited<ReturnType<typeof createSeededDatabase>> | undefined
let server: RunningServer | undefined
let persistDir: string | undefined
let target: Target

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
      // RUNTIME_WRANGLER_CONFIG: try a changed wrangler.toml without touching the real one.
      ...(process.env.RUNTIME_WRANGLER_CONFIG ? ['--config', process.env.RUNTIME_WRANGLER_CONFIG] : []),
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
      `APP_SECRET:runtime-worker-secret-${crypto.randomUUID()}`,
    ],
    env: {
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: hyperdriveUrl(database.url),
      RESEND_API_KEY: '',
    },
    ready: `Ready on ${baseUrl}`,
    healthUrl: `${baseUrl}/health`,
  })
  target = { baseUrl, accountId: database.accountId, admin: { email: ADMIN.email, password: ADMIN.password } }
})

afterAll(async () => {
  await server?.stop()
  await database?.drop()
  if (persistDir) await rm(persistDir, { recursive: true, force: true })
})

describe('workerd (api/worker.ts, wrangler dev, Hyperdrive)', () => {
  beforeEach(() => printServerOutputOnFailure(() => server, 'wrangler dev'))
  for (const c of cases) it(c.name, () => c.run(target))
})
