import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ARTIFACTS_DIR, ROOT as root } from './paths'

/** The server serves admin/dist: build it once if it is missing (CI builds it before). */
export default async function setup() {
  if (!existsSync(resolve(root, 'admin/dist/index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'admin/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    })
  }
  // Screenshots of this run only.
  await rm(ARTIFACTS_DIR, { recursive: true, force: true })
  await mkdir(ARTIFACTS_DIR, { recursive: true })
}
