// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fakeRoster } from './support/fakeRoster'
import { renderAdmin } from './support/renderAdmin'

async function optionsOf(filter: string) {
  fireEvent.mouseDown(await screen.findByRole('combobox', { name: filter }))
  const listbox = await screen.findByRole('listbox')
  return within(listbox).getAllByRole('option').map((option) => option.textContent)
}

describe('the users list filters', () => {
  it('offers every status, the first choice saying it filters none out', async () => {
    renderAdmin(fakeRoster().dataProvider, '/users')
    expect(await optionsOf('Status')).toEqual(['All statuses', 'Invited', 'Invitation expired', 'Active', 'Blocked'])
  })

  it('offers every group, the first choice saying it filters none out', async () => {
    renderAdmin(fakeRoster().dataProvider, '/users')
    expect(await optionsOf('Group')).toEqual(['All groups', 'Administrators', 'German sub', 'Procurement admins'])
  })

  it('says in a sentence that nothing matches the filters', async () => {
    renderAdmin(fakeRoster().dataProvider, `/users?filter=${encodeURIComponent(JSON.stringify({ q: 'nobody' }))}`)
    expect(await screen.findByText('Nothing matches these filters.')).toBeTruthy()
    expect(screen.queryByText(/found using the current filters/)).toBeNull()
  })
})
