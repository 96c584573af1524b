// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { USER_ACTIONS, isUserActionAllowed, type UserState } from '../../admin/src/plugin'
import { apiError, fakeRoster } from './support/fakeRoster'
import { userFixture } from './support/fixtures'
import { fakeClipboard, renderAdmin } from './support/renderAdmin'

const ITEMS = ['Copy invitation link', 'Resend invitation link', 'Send new invitation', 'Edit', 'Remove']

// product.md, "The Users page": which of the five items are enabled, per state.
const EXPECTED: Record<UserState, string[]> = {
  invited: ['Copy invitation link', 'Resend invitation link', 'Edit', 'Remove'],
  invitation_expired: ['Send new invitation', 'Edit', 'Remove'],
  active: ['Edit', 'Remove'],
  blocked: ['Edit', 'Remove'],
}

async function openMenuOf(name: string) {
  fireEvent.click(await screen.findByRole('button', { name: `Actions for ${name}` }))
  return screen.findByRole('menu')
}

describe('the users list actions menu', () => {
  it.each(Object.entries(EXPECTED))(
    'lists all five items for %s users, greying out those that do not apply',
    async (state, enabled) => {
      const user = userFixture(state as UserState)
      const { dataProvider } = fakeRoster({ users: [user] })
      renderAdmin(dataProvider, '/users')

      const menu = await openMenuOf(`${user.firstName} ${user.lastName}`)
      const items = within(menu).getAllByRole('menuitem')
      expect(items.map((item) => item.textContent)).toEqual(ITEMS)
      const enabledItems = items.filter((item) => item.getAttribute('aria-disabled') !== 'true')
      expect(enabledItems.map((item) => item.textContent)).toEqual(enabled)
    },
  )

  it('takes its rules from the one table the details page uses too', () => {
    const allowed = (state: UserState) => USER_ACTIONS.filter((action) => isUserActionAllowed(state, action))
    expect(allowed('invited')).toEqual(['copyInvitationLink', 'resendInvitation', 'edit', 'remove'])
    expect(allowed('invitation_expired')).toEqual(['sendNewInvitation', 'edit', 'remove'])
    expect(allowed('active')).toEqual(['edit', 'remove'])
    expect(allowed('blocked')).toEqual(['edit', 'remove'])
  })

  it('copies the invitation link and confirms it', async () => {
    const writeText = fakeClipboard()
    const { dataProvider } = fakeRoster({ users: [userFixture('invited')] })
    renderAdmin(dataProvider, '/users')

    fireEvent.click(within(await openMenuOf('Ron Ronald')).getByRole('menuitem', { name: 'Copy invitation link' }))

    expect(await screen.findByText('Link copied')).toBeTruthy()
    expect(dataProvider.getInvitationLink).toHaveBeenCalledWith('users', { id: 'USR-invited' })
    expect(writeText).toHaveBeenCalledWith('https://roster.example/invite/USR-invited')
  })

  it('resends the invitation and says so', async () => {
    const { dataProvider } = fakeRoster({ users: [userFixture('invited')] })
    renderAdmin(dataProvider, '/users')

    fireEvent.click(within(await openMenuOf('Ron Ronald')).getByRole('menuitem', { name: 'Resend invitation link' }))

    expect(await screen.findByText('Invitation link sent again to ron@stark.example')).toBeTruthy()
    expect(dataProvider.resendInvitation).toHaveBeenCalledWith('users', { id: 'USR-invited' })
  })

  it('sends a new invitation to an expired user and says so', async () => {
    const { dataProvider } = fakeRoster({ users: [userFixture('invitation_expired')] })
    renderAdmin(dataProvider, '/users')

    fireEvent.click(within(await openMenuOf('Tom Thompson')).getByRole('menuitem', { name: 'Send new invitation' }))

    expect(await screen.findByText('A new invitation was sent to tom@stark.example')).toBeTruthy()
    expect(dataProvider.sendNewInvitation).toHaveBeenCalledWith('users', { id: 'USR-invitation_expired' })
  })

  it("shows the server's refusal in a toast", async () => {
    const { dataProvider } = fakeRoster({ users: [userFixture('invitation_expired')] })
    dataProvider.sendNewInvitation.mockRejectedValueOnce(
      apiError(409, 'invalid_state', 'The invitation was already renewed.'),
    )
    renderAdmin(dataProvider, '/users')

    fireEvent.click(within(await openMenuOf('Tom Thompson')).getByRole('menuitem', { name: 'Send new invitation' }))

    expect(await screen.findByText('The invitation was already renewed.')).toBeTruthy()
  })

  it('says the user is gone, not "User not found.", when another tab removed them, and drops the row', async () => {
    const { dataProvider, tables } = fakeRoster({ users: [userFixture('invited'), userFixture('active')] })
    renderAdmin(dataProvider, '/users')
    const menu = await openMenuOf('Ron Ronald')
    tables.users.splice(0, 1)
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Resend invitation link' }))

    expect(await screen.findByText(/^This user is no longer a member of the account/)).toBeTruthy()
    expect(screen.queryByText('User not found.')).toBeNull()
    await waitFor(() => expect(screen.queryByText('ron@stark.example')).toBeNull())
    expect(screen.getByText('andy@stark.example')).toBeTruthy()
  })

  it('refreshes the row after a refusal too: an invitation expired meanwhile offers Send new invitation', async () => {
    const { dataProvider, tables } = fakeRoster({ users: [userFixture('invited')] })
    renderAdmin(dataProvider, '/users')
    const menu = await openMenuOf('Ron Ronald')
    // The 7 days passed while the page was open.
    tables.users[0] = { ...tables.users[0]!, state: 'invitation_expired' }
    dataProvider.resendInvitation.mockRejectedValueOnce(
      apiError(409, 'invalid_state', 'The invitation has expired; send a new invitation instead.'),
    )
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Resend invitation link' }))

    expect(await screen.findByText('The invitation has expired; send a new invitation instead.')).toBeTruthy()
    const row = screen.getByText('ron@stark.example').closest('tr') as HTMLElement
    await waitFor(() => expect(within(row).queryAllByText('Invitation expired')).not.toHaveLength(0))
    const again = await openMenuOf('Ron Ronald')
    expect(within(again).getByRole('menuitem', { name: 'Send new invitation' }).getAttribute('aria-disabled')).toBeNull()
  })

  it('shows the row busy while the invitation is being sent', async () => {
    const { dataProvider } = fakeRoster({ users: [userFixture('invitation_expired')] })
    const send = dataProvider.sendNewInvitation.getMockImplementation()!
    let answer!: () => void
    dataProvider.sendNewInvitation.mockImplementationOnce(async (...args) => {
      await new Promise<void>((resolve) => (answer = resolve))
      return send(...args)
    })
    renderAdmin(dataProvider, '/users')

    fireEvent.click(within(await openMenuOf('Tom Thompson')).getByRole('menuitem', { name: 'Send new invitation' }))

    const row = screen.getByText('tom@stark.example').closest('tr') as HTMLElement
    expect(await within(row).findByRole('progressbar', { name: 'Sending a new invitation…' })).toBeTruthy()
    answer()
    expect(await screen.findByText('A new invitation was sent to tom@stark.example')).toBeTruthy()
    expect(within(row).queryByRole('progressbar')).toBeNull()
  })
})
