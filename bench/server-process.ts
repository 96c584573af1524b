import { fork, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

export interface ServerProcess {
  port: number
  /** Microseconds of CPU (user + system) the server process has used so far, and SQL statements it sent. */
  stats(): Promise<{ cpuMicros: number; statements: number }>
  /** Resolves once the server's after-response work (provisioning log, email dispatch) is done. */
  idle(): Promise<void>
  stop(): Promise<void>
}

/** Forks bench/server.ts, or another script of the same protocol, through tsx and waits until it listens. */
export async function startServer(options: {
  databaseUrl: string
  appSecret: string
  profileDir?: string
  script?: 'server.ts' | 'ceiling-server.ts'
  env?: Record<string, string>
}): Promise<ServerProcess> {
  const execArgv = ['--import', 'tsx']
  if (options.profileDir) {
    const dir = resolve(options.profileDir)
    mkdirSync(dir, { recursive: true })
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`)
  }
  const child = fork(resolve(import.meta.dirname, options.script ?? 'server.ts'), [], {
    execArgv,
    env: { ...process.env, ...options.env, BENCH_APP_DATABASE_URL: options.databaseUrl, BENCH_APP_SECRET: options.appSecret },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = await new Promise<number>((resolvePort, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the server process exited (${code}) before listening`))
    child.once('exit', onExit)
    child.once('error', reject)
    child.once('message', (message: { type: string; port: number }) => {
      child.off('exit', onExit)
      if (message.type === 'ready') resolvePort(message.port)
      else reject(new Error(`unexpected first message from the server: ${JSON.stringify(message)}`))
    })
  })
  const ask = requester(child)
  let stopped = false
  return {
    port,
    async stats() {
      const { usage, statements } = (await ask('cpu')) as { usage: NodeJS.CpuUsage; statements: number }
      return { cpuMicros: usage.user + usage.system, statements }
    },
    async idle() {
      await ask('idle')
    },
    async stop() {
      if (stopped || child.exitCode !== null) return
      stopped = true
      const exited = new Promise((r) => child.once('exit', r))
      await Promise.race([ask('stop').catch(() => {}), new Promise((r) => setTimeout(r, 10_000))])
      if (child.exitCode === null) {
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
    },
  }
}

/** Request/response over IPC, matched by id; rejects if the child dies meanwhile. */
function requester(child: ChildProcess) {
  let nextId = 1
  const pending = new Map<number, { resolve: (m: unknown) => void; reject: (e: Error) => void }>()
  child.on('message', (message: { id?: number }) => {
    const waiter = message.id === undefined ? undefined : pending.get(message.id)
    if (!waiter) return
    pending.delete(message.id!)
    waiter.resolve(message)
  })
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the server process exited (${code})`))
    pending.clear()
  })
  return (type: string) =>
    new Promise<unknown>((resolveMessage, reject) => {
      if (child.exitCode !== null || !child.connected) return reject(new Error('the server process is not running'))
      const id = nextId++
      pending.set(id, { resolve: resolveMessage, reject })
      child.send({ type, id })
    })
}
