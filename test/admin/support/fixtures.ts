import type { ApiToken, Group, ProvisioningLogEntry, User, UserEvent, UserState } from '../../../admin/src/plugin'

export const groupFixtures: Group[] = [
  {
    id: 'UGR-1',
    name: 'Administrators',
    description: 'All modules, including administration',
    isDefault: true,
    memberCount: 2,
    createdAt: '2021-01-01T00:00:00.000Z',
  },
  {
    id: 'UGR-2',
    name: 'German sub',
    description: null,
    isDefault: false,
    memberCount: 3,
    createdAt: '2021-01-02T00:00:00.000Z',
  },
  {
    id: 'UGR-3',
    name: 'Procurement admins',
    description: 'Admins responsible for purchases',
    isDefault: false,
    memberCount: 0,
    createdAt: '2021-01-03T00:00:00.000Z',
  },
]

export function userFixture(state: UserState, overrides: Partial<User> = {}): User {
  const names: Record<UserState, [string, string]> = {
    invited: ['Ron', 'Ronald'],
    invitation_expired: ['Tom', 'Thompson'],
    active: ['Andy', 'Anderson'],
    blocked: ['Bea', 'Blocked'],
  }
  const [firstName, lastName] = names[state]
  const joined = state === 'active' || state === 'blocked'
  return {
    id: `USR-${state}`,
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}@stark.example`,
    countryCode: null,
    phone: null,
    state,
    groupIds: ['UGR-2'],
    invitedAt: '2021-12-15T14:58:00.000Z',
    expiresAt: '2021-12-22T14:58:00.000Z',
    joinedAt: joined ? '2021-10-23T11:34:00.000Z' : null,
    lastSignInAt: joined ? '2021-11-11T20:38:00.000Z' : null,
    invitedBy: { id: 'USR-admin', name: 'Sarah Sanderson' },
    ...overrides,
  }
}

export const userFixtures: User[] = [
  userFixture('active', { groupIds: ['UGR-1'] }),
  userFixture('invited', { groupIds: ['UGR-1', 'UGR-2'] }),
  userFixture('invitation_expired'),
  userFixture('blocked'),
]

export const eventFixtures: UserEvent[] = [
  {
    id: 'EVT-1',
    userId: 'USR-invited',
    type: 'invited',
    actor: { type: 'administrator', label: 'Sarah Sanderson' },
    data: null,
    occurredAt: '2021-12-15T14:58:00.000Z',
  },
  {
    id: 'EVT-2',
    userId: 'USR-invited',
    type: 'invitation_resent',
    actor: { type: 'administrator', label: 'Sarah Sanderson' },
    data: null,
    occurredAt: '2021-12-16T09:00:00.000Z',
  },
]

export const apiTokenFixtures: ApiToken[] = [
  {
    id: 'TOK-1',
    name: 'Entra ID production',
    prefix: 'roster_scim_AbCd',
    provisionGroupId: 'UGR-2',
    sendInvitationEmail: true,
    createdAt: '2021-11-01T09:00:00.000Z',
    lastUsedAt: '2021-12-16T10:15:00.000Z',
    revokedAt: null,
  },
  {
    id: 'TOK-2',
    name: 'Okta staging',
    prefix: 'roster_scim_Zy9x',
    provisionGroupId: 'UGR-1',
    sendInvitationEmail: false,
    createdAt: '2021-11-02T09:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
  },
]

/** `count` log entries, one a minute back from 16 Dec 2021 10:00; every third one failed. */
export function provisioningLogFixtures(count = 6): ProvisioningLogEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const failed = index % 3 === 2
    const token = apiTokenFixtures[index % 2]!
    return {
      id: `LOG-${index + 1}`,
      tokenId: token.id,
      tokenName: token.name,
      method: failed ? 'POST' : 'GET',
      path: failed ? '/scim/v2/Users' : `/scim/v2/Users?startIndex=${index + 1}`,
      status: failed ? 409 : 200,
      durationMs: 10 + index,
      summary: failed ? `Conflict ${index + 1}: the email is taken` : `Listed users ${index + 1}`,
      at: new Date(Date.UTC(2021, 11, 16, 10, 0) - index * 60_000).toISOString(),
    }
  })
}
