// Which SCIM list statements postgres.js prepares. On pooled connections (Node) a prepared
// statement lives with the connection, so only the first list shapes a process sees are prepared;
// connections per request (Workers, through Hyperdrive) prepare every one, as Hyperdrive wants.
// The driver is recorded at its edge: what the app asks of it, not what PostgreSQL does.
import { describe, expect, it } from 'vitest'
import { listScimUsers } from '../../api/scim/users/store.js'
import type { Database } from '../../api/core/types.js'

function recordingDatabase() {
  const prepared: boolean[] = []
  const client = {
    unsafe: (_text: string, _params: unknown[], options: { prepare: boolean }) => {
      prepared.push(options.prepare)
      return Object.assign(Promise.resolve([]), { execute: async () => [] })
    },
  }
  return { db: { $client: client } as unknown as Database, prepared }
}

// Each page size is a statement text of its own (the size is written into it).
const pages = (db: Database, sizes: number[], prepareEveryShape?: boolean) =>
  Promise.all(sizes.map((limit) => listScimUsers(db, crypto.randomUUID(), { descending: false, offset: 0, limit, prepareEveryShape })))

describe('SCIM list statements', () => {
  it('prepares only the first shapes a process sees on pooled connections, and every shape per request', async () => {
    const sizes = Array.from({ length: 100 }, (_, i) => 1000 - i)
    const pooled = recordingDatabase()
    await pages(pooled.db, sizes)
    expect(pooled.prepared.filter((prepare) => !prepare).length).toBeGreaterThan(0)

    const perRequest = recordingDatabase()
    await pages(perRequest.db, sizes, true)
    expect(perRequest.prepared.length).toBeGreaterThan(100)
    expect(perRequest.prepared.every((prepare) => prepare)).toBe(true)
  })
})
