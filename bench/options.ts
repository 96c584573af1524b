import os from 'node:os'

/** Command-line options of `tsx bench/scim.ts`. */
export interface BenchOptions {
  /** Members in the account: up to API_CREATES through the API, the rest seeded with SQL. */
  users: number
  concurrency: number
  /** Connections to PostgreSQL of each side (the app's server, the floor, the ceiling's server). */
  pool: number
  /** Requests per lookup / miss / GET / PATCH phase (default min(users, 2000)). */
  ops: number
  /** Most page requests per side; a sweep longer than this is sampled evenly over the whole set. */
  maxPages: number
  baseUrl: string
  /** Write a V8 CPU profile of the server child into this directory. */
  profileDir?: string
  keepDatabase: boolean
}

/** The creates phase always goes through the API; above this many users the rest is seeded with SQL. */
export const API_CREATES = 2000

const USAGE = `usage: tsx bench/scim.ts [--users N] [--concurrency C] [--pool N] [--ops N] [--max-pages N] [--cpu-prof DIR] [--keep-db]
  --users N        members in the account (default 2000; above ${API_CREATES}, the rest is seeded with SQL)
  --concurrency C  requests in flight, for the API and for the floor (default 8)
  --pool N         PostgreSQL connections of each side: the API's server, the floor, the ceiling
                   (default twice the CPUs: PostgreSQL shares this machine, and more connections
                   than it can run at once only add switches; fewer let postgres.js pipeline)
  --ops N          requests per lookup, miss, GET and PATCH phase (default min(users, 2000))
  --max-pages N    most page requests per side (default 1000; longer sweeps are sampled evenly)
  --cpu-prof DIR   write a V8 CPU profile of the server process into DIR
  --keep-db        do not drop the benchmark database at the end
  BENCH_DATABASE_URL  server to create the benchmark database on (default postgres://postgres@127.0.0.1:5432/test)`

function positive(name: string, raw: string | undefined): number {
  const value = Number(raw?.replace(/_/g, ''))
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${raw}\n${USAGE}`)
  return value
}

export function parseOptions(argv: string[]): BenchOptions {
  const flags = new Map<string, string | undefined>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE)
      process.exit(0)
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}\n${USAGE}`)
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined]
    if (name === 'keep-db') flags.set(name, 'true')
    else flags.set(name, inline ?? argv[++i])
  }
  const known = new Set(['users', 'concurrency', 'pool', 'ops', 'max-pages', 'cpu-prof', 'keep-db'])
  for (const name of flags.keys()) if (!known.has(name)) throw new Error(`unknown option --${name}\n${USAGE}`)
  const users = flags.has('users') ? positive('--users', flags.get('users')) : 2000
  return {
    users,
    concurrency: flags.has('concurrency') ? positive('--concurrency', flags.get('concurrency')) : 8,
    pool: flags.has('pool') ? positive('--pool', flags.get('pool')) : 2 * os.cpus().length,
    ops: flags.has('ops') ? positive('--ops', flags.get('ops')) : Math.min(users, 2000),
    maxPages: flags.has('max-pages') ? positive('--max-pages', flags.get('max-pages')) : 1000,
    baseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    profileDir: flags.get('cpu-prof'),
    keepDatabase: flags.has('keep-db'),
  }
}
