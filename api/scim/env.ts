import type { AuthenticatedToken, RevokedToken } from '../core/api-tokens.js'
import type { Actor } from '../core/types.js'
import type { AppEnv } from '../services.js'

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'

export type ScimEnv = {
  Variables: AppEnv['Variables'] & {
    token: AuthenticatedToken
    /** A revoked token the request was refused for (logged in its account). */
    revokedToken: RevokedToken
    /** What the request changed, in a sentence, for the provisioning log. */
    scimSummary: string
  }
}

export function tokenActor(token: AuthenticatedToken): Actor {
  return { type: 'api_token', tokenId: token.id, label: `token '${token.name}'` }
}

export function scimBaseUrl(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, '')}/scim/v2`
}
