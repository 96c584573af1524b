// npm run dev: the API (restarting on change) and the admin UI with hot reload, which proxies
// /api, /invite and /scim to the API. Stops both on Ctrl-C.
import { spawn } from 'node:child_process'

const apiPort = process.env.PORT ?? '8787'
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'api/node.ts'], { stdio: 'inherit', env: { ...process.env, PORT: apiPort } }),
  spawn('npx', ['vite', '--config', 'admin/vite.config.ts'], {
    stdio: 'inherit',
    env: { ...process.env, ROSTER_API_URL: `http://localhost:${apiPort}` },
  }),
]
const stop = () => {
  for (const child of children) child.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children) child.on('exit', (code) => {
  stop()
  process.exitCode = code ?? 0
})
