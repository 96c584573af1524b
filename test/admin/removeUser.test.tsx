// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { apiError, fakeRoster } from './support/fakeRoster'
import { userFixture } from './support/fixtures'
import { renderAdmin } from './support/renderAdmin'

const TEXT = 'Are you sure you want to remove the user "Andy Anderson"? This user can be invited back in the future.'

async function openRemoveDialog() {
  fireEvent.click(await screen.findByRole('button', { name: 'Actions for Andy Anderson' }))
  fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Remove' }))
  return screen.findByRole('dialog', { name: 'Remove user' })
}

describe('removing a user', () => {
  it('asks with the exact words, then deletes the membership', async () => {
    const andy = userFixture('active')
    const { dataProvider, tables } = fakeRoster({ users: [andy, userFixture('invited')] })
    renderAdmin(dataProvider, '/users')

    const dialog = await openRemoveDialog()
    expect(within(dialog).getByText(TEXT)).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }))

    expect(await screen.findByText('Andy Anderson was removed from the account')).toBeTruthy()
    expect(dataProvider.delete).toHaveBeenCalledTimes(1)
    expect(dataProvider.delete.mock.calls[0]?.[0]).toBe('users')
    expect(dataProvider.delete.mock.calls[0]?.[1]).toMatchObject({ id: andy.id })
    expect(tables.users.map((user) => user.id)).toEqual(['USR-invited'])
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Actions for Andy Anderson' })).toBeNull())
  })

  it('does nothing when cancelled', async () => {
    const { dataProvider } = fakeRoster({ users: [userFixture('active')] })
    renderAdmin(dataProvider, '/users')

    const dialog = await openRemoveDialog()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Remove user' })).toBeNull())
    expect(dataProvider.delete).not.toHaveBeenCalled()
  })

  it('says the user is gone, not "User not found.", when another tab removed them first', async () => {
    const { dataProvider, tables } = fakeRoster({ users: [userFixture('active'), userFixture('invited')] })
    renderAdmin(dataProvider, '/users')

    const dialog = await openRemoveDialog()
    tables.users.splice(0, 1)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }))

    expect(await screen.findByText(/^This user is no longer a member of the account/)).toBeTruthy()
    expect(screen.queryByText('User not found.')).toBeNull()
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Actions for Andy Anderson' })).toBeNull())
  })

  it("shows the server's reason when it refuses (removing yourself)", async () => {
    const { dataProvider } = fakeRoster({ users: [userFixture('active')] })
    const reason = 'You cannot remove yourself from this account.'
    dataProvider.delete.mockRejectedValueOnce(apiError(409, 'conflict', reason))
    renderAdmin(dataProvider, '/users')

    const dialog = await openRemoveDialog()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }))

    expect(await screen.findByText(reason)).toBeTruthy()
    expect(await screen.findByRole('button', { name: 'Actions for Andy Anderson' })).toBeTruthy()
  })
})
