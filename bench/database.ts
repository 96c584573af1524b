import postgres from 'postgres'

export interface BenchDatabase {
  name: string
  url: string
  drop(): Promise<void>
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

/** A fresh, empty database `roster_bench_<random>` on the server of `base`; `drop` forces it away. */
export async function createBenchDatabase(base: string): Promise<BenchDatabase> {
  const name = `roster_bench_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  const admin = postgres(base, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`create database ${name}`)
  } finally {
    await admin.end({ timeout: 5 })
  }
  let dropped = false
  return {
    name,
    url: databaseUrl(base, name),
    async drop() {
      if (dropped) return
      dropped = true
      const cleanup = postgres(base, { max: 1, onnotice: () => {} })
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`)
      } finally {
        await cleanup.end({ timeout: 5 })
      }
    },
  }
}

/** Runs the registered clean-ups once, in reverse order, on the normal path, on errors and on Ctrl-C. */
export function cleanupStack() {
  const steps: (() => Promise<unknown> | unknown)[] = []
  let running: Promise<void> | undefined
  const runAll = () =>
    (running ??= (async () => {
      for (const step of steps.reverse()) {
        try {
          await step()
        } catch (error) {
          console.error('clean-up step failed:', error instanceof Error ? error.message : error)
        }
      }
    })())
  // `on`, not `once`: Ctrl-C reaches us twice (from the terminal and relayed by tsx), and a second
  // signal with no listener left would end the process before the database is dropped.
  let interrupted = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) return
      interrupted = true
      console.error(`\n${signal}: cleaning up...`)
      void runAll().finally(() => process.exit(130))
    })
  }
  return { add: (step: () => Promise<unknown> | unknown) => steps.push(step), runAll }
}
