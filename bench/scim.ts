// SCIM API against a raw-SQL floor, in one run, on one PostgreSQL server:
//   tsx bench/scim.ts [--users N] [--concurrency C] [--pool N] [--ops N] [--max-pages N] [--cpu-prof DIR]
// Creates a fresh database, starts the real app in a child process (bench/server.ts), runs every
// phase through the API and through postgres.js, prints ratios, and drops the database.
import os from 'node:os'
import postgres from 'postgres'
import { openPostgres } from '../api/db/postgres.js'
import { appOperations } from './app-operations.js'
import { ceilingOperations } from './ceiling.js'
import { cleanupStack, createBenchDatabase } from './database.js'
import { floorOperations } from './floor.js'
import { scimHttp } from './http.js'
import { API_CREATES, parseOptions } from './options.js'
import { createPhase, measureInTurns, planPhases, Pool, warmUp, type Measured, type OperationName, type PlannedPhase, type Side } from './phases.js'
import { ceilingTable, cpuTable, table, verdict, type Row } from './report.js'
import { percentile } from './runner.js'
import { analyze, benchConfig, bulkSeed, seedAccount } from './seed.js'
import { startServer } from './server-process.js'

const log = (line: string) => console.log(line)
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1)

async function main() {
  const options = parseOptions(process.argv.slice(2))
  const cleanup = cleanupStack()
  try {
    await run(options, cleanup.add)
  } finally {
    await cleanup.runAll()
  }
}

async function run(options: ReturnType<typeof parseOptions>, onCleanup: (step: () => unknown) => void) {
  const C = options.concurrency
  const creates = Math.min(options.users, API_CREATES)
  const seeded = options.users - creates

  const bench = await createBenchDatabase(options.baseUrl)
  if (!options.keepDatabase) onCleanup(() => bench.drop())
  const database = openPostgres(bench.url, { max: 10 })
  onCleanup(() => database.close())
  // The floor's own pool: plain postgres.js (drizzle changes the type parsers of its client).
  let floorStatements = 0
  const sql = postgres(bench.url, { max: options.pool, onnotice: () => {} })
  // Set after construction: passed to postgres(), `debug` makes every query capture a stack trace.
  sql.options.debug = () => void floorStatements++
  onCleanup(() => sql.end({ timeout: 5 }))
  log(`database ${bench.name} on ${new URL(options.baseUrl).host}${options.keepDatabase ? ' (kept)' : ''}`)
  const [info] = await database.client<{ version: string }[]>`select current_setting('server_version') as version`
  log(`PostgreSQL ${info?.version}, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`)
  await database.migrate()

  const config = benchConfig()
  const account = await seedAccount(database.db, config)
  let live = 1 // the administrator
  if (seeded > 0) {
    log(`seeding ${seeded.toLocaleString('en-US')} members with INSERT ... SELECT generate_series`)
    const started = performance.now()
    await bulkSeed(sql, account, seeded, log)
    await analyze(sql)
    live += seeded
    log(`seeding took ${seconds(started)} s (with ANALYZE)`)
  }

  const pool = { BENCH_POOL: String(options.pool) }
  const server = await startServer({ databaseUrl: bench.url, appSecret: config.appSecret, profileDir: options.profileDir, env: pool })
  onCleanup(() => server.stop())
  const client = scimHttp({ port: server.port, token: account.token, concurrency: C })
  onCleanup(() => client.close())

  const app: Side = { name: 'app', ops: appOperations(client), server, statements: async () => (await server.stats()).statements, prefix: 'app' }
  const ceilingServer = await startServer({
    databaseUrl: bench.url,
    appSecret: config.appSecret,
    script: 'ceiling-server.ts',
    env: { ...pool, BENCH_ACCOUNT_ID: account.accountId, BENCH_PROVISION_GROUP_ID: account.provisionGroupId },
  })
  onCleanup(() => ceilingServer.stop())
  const ceilingClient = scimHttp({ port: ceilingServer.port, concurrency: C, prefix: '' })
  onCleanup(() => ceilingClient.close())
  const ceiling: Side = {
    name: 'ceiling',
    ops: ceilingOperations(ceilingClient),
    server: ceilingServer,
    statements: async () => (await ceilingServer.stats()).statements,
    prefix: 'ceiling',
  }
  const floor: Side = {
    name: 'floor',
    ops: floorOperations(sql, account.accountId, account.provisionGroupId),
    statements: async () => floorStatements,
    prefix: 'floor',
  }
  const pools = { app: new Pool(seeded), floor: new Pool(seeded), ceiling: new Pool(seeded) }

  const loadBefore = os.loadavg()[0]!
  log(`warming up (${C} in flight)`)
  live += await warmUp(app, C, account.adminMembershipId, live)
  live += await warmUp(floor, C, account.adminMembershipId, live)
  live += await warmUp(ceiling, C, account.adminMembershipId, live)

  const createsStarted = performance.now()
  const created = {
    app: await createPhase(app, pools.app, creates, C),
    floor: await createPhase(floor, pools.floor, creates, C),
    ceiling: await createPhase(ceiling, pools.ceiling, creates, C),
  }
  const count = (n: number) => n.toLocaleString('en-US')
  log(`  creates: ${count(creates)} + ${count(creates)} + ${count(creates)} requests, ${seconds(createsStarted)} s`)
  live += 3 * creates
  await analyze(sql)

  const deactivations = Math.min(options.ops, pools.app.deactivatable())
  const counts = { ops: options.ops, deactivations, maxPages: options.maxPages }
  log(`reads and deactivations: ${options.ops.toLocaleString('en-US')} requests a phase over ${live.toLocaleString('en-US')} members`)
  // The ceiling deactivates only rows it created (the app takes seeded rows from the front, the floor from the back).
  const plans = {
    app: planPhases(app, pools.app, live, counts),
    floor: planPhases(floor, pools.floor, live, counts),
    ceiling: planPhases(ceiling, pools.ceiling, live, { ...counts, deactivations: Math.min(deactivations, pools.ceiling.created.length) }),
  }
  const appResults = new Map<OperationName, Measured>([['creates', created.app]])
  const floorResults = new Map<OperationName, Measured>([['creates', created.floor]])
  const ceilingResults = new Map<OperationName, Measured>([['creates', created.ceiling]])
  // Each operation on the API, the floor and the ceiling in turns, so all see the same machine load.
  for (const operation of plans.app.keys()) {
    const started = performance.now()
    const [appPlan, floorPlan, ceilingPlan] = [plans.app, plans.floor, plans.ceiling].map((plan) => plan.get(operation)!)
    const [appResult, floorResult, ceilingResult] = await measureInTurns(
      [
        { side: app, plan: appPlan! },
        { side: floor, plan: floorPlan! },
        { side: ceiling, plan: ceilingPlan! },
      ],
      C,
    )
    appResults.set(operation, appResult!)
    floorResults.set(operation, floorResult!)
    ceilingResults.set(operation, ceilingResult!)
    log(`  ${operation}: ${count(appPlan!.count)} + ${count(floorPlan!.count)} + ${count(ceilingPlan!.count)} requests, ${seconds(started)} s`)
  }

  const pageCount = appResults.get('pages')!.count
  const fullSweep = Math.ceil(live / 100)
  const notes: Partial<Record<OperationName, string>> = {
    pages:
      pageCount < fullSweep
        ? `${pageCount} pages sampled evenly over the ${fullSweep.toLocaleString('en-US')} of a full sweep (--max-pages)`
        : `${pageCount / fullSweep} full sweep(s) of ${fullSweep} pages of 100 over ${live.toLocaleString('en-US')} members`,
    ...(deactivations < options.ops ? { 'PATCH deactivations': `capped at ${deactivations} distinct rows per side` } : {}),
  }
  const order: OperationName[] = ['creates', 'lookups', 'misses', 'pages', 'PATCH deactivations', 'GETs by id']
  const rows: Row[] = order.map((operation) => ({
    operation,
    app: appResults.get(operation)!,
    floor: floorResults.get(operation)!,
    note: notes[operation],
  }))

  log('')
  log(`SCIM API vs raw-SQL floor: ${live.toLocaleString('en-US')} members, concurrency ${C}, ${options.pool} connections a side, latencies in ms`)
  log(table(rows))
  log('')
  log(`HTTP ceiling: the floor's SQL behind a bare Hono endpoint in its own process (no token, no log, no JSON body), same client`)
  const withCeiling = rows.map((row) => ({ ...row, ceiling: ceilingResults.get(row.operation)! }))
  log(ceilingTable(withCeiling))
  log('')
  const cpu = cpuTable(withCeiling)
  if (cpu) {
    log('CPU per request, ms (server process, PostgreSQL, bench process); their sum bounds throughput on a busy machine')
    log(cpu)
    log('')
  }
  const lookups = appResults.get('lookups')!
  const p99 = percentile(lookups.latencies, 0.99)
  // At concurrency 8 on two cores, p99 is mostly waiting for a CPU; one request at a time shows
  // what a lookup itself costs at this size (the planner's choice, the index).
  // Beside the bare endpoint's: on a VM, HTTP alone has a tail of a few milliseconds.
  const [single, singleCeiling] = await measureInTurns(
    [
      { side: app, plan: oneAtATime(plans.app.get('lookups')!) },
      { side: ceiling, plan: oneAtATime(plans.ceiling.get('lookups')!) },
    ],
    1,
  )
  const singleP99 = percentile(single!.latencies, 0.99)
  const ms = (sorted: Float64Array, p: number) => `${percentile(sorted, p).toFixed(2)} ms`
  log(loadLine(loadBefore))
  log(`lookups p99: ${p99.toFixed(2)} ms at concurrency ${C} with ${live.toLocaleString('en-US')} members (claim: under 5 ms: ${p99 < 5 ? 'yes' : 'NO'})`)
  log(`  one at a time (${single!.count}): p50 ${ms(single!.latencies, 0.5)}, p99 ${singleP99.toFixed(2)} ms (${singleP99 < 5 ? 'under' : 'NOT under'} 5 ms); the bare endpoint (ceiling): p50 ${ms(singleCeiling!.latencies, 0.5)}, p99 ${ms(singleCeiling!.latencies, 0.99)}`)
  log(verdict(rows))
}

/** The first (at most 1,000) lookups of a phase, for a run one at a time. */
function oneAtATime(plan: PlannedPhase): PlannedPhase {
  return { count: Math.min(1000, plan.count), run: plan.run }
}

/** The benchmark shares the machine: say how busy it was, since other work skews every number. */
function loadLine(before: number): string {
  const cpus = os.cpus().length
  const after = os.loadavg()[0]!
  const warning = before > cpus / 2 ? '; other processes were busy, so every number here is skewed: rerun on a quiet machine' : ''
  return `machine load (1-min average): ${before.toFixed(1)} before the phases, ${after.toFixed(1)} at the end (this benchmark included), ${cpus} CPUs${warning}`
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.name === 'BenchError' ? `BENCH FAILED: ${error.message}` : error.stack) : error)
    process.exit(1)
  },
)
