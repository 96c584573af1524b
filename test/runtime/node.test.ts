import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import { cases, type Target } from './cases.js'
import { ADMIN, createSeededDatabase, freePort, printServerOutputOnFailure, startServer, mailboxReader, type RunningServer } from './support.js'

// The Node entry (api/node.ts) on PostgreSQL through postgres.js, as in production on Node.
let database: Awaited<ReturnType<typeof createSeededDatabase>> | undefined
let server: RunningServer | undefined
let dataDir: string | undefined
let target: Target

beforeAll(async () => {
  database = await createSeededDatabase()
  dataDir = await mkdtemp(join(tmpdir(), 'roster-rt-node-'))
  const port = await freePort()
  // APP_URL is left empty: the Node entry then uses http://localhost:PORT, as it says at start.
  const baseUrl = `http://localhost:${port}`
  server = await startServer({
    command: process.execPath,
    args: ['--import', 'tsx', 'api/node.ts'],
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      PORT: String(port),
      DATA_DIR: dataDir,
      APP_SECRET: `runtime-node-secret-${crypto.randomUUID()}`,
      APP_URL: '',
      RESEND_API_KEY: '',
      ROSTER_TEST_CLOCK: '',
    },
    ready: `Roster is running at ${baseUrl}`,
    healthUrl: `${baseUrl}/health`,
  })
  target = { baseUrl, accountId: database.accountId, admin: { email: ADMIN.email, password: ADMIN.password }, latestLink: mailboxReader(database.url) }
})

afterAll(async () => {
  await server?.stop()
  await database?.drop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe('Node (api/node.ts, postgres.js)', () => {
  beforeEach(() => printServerOutputOnFailure(() => server, 'node'))
  for (const c of cases) it(c.name, () => c.run(target))
})
