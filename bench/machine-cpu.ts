import { readdirSync, readFileSync } from 'node:fs'

/** Linux reports process times in USER_HZ ticks, which is 100 a second on every architecture. */
const MICROS_PER_TICK = 10_000

/**
 * CPU time spent so far by the PostgreSQL processes of this machine (backends, WAL writer,
 * checkpointer, autovacuum, and the children they already reaped), in microseconds; undefined when
 * PostgreSQL does not run here or /proc is unreadable. Lets the bench say how much of a request's
 * cost is the database's.
 */
export function postgresCpuMicros(): number | undefined {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return undefined
  }
  let ticks = 0
  let found = false
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // the process ended meanwhile
    }
    // "pid (comm) state ..."; comm may hold spaces, so split after its closing parenthesis.
    const close = stat.lastIndexOf(')')
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue
    const fields = stat.slice(close + 2).split(' ')
    // Fields 14–17 of stat (utime, stime, cutime, cstime) are 11–14 after "state".
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
    found = true
  }
  return found ? ticks * MICROS_PER_TICK : undefined
}

/** CPU time of this (the load-generating) process, in microseconds. */
export function ownCpuMicros(): number {
  const usage = process.cpuUsage()
  return usage.user + usage.system
}
