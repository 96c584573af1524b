// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { HttpError } from 'react-admin'
import { describe, expect, it } from 'vitest'
import { apiError, fakeRoster } from './support/fakeRoster'
import { userFixture } from './support/fixtures'
import { renderAdmin } from './support/renderAdmin'

const GONE = 'This user is no longer a member of the account: they were removed, or declined the invitation. What happened is in History.'

/** An active member in UGR-2, their Edit dialog open at its groups step. */
async function editGroupsOfMember() {
  const user = userFixture('active', { groupIds: ['UGR-2'] })
  const roster = fakeRoster({ users: [user] })
  renderAdmin(roster.dataProvider, `/users/${user.id}`)
  const dialog = await screen.findByRole('dialog', { name: 'Edit user' })
  await within(dialog).findByText('andy@stark.example')
  fireEvent.click(within(dialog).getByRole('button', { name: 'Next' }))
  const procurement = (await within(dialog).findByLabelText(/Procurement admins/)) as HTMLInputElement
  return { user, ...roster, dialog, procurement }
}

describe('Edit user', () => {
  it('shows the details read-only, then changes the groups only', async () => {
    const user = userFixture('active', { groupIds: ['UGR-2'] })
    const { dataProvider } = fakeRoster({ users: [user] })
    renderAdmin(dataProvider, `/users/${user.id}`)

    const dialog = await screen.findByRole('dialog', { name: 'Edit user' })
    await within(dialog).findByText('andy@stark.example')
    expect(within(dialog).queryByRole('textbox')).toBeNull()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Next' }))

    const lastGroup = (await within(dialog).findByLabelText(/German sub/)) as HTMLInputElement
    // The only group cannot be unticked, and the dialog says why.
    expect(lastGroup.checked).toBe(true)
    expect(lastGroup.disabled).toBe(true)
    expect(within(dialog).getByText('A user keeps at least one group.')).toBeTruthy()

    fireEvent.click(within(dialog).getByLabelText(/Procurement admins/))
    expect(lastGroup.disabled).toBe(false)
    fireEvent.click(lastGroup)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))

    expect(await screen.findByText('Groups updated')).toBeTruthy()
    expect(dataProvider.update).toHaveBeenCalledTimes(1)
    expect(dataProvider.update.mock.calls[0]?.[1]).toMatchObject({ id: user.id, data: { groupIds: ['UGR-3'] } })
  })

  it('drops a chosen group deleted meanwhile and says so', async () => {
    const { user, dataProvider, tables, dialog, procurement } = await editGroupsOfMember()
    fireEvent.click(procurement)
    // Another administrator deletes the group, in another tab.
    tables.groups.splice(tables.groups.findIndex((group) => group.id === 'UGR-3'), 1)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))

    expect(await within(dialog).findByText('A group you chose was deleted; choose again.')).toBeTruthy()
    await waitFor(() => expect(within(dialog).queryByText('Procurement admins')).toBeNull())
    expect((within(dialog).getByLabelText(/German sub/) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))

    expect(await screen.findByText('Groups updated')).toBeTruthy()
    expect(dataProvider.update.mock.calls[1]?.[1]).toMatchObject({ id: user.id, data: { groupIds: ['UGR-2'] } })
  })

  it("says a refusal that is about no field inside the dialog, where the toasts are hidden", async () => {
    const { dataProvider, dialog, procurement } = await editGroupsOfMember()
    const lastAdmin = 'This is the last active administrator of the account; add another administrator first.'
    dataProvider.update.mockRejectedValueOnce(apiError(409, 'conflict', lastAdmin))
    fireEvent.click(procurement)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))

    expect((await within(dialog).findByRole('alert')).textContent).toBe(lastAdmin)
    expect(screen.getByRole('dialog', { name: 'Edit user' })).toBeTruthy()
    // Changing the groups again takes the old refusal away.
    fireEvent.click(procurement)
    expect(within(dialog).queryByRole('alert')).toBeNull()
  })

  it('leaves, saying why, when another tab removed the user before Save', async () => {
    const { dataProvider, tables, dialog, procurement } = await editGroupsOfMember()
    fireEvent.click(procurement)
    tables.users.splice(0, 1)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit user' })).toBeNull())
    expect(await screen.findByText(GONE)).toBeTruthy()
    expect(screen.queryByText('User not found.')).toBeNull()
    expect(dataProvider.update).toHaveBeenCalledTimes(1)
  })

  it('asks before Cancel or Escape throws away changed groups', async () => {
    const { dataProvider, dialog, procurement } = await editGroupsOfMember()
    fireEvent.click(procurement)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))

    const confirm = await screen.findByRole('dialog', { name: 'Discard the changes to the groups?' })
    const keepEditing = within(confirm).getByRole('button', { name: 'Keep editing' })
    await waitFor(() => expect(document.activeElement).toBe(keepEditing))
    fireEvent.click(keepEditing)
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Discard the changes to the groups?' })).toBeNull())
    expect(procurement.checked).toBe(true)

    fireEvent.keyDown(procurement, { key: 'Escape' })
    const again = await screen.findByRole('dialog', { name: 'Discard the changes to the groups?' })
    fireEvent.click(within(again).getByRole('button', { name: 'Discard' }))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit user' })).toBeNull())
    expect(dataProvider.update).not.toHaveBeenCalled()
  })

  it('closes on Cancel at once when the groups are as they were', async () => {
    const { dataProvider, dialog, procurement } = await editGroupsOfMember()
    fireEvent.click(procurement)
    fireEvent.click(procurement)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit user' })).toBeNull())
    expect(screen.queryByRole('dialog', { name: 'Discard the changes to the groups?' })).toBeNull()
  })
})

describe('User details', () => {
  it('says when no invitation email went out (a token that sends none, a user provisioned inactive)', async () => {
    const user = userFixture('invited', { invitationEmail: null, invitedBy: null })
    const { dataProvider } = fakeRoster({ users: [user] })
    renderAdmin(dataProvider, `/users/${user.id}/show`)
    const invitation = await screen.findByRole('region', { name: 'Invitation' })
    expect(within(invitation).getByText(/^The link has not been sent to the user; it expires on /)).toBeTruthy()
    expect(within(invitation).queryByText(/Waiting for an answer/)).toBeNull()
    expect(within(invitation).getByText(/; no email was sent with the current link: copy it, or resend it$/)).toBeTruthy()
    expect(within(invitation).queryByText(/link last sent/)).toBeNull()
  })

  it('points to no action it cannot take: an expired link sent without email, a blocked member', async () => {
    for (const [state, text] of [
      ['invitation_expired', /; no email was sent with that link$/],
      ['blocked', /^Invited by .+ on [^;]+$/],
    ] as const) {
      const user = userFixture(state, { invitationEmail: null })
      const { dataProvider } = fakeRoster({ users: [user] })
      const { unmount } = renderAdmin(dataProvider, `/users/${user.id}/show`)
      const invitation = await screen.findByRole('region', { name: 'Invitation' })
      expect(within(invitation).getByText(text)).toBeTruthy()
      expect(within(invitation).queryByText(/copy it, or resend it/)).toBeNull()
      unmount()
    }
  })

  it('shows the invitation actions of the same table, and the history', async () => {
    const user = userFixture('invited')
    const { dataProvider } = fakeRoster({ users: [user] })
    renderAdmin(dataProvider, `/users/${user.id}/show`)

    const invitation = await screen.findByRole('region', { name: 'Invitation' })
    const enabled = (name: string) => !(within(invitation).getByRole('button', { name }) as HTMLButtonElement).disabled
    expect(enabled('Copy invitation link')).toBe(true)
    expect(enabled('Resend invitation link')).toBe(true)
    expect(enabled('Send new invitation')).toBe(false)
    // Who invited, and when the link last went out (a resend restarts the 7 days from then).
    expect(within(invitation).getByText(/^Invited by Sarah Sanderson; link last sent on /)).toBeTruthy()

    const history = screen.getByRole('region', { name: 'History' })
    await within(history).findByText('Invitation link sent again')
    expect(within(history).getByText('Invited')).toBeTruthy()
    expect(within(history).getAllByText(/Sarah Sanderson \(administrator\)/)).toHaveLength(2)
    await waitFor(() =>
      expect(dataProvider.getManyReference).toHaveBeenCalledWith(
        'events',
        expect.objectContaining({ target: 'userId', id: user.id, sort: { field: 'occurredAt', order: 'DESC' } }),
      ),
    )
  })

  it('says in the history what each change changed, and who made it', async () => {
    const user = userFixture('active')
    const at = '2021-12-17T10:00:00.000Z'
    const token = { type: 'api_token' as const, label: "token 'okta-prod'" }
    const events = [
      {
        id: 'EVT-u',
        userId: user.id,
        type: 'updated' as const,
        actor: token,
        data: { changed: ['name', 'title', 'phoneNumbers', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'nickName'] },
        occurredAt: at,
      },
      { id: 'EVT-g', userId: user.id, type: 'groups_changed' as const, actor: token, data: { added: ['Engineering'], removed: ['Sales'] }, occurredAt: at },
      { id: 'EVT-r', userId: user.id, type: 'unblocked' as const, actor: token, data: { restored: 'active' }, occurredAt: at },
    ]
    const { dataProvider } = fakeRoster({ users: [user], events })
    renderAdmin(dataProvider, `/users/${user.id}/show`)

    const history = await screen.findByRole('region', { name: 'History' })
    await within(history).findByText('Details updated')
    expect(within(history).getByText('Changed: Name, Job title, Phone numbers, Enterprise attributes, Nickname')).toBeTruthy()
    expect(within(history).getByText('Added to Engineering · Removed from Sales')).toBeTruthy()
    expect(within(history).getByText('Back to Active')).toBeTruthy()
    expect(within(history).getAllByText(/token 'okta-prod' \(identity provider\)/)).toHaveLength(3)
  })

  it("shows what the identity provider keeps on the user, readably; nothing of it for a member no provider touched", async () => {
    const provisioned = userFixture('active', {
      provider: {
        userName: 'alice@contoso.onmicrosoft.com',
        externalId: 'a1b2',
        attributes: {
          title: 'Sales lead',
          phoneNumbers: [{ type: 'work', value: '+41 44 123 45 67' }],
          emails: [],
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: '701', manager: { value: 'MGR-1', displayName: 'Bob Boss' } },
        },
      },
    })
    const { dataProvider } = fakeRoster({ users: [provisioned] })
    const { unmount } = renderAdmin(dataProvider, `/users/${provisioned.id}/show`)
    const panel = await screen.findByRole('region', { name: 'Identity provider' })
    const shown = [...panel.querySelectorAll('dt')].map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`)
    expect(shown).toEqual([
      'User name: alice@contoso.onmicrosoft.com',
      'External id: a1b2',
      'Job title: Sales lead',
      'Emails: None',
      'Phone numbers: +41 44 123 45 67 (work)',
      'Employee number: 701',
      'Manager: Bob Boss',
    ])
    unmount()

    const added = userFixture('active', { provider: null })
    renderAdmin(fakeRoster({ users: [added] }).dataProvider, `/users/${added.id}/show`)
    await screen.findByRole('region', { name: 'Invitation' })
    expect(screen.queryByRole('region', { name: 'Identity provider' })).toBeNull()
  })

  it('says on one’s own page why Remove is greyed out, in words a keyboard or a tap reaches', async () => {
    const user = userFixture('active')
    renderAdmin(fakeRoster({ users: [user] }).dataProvider, `/users/${user.id}/show`, { signedInAs: user.email })
    const remove = await screen.findByRole('button', { name: 'Remove' })
    await waitFor(() => expect((remove as HTMLButtonElement).disabled).toBe(true))
    const reason = await screen.findByText('You cannot remove yourself: ask another administrator.')
    expect(remove.getAttribute('aria-describedby')).toBe(reason.id)
  })

  it('offers only a new invitation once the invitation expired', async () => {
    const user = userFixture('invitation_expired')
    const { dataProvider } = fakeRoster({ users: [user] })
    renderAdmin(dataProvider, `/users/${user.id}/show`)

    const invitation = await screen.findByRole('region', { name: 'Invitation' })
    const buttons = within(invitation).getAllByRole('button')
    expect(buttons.filter((button) => !(button as HTMLButtonElement).disabled).map((b) => b.textContent)).toEqual([
      'Send new invitation',
    ])
  })

  it('shows the general data in rows, the last sign-in among them', async () => {
    const user = userFixture('active', { lastSignInAt: null })
    const { dataProvider } = fakeRoster({ users: [user] })
    renderAdmin(dataProvider, `/users/${user.id}/show`)
    const general = await screen.findByRole('region', { name: 'General' })
    const terms = within(general).getAllByRole('term').map((term) => term.textContent)
    expect(terms).toEqual(['First name', 'Last name', 'Email address', 'Phone number', 'Last sign-in'])
    expect(within(general).getAllByRole('definition').at(-1)!.textContent).toBe('—')
  })

  it('stays on a user whose reload failed for want of an answer, and says so', async () => {
    const user = userFixture('active')
    const { dataProvider } = fakeRoster({ users: [user] })
    renderAdmin(dataProvider, `/users/${user.id}/show`)
    const general = await screen.findByRole('region', { name: 'General' })
    await within(general).findByText('andy@stark.example')
    dataProvider.getOne.mockRejectedValue(new HttpError('roster.errors.network', 0))
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    expect(await screen.findByText('Could not reach the server. Check your connection and try again.')).toBeTruthy()
    // Leaving for the list followed the message within a few hundred milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(within(screen.getByRole('region', { name: 'General' })).getByText('andy@stark.example')).toBeTruthy()
    expect(screen.queryByText(/^This user is no longer a member/)).toBeNull()
  })

  it('goes back to the list from a user who is gone (an old link), saying they were removed or declined', async () => {
    const { dataProvider } = fakeRoster({ users: [userFixture('active')] })
    for (const path of ['/users/gone-user/show', '/users/gone-user']) {
      renderAdmin(dataProvider, path)
      await screen.findByText(/^This user is no longer a member of the account: they were removed, or declined the invitation/)
      expect(await screen.findByText('andy@stark.example')).toBeTruthy()
      expect(screen.queryByText('Element does not exist')).toBeNull()
      cleanup()
    }
  })
})
