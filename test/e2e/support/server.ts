import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './paths'

export interface RunningServer {
  baseUrl: string
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string
  stop: () => Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts the real Node entry (`node --import tsx api/node.ts`) on a free port with a fresh data
 * directory: embedded PGlite, the development mailbox, the seeded demo account and the test clock.
 */
export async function startServer({ startupMs = 90_000 } = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'roster-e2e-'))
  const port = await freePort()
  const baseUrl = `http://localhost:${port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/node.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATA_DIR: dataDir,
      ROSTER_TEST_CLOCK: 'true',
      DATABASE_URL: '',
      RESEND_API_KEY: '',
      APP_URL: '',
      APP_SECRET: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))

  const stop = async () => {
    await stopChild(child)
    await rm(dataDir, { recursive: true, force: true })
  }

  const deadline = Date.now() + startupMs
  while (!output.includes('Roster is running at')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`The server did not start (exit code ${child.exitCode}):\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  if (!output.includes(`Roster is running at ${baseUrl}`)) {
    await stop()
    throw new Error(`The server runs at an unexpected address:\n${output}`)
  }
  return { baseUrl, output: () => output, stop }
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const killed = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))])
  if (!killed) {
    child.kill('SIGKILL')
    await exited
  }
}
