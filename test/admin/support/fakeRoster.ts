import type { GetListParams, RaRecord } from 'react-admin'
import { vi } from 'vitest'
import type {
  ApiToken,
  Group,
  MailboxEmail,
  NewUser,
  ProvisioningLogEntry,
  RosterDataProvider,
  User,
  UserEvent,
} from '../../../admin/src/plugin'
import { apiError } from './apiError'
import { createApiToken, liveToken, updateApiToken } from './fakeApiTokens'
import { apiTokenFixtures, eventFixtures, groupFixtures, userFixtures } from './fixtures'

export { apiError }

export interface FakeRosterOptions {
  users?: User[]
  groups?: Group[]
  events?: UserEvent[]
  emails?: MailboxEmail[]
  apiTokens?: ApiToken[]
  provisioningLog?: ProvisioningLogEntry[]
  /** Emails that checkEmail reports as already members, though not in `users`. */
  takenEmails?: string[]
}

type Tables = {
  users: User[]
  groups: Group[]
  events: UserEvent[]
  emails: MailboxEmail[]
  'api-tokens': ApiToken[]
  'provisioning-log': ProvisioningLogEntry[]
}

const nameOf = (record: RaRecord) =>
  'firstName' in record ? `${String(record.firstName)} ${String(record.lastName)}` : String(record.name ?? '')

function matchesFilter(record: RaRecord, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => {
    if (value === undefined || value === '') return true
    if (key === 'q') {
      const text = `${nameOf(record)} ${String(record.email ?? '')}`.toLowerCase()
      return text.includes(String(value).toLowerCase())
    }
    if (key === 'id' && Array.isArray(value)) return value.includes(record.id)
    // provisioning-log: `failed` is true for 4xx and 5xx answers, false for the others.
    if (key === 'failed') return (Number(record.status) >= 400) === value
    // api-tokens: revoked ones too (see `live` below).
    if (key === 'includeRevoked') return true
    if (key === 'groupId') return ((record.groupIds as string[] | undefined) ?? []).includes(String(value))
    return record[key] === value
  })
}

function sortValue(record: RaRecord, field: string): string {
  return field === 'name' ? nameOf(record) : String(record[field] ?? '')
}

/**
 * An in-memory stand-in for the Roster REST API at the data provider's edge: same methods, same
 * records, same error bodies. Every method is a vi.fn so tests can assert the calls.
 */
export function fakeRoster(options: FakeRosterOptions = {}) {
  const tables: Tables = {
    users: structuredClone(options.users ?? userFixtures),
    groups: structuredClone(options.groups ?? groupFixtures),
    events: structuredClone(options.events ?? eventFixtures),
    emails: structuredClone(options.emails ?? []),
    'api-tokens': structuredClone(options.apiTokens ?? apiTokenFixtures),
    'provisioning-log': structuredClone(options.provisioningLog ?? []),
  }
  const taken = new Set((options.takenEmails ?? []).map((email) => email.toLowerCase()))
  let sequence = 100

  const table = (resource: string): RaRecord[] => {
    const rows = tables[resource as keyof Tables]
    if (!rows) throw apiError(404, 'not_found', `Unknown resource ${resource}`)
    return rows
  }
  const find = (resource: string, id: unknown) => {
    const record = table(resource).find((row) => row.id === id)
    if (!record) throw apiError(404, 'not_found', 'User not found.')
    return record
  }
  const list = (resource: string, params: Pick<GetListParams, 'filter' | 'sort' | 'pagination'>) => {
    const { field, order } = params.sort ?? { field: 'id', order: 'ASC' }
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 }
    const filter = params.filter ?? {}
    // As the API: revoked tokens only when asked for, or named by id.
    const live = (row: RaRecord) => resource !== 'api-tokens' || !row.revokedAt || filter.includeRevoked || filter.id
    const rows = table(resource)
      .filter((row) => live(row) && matchesFilter(row, filter))
      .sort((a, b) => sortValue(a, field).localeCompare(sortValue(b, field)) * (order === 'DESC' ? -1 : 1))
    return { data: rows.slice((page - 1) * perPage, page * perPage), total: rows.length }
  }
  const isMember = (email: string) =>
    taken.has(email.trim().toLowerCase()) ||
    tables.users.some((user) => user.email.toLowerCase() === email.trim().toLowerCase())
  // As the API: an unknown group is refused on Add (400), and on a groups edit as deleted meanwhile (409).
  const unknownGroup = (groupIds: unknown) =>
    Array.isArray(groupIds) && groupIds.some((id) => !tables.groups.some((group) => group.id === id))
  const inState = (id: string, state: User['state']) => {
    const user = find('users', id) as User
    if (user.state !== state) throw apiError(409, 'invalid_state', `The user is ${user.state}.`)
    return user
  }

  const dataProvider = {
    getList: vi.fn(async (resource: string, params: GetListParams) => list(resource, params)),
    getOne: vi.fn(async (resource: string, params: { id: unknown }) => ({
      data: resource === 'api-tokens' ? liveToken(tables, params.id) : find(resource, params.id),
    })),
    getMany: vi.fn(async (resource: string, params: { ids: unknown[] }) => ({
      data: table(resource).filter((row) => params.ids.includes(row.id)),
    })),
    getManyReference: vi.fn(async (resource: string, params: GetListParams & { target: string; id: unknown }) =>
      list(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } }),
    ),
    create: vi.fn(async (resource: string, params: { data: Record<string, unknown> }) => {
      if (resource === 'users') {
        const input = params.data as unknown as NewUser
        if (unknownGroup(input.groupIds)) {
          throw apiError(400, 'validation_failed', 'One or more groups do not exist in this account.', {
            groupIds: 'Choose groups of this account.',
          })
        }
        if (isMember(input.email)) {
          const message = 'This email is already a member of this account'
          throw apiError(409, 'conflict', message, { email: message })
        }
        const now = new Date().toISOString()
        const user: User = {
          id: `USR-${sequence++}`,
          countryCode: input.countryCode ?? null,
          phone: input.phone ?? null,
          ...input,
          state: 'invited',
          invitedAt: now,
          expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          joinedAt: null,
          lastSignInAt: null,
          invitedBy: { id: 'USR-admin', name: 'Sarah Sanderson' },
        }
        tables.users.push(user)
        return { data: user }
      }
      if (resource === 'api-tokens') return { data: createApiToken(tables, params.data, sequence++) }
      const record = { id: `REC-${sequence++}`, ...params.data }
      table(resource).push(record)
      return { data: record }
    }),
    update: vi.fn(async (resource: string, params: { id: unknown; data: Record<string, unknown> }) => {
      if (resource === 'api-tokens') return { data: updateApiToken(tables, params.id, params.data) }
      if (resource === 'users' && unknownGroup(params.data.groupIds)) {
        throw apiError(409, 'conflict', 'A group you chose was deleted meanwhile; choose the groups again.', {
          groupIds: 'A chosen group no longer exists.',
        })
      }
      const record = find(resource, params.id)
      Object.assign(record, params.data)
      return { data: record }
    }),
    updateMany: vi.fn(async () => ({ data: [] })),
    delete: vi.fn(async (resource: string, params: { id: unknown }) => {
      // As the API: a revoked token is kept, marked, and holds no group.
      if (resource === 'api-tokens') {
        const token = liveToken(tables, params.id)
        return { data: Object.assign(token, { revokedAt: new Date().toISOString(), provisionGroupId: null }) }
      }
      const record = find(resource, params.id)
      const rows = table(resource)
      rows.splice(rows.indexOf(record), 1)
      return { data: record }
    }),
    deleteMany: vi.fn(async () => ({ data: [] })),
    resendInvitation: vi.fn(async (_resource: string, { id }: { id: string }) => ({ data: inState(id, 'invited') })),
    sendNewInvitation: vi.fn(async (_resource: string, { id }: { id: string }) => {
      const user = inState(id, 'invitation_expired')
      user.state = 'invited'
      return { data: user }
    }),
    getInvitationLink: vi.fn(async (_resource: string, { id }: { id: string }) => {
      inState(id, 'invited')
      return { data: { url: `https://roster.example/invite/${id}` } }
    }),
    checkEmail: vi.fn(async (email: string) =>
      isMember(email)
        ? { available: false, message: 'This email is already a member of this account' }
        : { available: true },
    ),
  }

  return { dataProvider: dataProvider as typeof dataProvider & RosterDataProvider, tables }
}
