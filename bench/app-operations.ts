import { deactivation, entraUser, filterPath, type ScimHttp } from './http.js'
import { check } from './runner.js'

/** The same operations as the floor, through the SCIM API, each answer checked. */
export function appOperations(client: ScimHttp) {
  return {
    async create(i: number, userName: string): Promise<string> {
      const user = await client.expect(201, 'POST', '/Users', entraUser(i, userName))
      check(typeof user?.id === 'string' && user.userName === userName, () => `POST /Users ${userName}: unexpected body ${JSON.stringify(user).slice(0, 300)}`)
      return user.id
    },

    async lookup(userName: string, expected: 0 | 1) {
      const list = await client.expect(200, 'GET', filterPath(userName))
      const found = list?.Resources?.[0]
      check(
        list?.totalResults === expected && (expected === 0 || found?.userName === userName),
        () => `lookup ${userName}: expected ${expected} result(s), got ${JSON.stringify(list).slice(0, 300)}`,
      )
    },

    async page(offset: number, expectedRows: number, expectedTotal: number) {
      const startIndex = offset + 1
      const list = await client.expect(200, 'GET', `/Users?startIndex=${startIndex}&count=100`)
      check(
        list?.totalResults === expectedTotal && list.itemsPerPage === expectedRows && list.Resources?.length === expectedRows && list.startIndex === startIndex,
        () => `page at ${startIndex}: expected ${expectedRows} of ${expectedTotal}, got ${list?.itemsPerPage} of ${list?.totalResults}`,
      )
    },

    async deactivate(membershipId: string) {
      const user = await client.expect(200, 'PATCH', `/Users/${membershipId}`, deactivation)
      check(user?.id === membershipId && user.active === false, () => `PATCH ${membershipId}: still active ${JSON.stringify(user).slice(0, 300)}`)
    },

    async get(membershipId: string) {
      const user = await client.expect(200, 'GET', `/Users/${membershipId}`)
      check(user?.id === membershipId, () => `GET /Users/${membershipId}: got ${JSON.stringify(user).slice(0, 300)}`)
    },
  }
}

export type Operations = ReturnType<typeof appOperations>
