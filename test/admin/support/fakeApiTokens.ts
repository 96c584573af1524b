import type { ApiToken, CreatedApiToken, Group } from '../../../admin/src/plugin'
import { apiError } from './apiError'

/** What the fake's api-tokens calls need of its tables. */
interface TokenTables {
  groups: Group[]
  'api-tokens': ApiToken[]
}

const DUPLICATE = 'A token with this name already exists.'

function assertUniqueName(tables: TokenTables, name: string, exceptId?: string) {
  const taken = tables['api-tokens'].some(
    (token) => token.id !== exceptId && token.name.toLowerCase() === name.trim().toLowerCase(),
  )
  if (taken) throw apiError(409, 'conflict', `A token named "${name}" already exists.`, { name: DUPLICATE })
}

function assertGroup(tables: TokenTables, groupId: unknown) {
  if (!tables.groups.some((group) => group.id === groupId)) {
    const message = 'Choose a group of this account.'
    throw apiError(422, 'validation_failed', message, { provisionGroupId: message })
  }
}

/** As the API: no group given means "Provisioned users", created on first need. */
function provisionedGroup(tables: TokenTables): string {
  const existing = tables.groups.find((group) => group.name.toLowerCase() === 'provisioned users')
  if (existing) return existing.id
  const group: Group = {
    id: 'UGR-provisioned',
    name: 'Provisioned users',
    description: 'Users created by an identity provider.',
    isDefault: false,
    memberCount: 0,
    createdAt: new Date().toISOString(),
  }
  tables.groups.push(group)
  return group.id
}

/** `POST api-tokens`: the record, stored without its secret, and the secret once in the answer. */
export function createApiToken(tables: TokenTables, data: Record<string, unknown>, sequence: number): CreatedApiToken {
  const name = String(data.name ?? '')
  assertUniqueName(tables, name)
  if (data.provisionGroupId !== undefined) assertGroup(tables, data.provisionGroupId)
  const secret = `roster_scim_Tk${sequence}SecretValueThatIsLong`
  const record: ApiToken = {
    id: `TOK-${sequence}`,
    name: name.trim(),
    prefix: secret.slice(0, 'roster_scim_'.length + 4),
    provisionGroupId: (data.provisionGroupId as string | undefined) ?? provisionedGroup(tables),
    sendInvitationEmail: (data.sendInvitationEmail as boolean | undefined) ?? true,
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  }
  tables['api-tokens'].push(record)
  return { ...record, token: secret }
}

/** As the API: a revoked token is gone (410), to read, change or revoke again; an unknown id is not found. */
export function liveToken(tables: TokenTables, id: unknown): ApiToken {
  const token = tables['api-tokens'].find((row) => row.id === id)
  if (!token) throw apiError(404, 'not_found', 'API token not found.')
  if (token.revokedAt) throw apiError(410, 'gone', `The API token "${token.name}" was revoked on ${token.revokedAt}; it cannot be used or changed.`)
  return token
}

/** `PUT api-tokens/:id`: name, group and the invitation switch only. */
export function updateApiToken(tables: TokenTables, id: unknown, data: Record<string, unknown>): ApiToken {
  const token = liveToken(tables, id)
  if (typeof data.name === 'string') assertUniqueName(tables, data.name, token.id)
  if (data.provisionGroupId !== undefined) assertGroup(tables, data.provisionGroupId)
  // Like the API's schema, anything else in the body is ignored.
  const { name, provisionGroupId, sendInvitationEmail } = data as Partial<ApiToken>
  if (name !== undefined) token.name = name.trim()
  if (provisionGroupId !== undefined) token.provisionGroupId = provisionGroupId
  if (sendInvitationEmail !== undefined) token.sendInvitationEmail = sendInvitationEmail
  return token
}
