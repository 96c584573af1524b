import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import postgres from 'postgres'
import { onTestFailed } from 'vitest'
import { createAccount } from '../../api/core/seed.js'
import { systemClock } from '../../api/core/types.js'
import { openPostgres } from '../../api/db/postgres.js'
import type { Target } from './cases.js'

export const ROOT = resolve(import.meta.dirname, '../..')

/** The server these tests make their databases on; RUNTIME_DATABASE_URL or TEST_DATABASE_URL override it. */
export const SERVER_URL = process.env.RUNTIME_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

export const ADMIN = { email: 'admin@runtime.test', password: 'Runtime-admin-1!', firstName: 'Ada', lastName: 'Admin' }

export function databaseUrl(name: string, base = SERVER_URL) {
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

/** A fresh database (roster_rt_<random>), migrated, with one account and its administrator. */
export async function createSeededDatabase() {
  const name = `roster_rt_${Date.now().toString(36)}${crypto.randomUUID().replace(/-/g, '').slice(0, 8)}`
  const server = postgres(SERVER_URL, { max: 1, onnotice: () => {} })
  await server.unsafe(`create database "${name}"`)
  const url = databaseUrl(name)
  const database = openPostgres(url, { max: 2 })
  try {
    await database.migrate()
    const account = await createAccount(database.db, systemClock, {
      name: 'Runtime Co',
      admin: { email: ADMIN.email, firstName: ADMIN.firstName, lastName: ADMIN.lastName, password: ADMIN.password },
    })
    return {
      name,
      url,
      accountId: account.accountId,
      async drop() {
        await server.unsafe(`drop database if exists "${name}" with (force)`)
        await server.end({ timeout: 5 })
      },
    }
  } finally {
    await database.close()
  }
}

/**
 * The newest link matching `pattern` in the development mailbox's emails to `to`, read from the
 * database: a person's own emails (a password reset) belong to no account, so no API lists them.
 */
export function mailboxReader(url: string) {
  return async (to: string, pattern: RegExp): Promise<string | undefined> => {
    const sql = postgres(url, { max: 1, onnotice: () => {} })
    try {
      const rows = await sql<{ text: string }[]>`select text from mailbox where lower("to") = lower(${to}) order by created_at desc limit 5`
      for (const row of rows) {
        const link = row.text.match(pattern)?.[0]
        if (link) return link
      }
      return undefined
    } finally {
      await sql.end({ timeout: 5 })
    }
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolvePort(port))
    })
  })
}

export interface RunningServer {
  child: ChildProcess
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output: () => string
  stop: () => Promise<void>
}

/**
 * Starts a server in its own process group (so that npx, wrangler and workerd all go together),
 * waits until it prints `ready` and answers /health, and fails with its output otherwise.
 */
export async function startServer(options: {
  command: string
  args: string[]
  env: Record<string, string>
  ready: string
  healthUrl: string
  startupMs?: number
}): Promise<RunningServer> {
  const child = spawn(options.command, options.args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()))

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, name)
      } catch {
        // The group is already gone.
      }
    }
    signal('SIGTERM')
    const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))])
    // The leader may leave before its children (workerd): take the whole group down either way.
    signal('SIGKILL')
    if (!done) await exited
  }

  const deadline = Date.now() + (options.startupMs ?? 90_000)
  const fail = async (why: string) => {
    await stop()
    throw new Error(`${why} (exit code ${child.exitCode}, signal ${child.signalCode}):\n${output}`)
  }
  while (!output.includes(options.ready)) {
    if (child.exitCode !== null || child.signalCode !== null) await fail(`${options.command} exited before "${options.ready}"`)
    if (Date.now() > deadline) await fail(`${options.command} did not print "${options.ready}" in time`)
    await new Promise((r) => setTimeout(r, 100))
  }
  for (;;) {
    const status = await fetch(options.healthUrl).then((r) => r.status, () => 0)
    if (status === 200) break
    if (child.exitCode !== null) await fail(`${options.command} exited before answering ${options.healthUrl}`)
    if (Date.now() > deadline) await fail(`${options.healthUrl} did not answer 200 in time (last status ${status})`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return { child, output: () => output, stop }
}

/** On a failing test, prints what the server said during it: the place to look for the cause. */
export function printServerOutputOnFailure(server: () => RunningServer | undefined, label: string) {
  const from = server()?.output().length ?? 0
  onTestFailed(() => {
    const output = server()?.output() ?? ''
    console.error(`--- ${label} output during the failed test ---\n${output.slice(from) || '(nothing)'}\n--- end of ${label} output ---`)
  })
}

export type { Target }
