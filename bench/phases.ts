import type { Operations } from './app-operations.js'
import { seededMembershipId, seededUserName } from './seed.js'
import { runPhase, rng, type PhaseResult } from './runner.js'
import type { ServerProcess } from './server-process.js'
import { ownCpuMicros, postgresCpuMicros } from './machine-cpu.js'

export type OperationName = 'creates' | 'lookups' | 'misses' | 'pages' | 'PATCH deactivations' | 'GETs by id'

/**
 * One side of the comparison: the API (with its server process, for CPU), the floor, or the HTTP
 * ceiling (the floor's SQL behind a bare endpoint, bench/ceiling-server.ts).
 */
export interface Side {
  name: 'app' | 'floor' | 'ceiling'
  ops: Operations
  server?: ServerProcess
  /** SQL statements this side has sent so far (the floor counts its own). */
  statements(): Promise<number>
  /** userName prefix of the rows this side creates. */
  prefix: string
}

export interface Measured extends PhaseResult {
  /** Server CPU milliseconds per request (the sides with a server process). */
  cpuMsPerRequest?: number
  /** PostgreSQL's CPU milliseconds per request, when it runs on this machine. */
  postgresCpuMsPerRequest?: number
  /** The bench process's CPU milliseconds per request: the HTTP client, or the floor's postgres.js. */
  clientCpuMsPerRequest: number
  statementsPerRequest: number
}

/**
 * The members a side works on: the ones it created, then the seeded ones (shared by both sides
 * for reads). Deactivations take seeded rows from the front (app) or the back (floor), so that
 * no row is deactivated twice.
 */
export class Pool {
  readonly created: { userName: string; id: string }[] = []
  constructor(readonly seeded: number) {}

  get size() {
    return this.created.length + this.seeded
  }

  at(k: number): { userName: string; id: string } {
    if (k < this.created.length) return this.created[k]!
    const i = k - this.created.length + 1
    return { userName: seededUserName(i), id: seededMembershipId(i) }
  }

  deactivationTarget(k: number, fromEnd: boolean): string {
    if (k < this.created.length || !fromEnd) return this.at(k).id
    return seededMembershipId(this.seeded - (k - this.created.length))
  }

  /** How many distinct rows each side may deactivate. */
  deactivatable(): number {
    return this.created.length + Math.floor(this.seeded / 2)
  }
}

/** Runs one phase; for the API, waits for its after-response work and counts its CPU time. */
export async function measure(side: Side, count: number, concurrency: number, operation: (i: number) => Promise<void>): Promise<Measured> {
  const server = side.server
  if (server) await server.idle()
  const before = server ? await server.stats() : undefined
  const statementsBefore = await side.statements()
  const postgresBefore = postgresCpuMicros()
  const clientBefore = ownCpuMicros()
  const started = performance.now()
  const result = await runPhase(count, concurrency, operation)
  // Work the API left for after its responses (provisioning log, email dispatch) belongs to the phase.
  if (server) await server.idle()
  const seconds = (performance.now() - started) / 1000
  const clientCpuMsPerRequest = (ownCpuMicros() - clientBefore) / 1000 / count
  const postgresAfter = postgresCpuMicros()
  const postgresCpuMsPerRequest =
    postgresBefore === undefined || postgresAfter === undefined ? undefined : (postgresAfter - postgresBefore) / 1000 / count
  const statementsPerRequest = ((await side.statements()) - statementsBefore) / count
  const measured = { ...result, seconds, statementsPerRequest, postgresCpuMsPerRequest, clientCpuMsPerRequest }
  if (!server || !before) return measured
  const after = await server.stats()
  return { ...measured, cpuMsPerRequest: (after.cpuMicros - before.cpuMicros) / 1000 / count }
}

/** Offsets of the page phase: whole sweeps until at least 200 requests, or an even sample of at most `max`. */
export function pagePlan(total: number, max: number): { offsets: number[]; sampled: boolean } {
  const pages = Math.ceil(total / 100)
  if (pages > max) {
    return { offsets: Array.from({ length: max }, (_, j) => Math.floor((j * pages) / max) * 100), sampled: true }
  }
  const sweeps = Math.ceil(200 / pages)
  const offsets: number[] = []
  for (let s = 0; s < sweeps; s++) for (let p = 0; p < pages; p++) offsets.push(p * 100)
  return { offsets, sampled: false }
}

export interface PhaseCounts {
  ops: number
  deactivations: number
  maxPages: number
}

export interface PlannedPhase {
  count: number
  run(i: number): Promise<void>
}

/**
 * The phases after the creates for one side, with their inputs drawn up front (the same random
 * sequence for both sides, each on its own pool); `live` is the number of live members.
 */
export function planPhases(side: Side, pool: Pool, live: number, counts: PhaseCounts): Map<OperationName, PlannedPhase> {
  const random = rng(42)
  const pick = () => pool.at(Math.floor(random() * pool.size))
  const lookups = Array.from({ length: counts.ops }, pick)
  const misses = Array.from({ length: counts.ops }, () => crypto.randomUUID())
  const { offsets } = pagePlan(live, counts.maxPages)
  const targets = Array.from({ length: counts.deactivations }, (_, k) => pool.deactivationTarget(k, side.name === 'floor'))
  const gets = Array.from({ length: counts.ops }, pick)
  return new Map<OperationName, PlannedPhase>([
    ['lookups', { count: lookups.length, run: (i) => side.ops.lookup(lookups[i]!.userName, 1) }],
    ['misses', { count: misses.length, run: (i) => side.ops.lookup(misses[i]!, 0) }],
    ['pages', { count: offsets.length, run: (i) => side.ops.page(offsets[i]!, Math.min(100, live - offsets[i]!), live) }],
    ['PATCH deactivations', { count: targets.length, run: (i) => side.ops.deactivate(targets[i]!) }],
    ['GETs by id', { count: gets.length, run: (i) => side.ops.get(gets[i]!.id) }],
  ])
}

/** Creates `count` members named `<prefix>-<i>@bench.example` and adds them to the pool. */
export async function createPhase(side: Side, pool: Pool, count: number, concurrency: number): Promise<Measured> {
  const names = Array.from({ length: count }, (_, i) => `${side.prefix}-${i + 1}@bench.example`)
  const ids: string[] = new Array(count)
  const result = await measure(side, count, concurrency, async (i) => {
    ids[i] = await side.ops.create(i + 1, names[i]!)
  })
  names.forEach((userName, i) => pool.created.push({ userName, id: ids[i]! }))
  return result
}

/** A few hundred requests of every kind on throw-away rows, so that JIT and plan caches are warm. */
export async function warmUp(side: Side, concurrency: number, adminMembershipId: string, liveBefore: number): Promise<number> {
  const created = 100
  const live = liveBefore + created
  const ids: string[] = []
  await runPhase(created, concurrency, async (i) => {
    ids[i] = await side.ops.create(i + 1, `${side.prefix}warm-${i + 1}@bench.example`)
  })
  await runPhase(200, concurrency, (i) => side.ops.lookup(`${side.prefix}warm-${(i % created) + 1}@bench.example`, 1))
  await runPhase(100, concurrency, () => side.ops.lookup(crypto.randomUUID(), 0))
  await runPhase(200, concurrency, (i) => side.ops.get(i % 2 ? ids[i % created]! : adminMembershipId))
  await runPhase(40, concurrency, (i) => side.ops.page((i % 2) * 100, Math.min(100, live - (i % 2) * 100), live))
  await runPhase(created, concurrency, (i) => side.ops.deactivate(ids[i]!))
  return created
}

/** Slices of a phase that the sides take turns at, so that drift of the machine hits them alike. */
export const SLICES = 4

/**
 * Runs one operation on every side, in SLICES rounds of the sides' turns (API, floor, ceiling, then
 * again): the VM's speed and PostgreSQL's background work (autovacuum after the writes, checkpoints)
 * change within a phase, and a side measured all at once, first, would take all of that drift.
 */
export async function measureInTurns(sides: { side: Side; plan: PlannedPhase }[], concurrency: number): Promise<Measured[]> {
  const parts: Measured[][] = sides.map(() => [])
  for (let slice = 0; slice < SLICES; slice++) {
    for (const [k, { side, plan }] of sides.entries()) {
      const from = Math.floor((slice * plan.count) / SLICES)
      const to = Math.floor(((slice + 1) * plan.count) / SLICES)
      if (to > from) parts[k]!.push(await measure(side, to - from, concurrency, (i) => plan.run(from + i)))
    }
  }
  return parts.map(merge)
}

/** One phase's result from its slices: counts, time and CPU add up, latencies pool. */
function merge(parts: Measured[]): Measured {
  const count = parts.reduce((sum, p) => sum + p.count, 0)
  const latencies = new Float64Array(count)
  let offset = 0
  for (const part of parts) {
    latencies.set(part.latencies, offset)
    offset += part.count
  }
  latencies.sort()
  const perRequest = (value: (p: Measured) => number | undefined) =>
    parts.some((p) => value(p) === undefined) ? undefined : parts.reduce((sum, p) => sum + value(p)! * p.count, 0) / count
  return {
    count,
    seconds: parts.reduce((sum, p) => sum + p.seconds, 0),
    latencies,
    statementsPerRequest: perRequest((p) => p.statementsPerRequest)!,
    clientCpuMsPerRequest: perRequest((p) => p.clientCpuMsPerRequest)!,
    postgresCpuMsPerRequest: perRequest((p) => p.postgresCpuMsPerRequest),
    cpuMsPerRequest: perRequest((p) => p.cpuMsPerRequest),
  }
}
