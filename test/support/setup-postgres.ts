import postgres from 'postgres'
import type { TestProject } from 'vitest/node'
import { openPostgres } from '../../api/db/postgres.js'

// Per run, so that two runs on one server (a developer and CI, say) never drop each other's
// databases. The run's start time is in the name: only an old run's leftovers are dropped (a
// running one's template has no connection between two files' copies, and looks just as idle).
const RUN = `roster_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`
const LEFTOVER_AGE_MS = 24 * 3600 * 1000

function startedAt(database: string): number {
  // Eight base-36 digits of milliseconds (until 2059), then the random part: an older name ran them together.
  const match = /^roster_test_([0-9a-z]{8})_[0-9a-z]{1,4}(_|$)/.exec(database)
  return match ? parseInt(match[1]!, 36) : 0 // an older naming: long gone
}
const TEMPLATE = `${RUN}_template`

function urlFor(base: string, database: string) {
  const url = new URL(base)
  url.pathname = `/${database}`
  return url.toString()
}

/** Migrates a template database once; each test file gets its own copy (CREATE DATABASE ... TEMPLATE). */
export default async function setup(project: TestProject) {
  const base = process.env.TEST_DATABASE_URL!
  const admin = postgres(base, { max: 1, onnotice: () => {} })
  // Leftovers of crashed runs: dropped when nobody is connected to them and their run is a day old.
  const leftovers = await admin<{ datname: string }[]>`select datname from pg_database d where datname like 'roster_test_%'
    and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`
  for (const { datname } of leftovers) {
    if (Date.now() - startedAt(datname) > LEFTOVER_AGE_MS) await admin.unsafe(`drop database if exists "${datname}"`).catch(() => {})
  }
  await admin.unsafe(`create database ${TEMPLATE}`)
  const template = openPostgres(urlFor(base, TEMPLATE), { max: 1 })
  await template.migrate()
  await template.close()
  await admin.end()
  project.provide('postgresTemplate', TEMPLATE)
  project.provide('postgresRun', RUN)
  return async () => {
    const cleanup = postgres(base, { max: 1, onnotice: () => {} })
    const dbs = await cleanup<{ datname: string }[]>`select datname from pg_database where datname like ${`${RUN}%`}`
    for (const { datname } of dbs) await cleanup.unsafe(`drop database if exists "${datname}" with (force)`)
    await cleanup.end()
  }
}
