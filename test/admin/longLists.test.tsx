// @vitest-environment jsdom
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { UserEvent } from '../../admin/src/plugin'
import { fakeRoster } from './support/fakeRoster'
import { userFixture } from './support/fixtures'
import { renderAdmin } from './support/renderAdmin'

configure({ asyncUtilTimeout: 4000 })

const numbered = (count: number) => Array.from({ length: count }, (_, index) => String(index + 1).padStart(2, '0'))

describe('lists within a page, longer than one page', () => {
  it("say how many a group's members are and page through them all", async () => {
    const members = numbered(30).map((n) => {
      const email = `member${n}@stark.example`
      return userFixture('active', { id: `USR-${n}`, firstName: 'Member', lastName: n, email, groupIds: ['UGR-3'] })
    })
    const { dataProvider } = fakeRoster({ users: members })
    renderAdmin(dataProvider, '/groups/UGR-3/show')

    const section = await screen.findByRole('region', { name: 'Members' })
    await within(section).findByText('member01@stark.example')
    expect(within(section).getByText('1-25 of 30')).toBeTruthy()
    fireEvent.click(within(section).getByRole('button', { name: /next page/i }))
    expect(await within(section).findByText('member30@stark.example')).toBeTruthy()
    expect(within(section).getByText('26-30 of 30')).toBeTruthy()
  })

  // Members who left while the last page was open left it past the end, which the pager does not
  // draw: the list said nobody was in the group, with no way back.
  it('go back to the last page with rows when rows left meanwhile', async () => {
    const members = numbered(30).map((n) =>
      userFixture('active', { id: `USR-${n}`, firstName: 'Member', lastName: n, email: `member${n}@stark.example`, groupIds: ['UGR-3'] }),
    )
    const { dataProvider, tables } = fakeRoster({ users: members })
    renderAdmin(dataProvider, '/groups/UGR-3/show')
    const section = await screen.findByRole('region', { name: 'Members' })
    await within(section).findByText('member01@stark.example')
    fireEvent.click(within(section).getByRole('button', { name: /next page/i }))
    await within(section).findByText('member30@stark.example')
    tables.users = tables.users.filter((user) => Number(user.lastName) <= 25)
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    expect(await within(section).findByText('member01@stark.example')).toBeTruthy()
    expect(within(section).queryByText('member30@stark.example')).toBeNull()
  })

  it("say how long a user's history is and page through it all", async () => {
    const user = userFixture('invited')
    const events: UserEvent[] = numbered(30).map((n) => ({
      id: `EVT-${n}`,
      userId: user.id,
      type: 'invitation_resent',
      actor: { type: 'administrator', label: `Admin ${n}` },
      data: null,
      occurredAt: `2021-12-${n}T09:00:00.000Z`,
    }))
    const { dataProvider } = fakeRoster({ users: [user], events })
    renderAdmin(dataProvider, `/users/${user.id}/show`)

    const history = await screen.findByRole('region', { name: 'History' })
    await within(history).findByText(/^Admin 30 /)
    expect(within(history).getByText('1-25 of 30')).toBeTruthy()
    fireEvent.click(within(history).getByRole('button', { name: /next page/i }))
    await waitFor(() => expect(within(history).getByText(/^Admin 01 /)).toBeTruthy())
  })

  it('show no pages for a short list', async () => {
    const { dataProvider } = fakeRoster()
    renderAdmin(dataProvider, '/groups/UGR-2/show')
    const section = await screen.findByRole('region', { name: 'Members' })
    await within(section).findByText('ron@stark.example')
    expect(within(section).queryByText(/ of \d+$/)).toBeNull()
  })
})
