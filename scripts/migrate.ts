// Applies drizzle/migrations to the database at DATABASE_URL (production, before deploying a Worker).
import { openPostgres } from '../api/db/postgres.js'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('Set DATABASE_URL to the PostgreSQL database to migrate.')
  process.exit(1)
}
const database = openPostgres(url, { max: 1 })
await database.migrate()
await database.close()
console.log('Migrations applied.')
