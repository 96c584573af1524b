// The real app in a child process, so that its CPU time can be measured apart from the load
// generator. Started by bench/server-process.ts through fork(); answers IPC messages:
//   {type:'cpu', id}  -> {type:'cpu', id, usage: process.cpuUsage(), statements}: CPU time so far
//                        and the SQL statements sent so far (begin, savepoint and commit included)
//   {type:'idle', id} -> {type:'idle', id} once the after-response work (provisioning log, email
//                        dispatch) has finished
//   {type:'stop', id} -> closes the server and the pool, then exits (so --cpu-prof is written)
import { serve } from '@hono/node-server'
import { createApp } from '../api/app.js'
import { backgroundTasks } from '../api/background.js'
import { buildServices } from '../api/build-services.js'
import { systemClock } from '../api/core/types.js'
import { openPostgres } from '../api/db/postgres.js'
import type { Logger } from '../api/services.js'

const url = process.env.BENCH_APP_DATABASE_URL
const appSecret = process.env.BENCH_APP_SECRET
if (!url || !appSecret || !process.send) {
  console.error('bench/server.ts is started by bench/scim.ts (needs BENCH_APP_DATABASE_URL, BENCH_APP_SECRET and an IPC channel).')
  process.exit(1)
}

/** Quiet: nothing per request; errors still reach stderr, since a bench that hides them is lying. */
const quietLogger: Logger = {
  info: () => {},
  error: (message, data) => console.error('[server]', message, data ?? ''),
}

const database = openPostgres(url, { max: Number(process.env.BENCH_POOL) || 10 })
// Every statement the app sends goes through `unsafe`, on the pool or on a connection reserved for
// a transaction: counted there. postgres.js's `debug` hook counts too, but a connection reserved
// while it is set captures a stack trace for every query, which cost the app 6 % of its CPU.
let statements = 0
type Unsafe = typeof database.client.unsafe
function counted<T extends { unsafe: Unsafe }>(sql: T): T {
  const unsafe = sql.unsafe
  sql.unsafe = ((...args: Parameters<Unsafe>) => {
    statements++
    return unsafe(...args)
  }) as Unsafe
  return sql
}
counted(database.client)
const reserve = database.client.reserve
database.client.reserve = async () => counted(await reserve())
const background = backgroundTasks(quietLogger)
const services = buildServices({
  db: database.db,
  clock: systemClock,
  config: {
    appUrl: 'http://127.0.0.1',
    appSecret,
    productName: 'Roster',
    mailFrom: 'Roster <no-reply@roster.localhost>',
    sessionTtlDays: 14,
  },
  log: quietLogger,
  afterResponse: background.run,
})
const app = createApp({ services, scimRequestsPerSecond: 1e9 })

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.send!({ type: 'ready', port: info.port })
})

type Message = { type: 'cpu' | 'idle' | 'stop'; id: number }

process.on('message', async (message: Message) => {
  switch (message.type) {
    case 'cpu':
      process.send!({ type: 'cpu', id: message.id, usage: process.cpuUsage(), statements })
      break
    case 'idle':
      await background.idle()
      process.send!({ type: 'idle', id: message.id })
      break
    case 'stop':
      server.close()
      await background.idle()
      await database.close()
      process.send!({ type: 'stopped', id: message.id }, () => process.exit(0))
      break
  }
})

// The parent going away (crash, kill -9) must not leave a server holding the database open.
process.on('disconnect', () => process.exit(0))
process.on('SIGINT', () => process.exit(130))
