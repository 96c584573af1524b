// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { UserEvent } from '../../admin/src/plugin'
import { fakeRoster } from './support/fakeRoster'
import { renderAdmin } from './support/renderAdmin'

const declined: UserEvent = {
  id: 'EVT-10',
  userId: 'USR-gone',
  user: { name: null, email: 'mia@stark.example', current: false, currentId: null },
  type: 'invitation_declined',
  actor: { type: 'invitee', label: 'Mia Keller' },
  data: null,
  occurredAt: '2021-12-17T10:00:00.000Z',
}
const regrouped: UserEvent = {
  id: 'EVT-11',
  userId: 'USR-invited',
  user: { name: 'Andy Invited', email: 'andy@stark.example', current: true, currentId: 'USR-invited' },
  type: 'groups_changed',
  actor: { type: 'api_token', label: "token 'okta-prod'" },
  data: { added: ['Support'], removed: [] },
  occurredAt: '2021-12-18T10:00:00.000Z',
}

describe('History', () => {
  it('lists the account’s changes with their people, former members included, and filters by change', async () => {
    const { dataProvider } = fakeRoster({ events: [declined, regrouped] })
    renderAdmin(dataProvider, '/events')

    const table = await screen.findByRole('table')
    await within(table).findByText('Invitation declined')
    expect(within(table).getAllByText('Former member')).toHaveLength(1)
    expect(within(table).getByText('mia@stark.example')).toBeTruthy()
    expect(within(table).getByText('Groups changed')).toBeTruthy()
    expect(within(table).getByText('Added to Support')).toBeTruthy()
    expect(within(table).getByText('identity provider')).toBeTruthy()
    expect(within(table).getByText('andy@stark.example')).toBeTruthy()

    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Change' }))
    fireEvent.click(within(await screen.findByRole('listbox')).getByText('Invitation declined'))
    await waitFor(() => expect(within(table).queryByText('Groups changed')).toBeNull())
    expect(dataProvider.getList).toHaveBeenLastCalledWith('events', expect.objectContaining({ filter: { type: 'invitation_declined' } }))
  })
})
