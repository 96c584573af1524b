import { resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../../..')
/** Gitignored: one full-page PNG per step of the last run. */
export const ARTIFACTS_DIR = resolve(ROOT, 'test-artifacts/e2e')
