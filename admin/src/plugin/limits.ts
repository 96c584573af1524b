/**
 * The server's limits, said in the forms before a round trip. They must equal the API's
 * (test/unit/limits.test.ts compares them): the server has the last word.
 */
export const LIMITS = {
  /** A first or last name (api/core/people.ts). */
  personName: 100,
  /** A group's name: names pushed by Entra ID and Okta may be this long (api/core/groups.ts). */
  groupName: 256,
  /** A group's description (api/core/groups.ts). */
  groupDescription: 1000,
} as const
