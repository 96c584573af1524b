import type { Group, User, UserEvent, UserState } from '../../../admin/src/plugin'

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
