import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openPglite } from '../../api/db/pglite.js'

/** Migrates one PGlite database once; each test file starts from a copy (initdb is slow). */
export default async function setup(project: TestProject) {
  const database = await openPglite()
  await database.migrate()
  const dump = await database.client.dumpDataDir('none')
  await database.close()
  const file = join(await mkdtemp(join(tmpdir(), 'roster-pglite-')), 'template.tar')
  await writeFile(file, Buffer.from(await dump.arrayBuffer()))
  project.provide('pgliteTemplate', file)
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
    postgresTemplate: string
    postgresRun: string
  }
}
