import type { Measured, OperationName } from './phases.js'
import { opsPerSecond, percentile } from './runner.js'

/** API throughput as a share of the floor's that the API should reach at least. */
export const TARGETS: Partial<Record<OperationName, number>> = {
  creates: 25,
  'PATCH deactivations': 25,
  lookups: 40,
  'GETs by id': 40,
  pages: 60,
}

export interface Row {
  operation: OperationName
  app: Measured
  floor: Measured
  note?: string
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-')
const thousands = (value: number) => Math.round(value).toLocaleString('en-US')

export function ratio(row: Row): number {
  return (100 * opsPerSecond(row.app)) / opsPerSecond(row.floor)
}

/** The comparison as a fixed-width table, one line per operation. */
export function table(rows: Row[]): string {
  const header = ['operation', 'requests', 'app ops/s', 'floor ops/s', 'ratio %', 'target %', '', 'app p50', 'app p99', 'floor p50', 'floor p99', 'server CPU ms/req', 'SQL/req app', 'floor']
  const lines = rows.map((row) => {
    const target = TARGETS[row.operation]
    const r = ratio(row)
    return [
      row.operation,
      thousands(row.app.count),
      thousands(opsPerSecond(row.app)),
      thousands(opsPerSecond(row.floor)),
      fixed(r, 1),
      target === undefined ? '-' : `≥ ${target}`,
      target === undefined ? '' : r >= target ? 'PASS' : 'MISS',
      fixed(percentile(row.app.latencies, 0.5), 2),
      fixed(percentile(row.app.latencies, 0.99), 2),
      fixed(percentile(row.floor.latencies, 0.5), 2),
      fixed(percentile(row.floor.latencies, 0.99), 2),
      fixed(row.app.cpuMsPerRequest ?? NaN, 2),
      fixed(row.app.statementsPerRequest, 1),
      fixed(row.floor.statementsPerRequest, 1),
    ]
  })
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c]!.length)))
  const format = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-')
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.operation}: ${r.note}`)
  return [format(header), rule, ...lines.map(format), ...(notes.length ? ['notes:', ...notes] : [])].join('\n')
}

export function verdict(rows: Row[]): string {
  const judged = rows.filter((r) => TARGETS[r.operation] !== undefined)
  const missed = judged.filter((r) => ratio(r) < TARGETS[r.operation]!)
  if (missed.length === 0) return `Verdict: PASS, all ${judged.length} throughput targets met.`
  const list = missed.map((r) => `${r.operation} ${fixed(ratio(r), 1)} % < ${TARGETS[r.operation]} %`).join('; ')
  return `Verdict: MISS, ${judged.length - missed.length} of ${judged.length} targets met (${list}).`
}

/**
 * The HTTP ceiling beside the floor: how much of the floor any HTTP API can reach here, and how
 * much of that the API reaches.
 */
export function ceilingTable(rows: (Row & { ceiling: Measured })[]): string {
  const header = ['operation', 'ceiling ops/s', 'ceiling % of floor', 'target % of floor', 'API % of ceiling', 'ceiling p50', 'ceiling p99', 'ceiling CPU ms/req']
  const lines = rows.map((row) => {
    const target = TARGETS[row.operation]
    return [
      row.operation,
      thousands(opsPerSecond(row.ceiling)),
      fixed((100 * opsPerSecond(row.ceiling)) / opsPerSecond(row.floor), 1),
      target === undefined ? '-' : String(target),
      fixed((100 * opsPerSecond(row.app)) / opsPerSecond(row.ceiling), 1),
      fixed(percentile(row.ceiling.latencies, 0.5), 2),
      fixed(percentile(row.ceiling.latencies, 0.99), 2),
      fixed(row.ceiling.cpuMsPerRequest ?? NaN, 2),
    ]
  })
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c]!.length)))
  const format = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')
  return [format(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(format)].join('\n')
}

/**
 * Where each side's requests spend the machine's CPU, in ms per request: the server process, the
 * PostgreSQL processes and the bench process (HTTP client, or the floor's postgres.js). On a
 * machine this size the sum is what bounds throughput.
 */
export function cpuTable(rows: (Row & { ceiling: Measured })[]): string | undefined {
  if (rows.every((row) => row.app.postgresCpuMsPerRequest === undefined)) return undefined
  const header = ['operation', 'API server', 'API PostgreSQL', 'API client', 'API total', 'floor PostgreSQL', 'floor client', 'floor total', 'ceiling total']
  const total = (m: Measured) => (m.cpuMsPerRequest ?? 0) + (m.postgresCpuMsPerRequest ?? NaN) + m.clientCpuMsPerRequest
  const lines = rows.map((row) => [
    row.operation,
    fixed(row.app.cpuMsPerRequest ?? NaN, 2),
    fixed(row.app.postgresCpuMsPerRequest ?? NaN, 2),
    fixed(row.app.clientCpuMsPerRequest, 2),
    fixed(total(row.app), 2),
    fixed(row.floor.postgresCpuMsPerRequest ?? NaN, 2),
    fixed(row.floor.clientCpuMsPerRequest, 2),
    fixed(total(row.floor), 2),
    fixed(total(row.ceiling), 2),
  ])
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c]!.length)))
  const format = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')
  return [format(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(format)].join('\n')
}
