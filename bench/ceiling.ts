import type { Operations } from './app-operations.js'
import { entraUser, type ScimHttp } from './http.js'

/** The floor's operations through the ceiling server's bare endpoints (bench/ceiling-server.ts). */
export function ceilingOperations(client: ScimHttp): Operations {
  const userName = (value: string) => encodeURIComponent(value)
  return {
    async create(i: number, name: string): Promise<string> {
      // The same body the API gets, so that the request carries as much as the API's does.
      const created = await client.expect(201, 'POST', `/create/${i}/${userName(name)}`, entraUser(i, name))
      return created.id
    },
    async lookup(name: string, expected: 0 | 1) {
      await client.expect(204, 'GET', `/lookup/${userName(name)}?expected=${expected}`)
    },
    async page(offset: number, rows: number, total: number) {
      await client.expect(204, 'GET', `/page?offset=${offset}&rows=${rows}&total=${total}`)
    },
    async deactivate(membershipId: string) {
      await client.expect(204, 'PATCH', `/deactivate/${membershipId}`)
    },
    async get(membershipId: string) {
      await client.expect(204, 'GET', `/get/${membershipId}`)
    },
  }
}
