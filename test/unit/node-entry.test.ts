import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Starts `api/node.ts` as `npm start` does (without the UI build) and waits for its banner. */
function spawnServer(dataDir: string, port: number, extraEnv: Record<string, string> = {}) {
  return spawn(process.execPath, ['--import', 'tsx', 'api/node.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', RESEND_API_KEY: '', APP_URL: '', APP_SECRET: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

async function start(dataDir: string, port: number, env: Record<string, string> = {}) {
  const child = spawnServer(dataDir, port, env)
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const deadline = Date.now() + 30_000
  while (!output.includes('Roster is running at')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return { child, output: () => output }
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

async function newDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'roster-node-'))
  dirs.push(dataDir)
  return dataDir
}

/** Starts the server with this environment, expects it to exit with 1, and returns what it said. */
async function refusal(env: Record<string, string>, dataDir?: string): Promise<string> {
  const child = spawnServer(dataDir ?? (await newDataDir()), await freePort(), env)
  let output = ''
  child.stderr!.on('data', (chunk) => (output += chunk))
  expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1)
  return output
}

describe('the Node entry (npm start)', () => {
  it('seeds an empty data directory once, prints how to sign in, and keeps the data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roster-node-'))
    dirs.push(dataDir)
    const port = await freePort()
    const base = `http://localhost:${port}`

    const first = await start(dataDir, port)
    expect(first.output()).toContain(`Roster is running at ${base}`)
    expect(first.output()).toContain('sign in as admin@example.com / Roster-admin-1!')
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'Roster-admin-1!' }),
    })
    expect(login.status).toBe(200)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const me = await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()
    expect(me.administeredAccounts).toEqual([{ id: expect.any(String), name: 'Demo Company' }])
    await stop(first.child)

    // The local secret lives beside the data, readable by its owner only.
    const secret = join(dataDir, 'app-secret')
    expect((await readFile(secret, 'utf8')).length).toBeGreaterThanOrEqual(32)
    expect((await stat(secret)).mode & 0o077).toBe(0)

    const second = await start(dataDir, port)
    expect(second.output()).not.toContain('seeded')
    const again = await fetch(`${base}/api/auth/me`, { headers: { cookie } })
    expect(again.status).toBe(200)
    await stop(second.child)
  }, 90_000)

  it('refuses the test clock in production', async () => {
    expect(await refusal({ NODE_ENV: 'production', ROSTER_TEST_CLOCK: 'true' })).toContain('ROSTER_TEST_CLOCK is for tests')
  })

  it('refuses to run in production without an email provider, rather than keep invitation links in the database', async () => {
    expect(await refusal({ NODE_ENV: 'production' })).toContain('Set RESEND_API_KEY when NODE_ENV=production')
  })

  it('refuses to make a secret in production, which signs invitation links on every instance alike, but keeps one made before', async () => {
    const production = { NODE_ENV: 'production', RESEND_API_KEY: 're_test', SEED_ADMIN_PASSWORD: 'Chosen-for-prod-1!' }
    const dataDir = await newDataDir()
    expect(await refusal(production, dataDir)).toContain('Set APP_SECRET when NODE_ENV=production')
    expect(existsSync(join(dataDir, 'app-secret'))).toBe(false)
    // An install that ran on the file an earlier version made keeps it, and its pending links.
    await writeFile(join(dataDir, 'app-secret'), 'y'.repeat(48))
    const upgraded = await start(dataDir, await freePort(), production)
    expect(upgraded.output()).toContain('set APP_SECRET to its contents')
    await stop(upgraded.child)
  }, 90_000)

  it('never seeds the demo password in production: an empty database needs SEED_ADMIN_PASSWORD, which is not printed', async () => {
    const production = { NODE_ENV: 'production', RESEND_API_KEY: 're_test', APP_SECRET: 'x'.repeat(40), SEED_ADMIN_PASSWORD: '' }
    const dataDir = await newDataDir()
    expect(await refusal(production, dataDir)).toContain('set SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD')

    const port = await freePort()
    const seeded = await start(dataDir, port, { ...production, SEED_ADMIN_EMAIL: 'owner@corp.test', SEED_ADMIN_PASSWORD: 'Chosen-for-prod-1!' })
    expect(seeded.output()).toContain('sign in as owner@corp.test / (SEED_ADMIN_PASSWORD)')
    expect(seeded.output()).not.toContain('Chosen-for-prod-1!')
    const login = await fetch(`http://localhost:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://localhost:${port}` },
      body: JSON.stringify({ email: 'owner@corp.test', password: 'Chosen-for-prod-1!' }),
    })
    expect(login.status).toBe(200)
    await stop(seeded.child)
  }, 90_000)

  it('on SIGTERM, does not wait for connections with no request in progress (a browser opens some ahead)', async () => {
    const port = await freePort()
    const server = await start(await newDataDir(), port)
    const silent = connect(port, '127.0.0.1')
    silent.on('error', () => {})
    await new Promise((resolve) => silent.once('connect', resolve))
    const exited = new Promise((resolve) => server.child.once('exit', resolve))
    const sent = Date.now()
    server.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    // Well before the 10 s given to requests in progress.
    expect(Date.now() - sent).toBeLessThan(8_000)
  }, 60_000)

  it('on SIGTERM, finishes the requests in flight and what they left to do before closing the database', async () => {
    const dataDir = await newDataDir()
    const port = await freePort()
    const base = `http://localhost:${port}`
    // On PostgreSQL when the suite has one: a pool closed early fails the statements in flight at once.
    const database = await scratchDatabase()
    const first = await start(dataDir, port, database.env)
    const session = await signInAsDemoAdmin(base)
    const made = await (await fetch(`${base}/api/accounts/${session.accountId}/api-tokens`, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'burst' }),
    })).json()
    const headers = { authorization: `Bearer ${made.token}`, 'content-type': 'application/scim+json' }
    const burst = Array.from({ length: 40 }, (_, i) =>
      fetch(`${base}/scim/v2/Users`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `burst${i}@example.com` }),
      }).then((response) => response.status, () => 0),
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    const exited = new Promise((resolve) => first.child.once('exit', resolve))
    first.child.kill('SIGTERM')
    const statuses = await Promise.all(burst)
    expect(await exited).toBe(0)
    expect(statuses.filter((status) => status >= 500)).toEqual([])

    // Every user the provider was told was created exists, and the log holds every answered request.
    const second = await start(dataDir, port, database.env)
    const again = await signInAsDemoAdmin(base)
    const created = statuses.filter((status) => status === 201).length
    const log = await fetch(`${base}/api/accounts/${again.accountId}/provisioning-log?range=${encodeURIComponent('[0,99]')}`, { headers: { cookie: again.cookie } })
    expect((await log.json()).length).toBe(statuses.filter((status) => status !== 0).length)
    const users = await fetch(`${base}/api/accounts/${again.accountId}/users?filter=${encodeURIComponent(JSON.stringify({ q: 'burst' }))}`, { headers: { cookie: again.cookie } })
    expect(users.headers.get('content-range')).toMatch(new RegExp(`/${created}$`))
    await stop(second.child)
    await database.drop()
  }, 90_000)
})

/** A database of its own on the suite's PostgreSQL server (TEST_DATABASE_URL), or PGlite without one. */
async function scratchDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL
  if (!server) return { env: {}, drop: async () => {} }
  const name = `roster_node_entry_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`
  const admin = postgres(server, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(server)
  url.pathname = `/${name}`
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

async function signInAsDemoAdmin(base: string): Promise<{ cookie: string; accountId: string }> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: 'admin@example.com', password: 'Roster-admin-1!' }),
  })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const me = await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()
  return { cookie, accountId: me.administeredAccounts[0].id }
}
