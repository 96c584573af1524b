// @vitest-environment jsdom
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fakeRoster } from './support/fakeRoster'
import { userFixture } from './support/fixtures'
import { renderAdmin } from './support/renderAdmin'

describe('the invitation email’s fate', () => {
  it('says a bounce next to the user in the list, and nothing for a delivered email', async () => {
    const bounced = userFixture('invited', { invitationEmail: { status: 'bounced', at: '2021-12-15T15:00:00.000Z', error: 'Mailbox does not exist' } })
    const delivered = userFixture('invitation_expired', { invitationEmail: { status: 'delivered', at: '2021-12-15T15:00:00.000Z', error: null } })
    const { dataProvider } = fakeRoster({ users: [bounced, delivered] })
    renderAdmin(dataProvider, '/users')

    const chip = await screen.findByText('Invitation email: Bounced')
    const row = chip.closest('tr')!
    expect(within(row).getByText(bounced.email)).toBeTruthy()
    expect(chip.closest('[aria-label]')!.getAttribute('aria-label')).toContain('Mailbox does not exist')
    expect(screen.queryByText('Invitation email: Delivered')).toBeNull()
  })

  it('shows every status on the user’s page', async () => {
    const user = userFixture('invited', { invitationEmail: { status: 'delivered', at: '2021-12-15T15:00:00.000Z', error: null } })
    const { dataProvider } = fakeRoster({ users: [user] })
    renderAdmin(dataProvider, `/users/${user.id}/show`)
    expect(await screen.findByText('Invitation email: Delivered')).toBeTruthy()
  })
})
