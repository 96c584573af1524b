// The HTTP ceiling: a bare Hono endpoint per operation, in its own process like the app, that runs
// only the floor's SQL (bench/floor.ts) and answers 204: no token, no log, no JSON body. What it
// reaches is the most any HTTP API can on this machine. Started by bench/server-process.ts through
// fork(); answers the same IPC messages as bench/server.ts.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import postgres from 'postgres'
import { floorOperations } from './floor.js'

const url = process.env.BENCH_APP_DATABASE_URL
const accountId = process.env.BENCH_ACCOUNT_ID
const provisionGroupId = process.env.BENCH_PROVISION_GROUP_ID
if (!url || !accountId || !provisionGroupId || !process.send) {
  console.error('bench/ceiling-server.ts is started by bench/scim.ts (needs the database, the account and an IPC channel).')
  process.exit(1)
}

let statements = 0
const sql = postgres(url, { max: Number(process.env.BENCH_POOL) || 10, onnotice: () => {} })
// Set after construction: passed to postgres(), `debug` makes every query capture a stack trace.
sql.options.debug = () => void statements++
const floor = floorOperations(sql, accountId, provisionGroupId)
const expected = (value: string | undefined) => (value === '0' ? 0 : 1)

const app = new Hono()
  .post('/create/:i/:userName', async (c) => c.json({ id: await floor.create(Number(c.req.param('i')), c.req.param('userName')) }, 201))
  .get('/lookup/:userName', async (c) => {
    await floor.lookup(c.req.param('userName'), expected(c.req.query('expected')))
    return c.body(null, 204)
  })
  .get('/page', async (c) => {
    await floor.page(Number(c.req.query('offset')), Number(c.req.query('rows')), Number(c.req.query('total')))
    return c.body(null, 204)
  })
  .patch('/deactivate/:id', async (c) => {
    await floor.deactivate(c.req.param('id'))
    return c.body(null, 204)
  })
  .get('/get/:id', async (c) => {
    await floor.get(c.req.param('id'))
    return c.body(null, 204)
  })
  .onError((error, c) => c.text(String(error), 500))

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.send!({ type: 'ready', port: info.port })
})

process.on('message', async (message: { type: 'cpu' | 'idle' | 'stop'; id: number }) => {
  switch (message.type) {
    case 'cpu':
      process.send!({ type: 'cpu', id: message.id, usage: process.cpuUsage(), statements })
      break
    case 'idle':
      process.send!({ type: 'idle', id: message.id })
      break
    case 'stop':
      server.close()
      await sql.end({ timeout: 5 })
      process.send!({ type: 'stopped', id: message.id }, () => process.exit(0))
      break
  }
})
process.on('disconnect', () => process.exit(0))
process.on('SIGINT', () => process.exit(130))
