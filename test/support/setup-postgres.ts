import postgres from 'postgres'
import type { TestProject } from 'vitest/node'
import { openPostgres } from '../../api/db/postgres.js'

const TEMPLATE = 'roster_test_template'

function urlFor(base: string, database: string) {
  const url = new URL(base)
  url.pathname = `/${database}`
  return url.toString()
}

/** Migrates a template database once; each test file gets its own copy (CREATE DATABASE ... TEMPLATE). */
export default async function setup(project: TestProject) {
  const base = process.env.TEST_DATABASE_URL!
  const admin = postgres(base, { max: 1, onnotice: () => {} })
  const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'roster_test_%'`
  for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`)
  await admin.unsafe(`create database ${TEMPLATE}`)
  const template = openPostgres(urlFor(base, TEMPLATE), { max: 1 })
  await template.migrate()
  await template.close()
  await admin.end()
  project.provide('postgresTemplate', TEMPLATE)
  return async () => {
    const cleanup = postgres(base, { max: 1, onnotice: () => {} })
    const dbs = await cleanup<{ datname: string }[]>`select datname from pg_database where datname like 'roster_test_%'`
    for (const { datname } of dbs) await cleanup.unsafe(`drop database if exists "${datname}" with (force)`)
    await cleanup.end()
  }
}
