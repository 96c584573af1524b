// @vitest-environment jsdom
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fakeRoster } from './support/fakeRoster'
import { apiTokenFixtures, provisioningLogFixtures } from './support/fixtures'
import { renderAdmin } from './support/renderAdmin'
import { readablePath } from '../../admin/src/plugin/provisioningLog/ProvisioningLogList'

// Each reload goes through react-query and re-renders the whole <Admin>; on a busy machine that
// takes longer than testing-library's default second. (Per file: vitest isolates test files.)
configure({ asyncUtilTimeout: 4000 })

/** The table's body rows, top to bottom, by their summary cell. */
function summaries(): string[] {
  const table = screen.getByRole('table')
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.lastElementChild?.textContent ?? '')
}

// Filter inputs apply after react-admin's debounce (half a second), then the list reloads.
const FILTER_APPLIED = { timeout: 5000 }

const lastListCall = (dataProvider: ReturnType<typeof fakeRoster>['dataProvider']) =>
  dataProvider.getList.mock.calls.filter(([resource]) => resource === 'provisioning-log').at(-1)?.[1]

describe('the provisioning log', () => {
  it('lists the requests newest first: time, token, method, path, status, duration, summary', async () => {
    const { dataProvider } = fakeRoster({ provisioningLog: provisioningLogFixtures(6).reverse() })
    renderAdmin(dataProvider, '/provisioning-log')

    await screen.findByText('Listed users 1')
    expect(summaries()).toEqual([
      'Listed users 1',
      'Listed users 2',
      'Conflict 3: the email is taken',
      'Listed users 4',
      'Listed users 5',
      'Conflict 6: the email is taken',
    ])
    expect(lastListCall(dataProvider)).toMatchObject({ sort: { field: 'at', order: 'DESC' } })

    const ok = screen.getByText('Listed users 1').closest('tr') as HTMLElement
    // In its column, and under the time for the narrow screens that hide the column (CSS decides: jsdom has both).
    expect((ok.querySelector('td.column-tokenName') as HTMLElement).textContent).toBe('Entra ID production')
    expect(within(ok.querySelector('td.column-at') as HTMLElement).getByText('Entra ID production')).toBeTruthy()
    expect(within(ok).getByText('GET')).toBeTruthy()
    expect(within(ok).getByTitle('/scim/v2/Users?startIndex=1').textContent).toBe('/scim/v2/Users?startIndex=1')
    expect(within(ok).getByText('10 ms')).toBeTruthy()
    const okChip = within(ok).getByLabelText('200 succeeded')
    expect(okChip.className).toContain('MuiChip-colorSuccess')

    const conflict = screen.getByText('Conflict 3: the email is taken').closest('tr') as HTMLElement
    expect(within(conflict).getByText('POST')).toBeTruthy()
    const failedChip = within(conflict).getByLabelText('409 failed')
    expect(failedChip.className).toContain('MuiChip-colorError')
    expect(failedChip.textContent).toBe('409')
  })

  it('shows paths decoded, breakable after / ? and & only, and says so when filters match nothing', async () => {
    expect(readablePath('/scim/v2/Users?filter=userName%20eq%20%22a%2Bb%40x.org%22&count=10')).toEqual([
      '/',
      'scim/',
      'v2/',
      'Users?',
      'filter=userName eq "a+b@x.org"&',
      'count=10',
    ])
    expect(readablePath('/scim/v2/Users?filter=%E0%A4%A')).toEqual(['/', 'scim/', 'v2/', 'Users?', 'filter=%E0%A4%A'])
    expect(readablePath('/scim/v2/Groups/abc').join('')).toBe('/scim/v2/Groups/abc')

    const { dataProvider } = fakeRoster({ provisioningLog: [] })
    renderAdmin(dataProvider, `/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ failed: true }))}`)
    expect(await screen.findByText('No request of the last 30 days matches these filters.')).toBeTruthy()
  })

  it('shows failed requests only, and all of them again when switched off', async () => {
    const { dataProvider } = fakeRoster({ provisioningLog: provisioningLogFixtures(6) })
    renderAdmin(dataProvider, '/provisioning-log')
    await screen.findByText('Listed users 1')

    fireEvent.click(screen.getByRole('switch', { name: 'Failed only' }))
    await waitFor(
      () => expect(summaries()).toEqual(['Conflict 3: the email is taken', 'Conflict 6: the email is taken']),
      FILTER_APPLIED,
    )
    await waitFor(() => expect(lastListCall(dataProvider)?.filter).toEqual({ failed: true }), FILTER_APPLIED)

    fireEvent.click(screen.getByRole('switch', { name: 'Failed only' }))
    // Off is "every request", not "successes only".
    await waitFor(() => expect(summaries()).toHaveLength(6), FILTER_APPLIED)
    // react-admin shows the cached unfiltered page at once and asks again a moment later.
    await waitFor(() => expect(lastListCall(dataProvider)?.filter).toEqual({}), FILTER_APPLIED)
  })

  it("filters by token, offering the account's tokens", async () => {
    const { dataProvider } = fakeRoster({ provisioningLog: provisioningLogFixtures(6) })
    renderAdmin(dataProvider, '/provisioning-log')
    await screen.findByText('Listed users 1')

    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Token' }))
    const listbox = await screen.findByRole('listbox')
    fireEvent.click(within(listbox).getByRole('option', { name: 'Okta staging' }))

    await waitFor(
      () => expect(summaries()).toEqual(['Listed users 2', 'Listed users 4', 'Conflict 6: the email is taken']),
      FILTER_APPLIED,
    )
    expect(lastListCall(dataProvider)?.filter).toEqual({ tokenId: 'TOK-2' })
  })

  it('offers revoked tokens too, marked, and all tokens by name', async () => {
    const revoked = { ...apiTokenFixtures[1]!, id: 'TOK-old', name: 'Old IdP', provisionGroupId: null, revokedAt: '2021-12-01T09:00:00.000Z' }
    const { dataProvider } = fakeRoster({ provisioningLog: provisioningLogFixtures(2), apiTokens: [...apiTokenFixtures, revoked] })
    renderAdmin(dataProvider, '/provisioning-log')
    await screen.findByText('Listed users 1')

    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Token' }))
    const listbox = await screen.findByRole('listbox')
    // react-admin names the empty choice "Clear value"; it reads "All tokens".
    expect(within(listbox).getByRole('option', { name: 'Clear value' }).textContent).toBe('All tokens')
    expect(within(listbox).getByRole('option', { name: 'Old IdP (revoked)' })).toBeTruthy()
    expect(within(listbox).getByRole('option', { name: 'Entra ID production' })).toBeTruthy()
    const tokensCall = dataProvider.getList.mock.calls.find(([resource]) => resource === 'api-tokens')
    expect(tokensCall?.[1].filter).toEqual({ includeRevoked: true })
  })

  it('pages through the log 25 requests at a time', async () => {
    const { dataProvider } = fakeRoster({ provisioningLog: provisioningLogFixtures(30) })
    renderAdmin(dataProvider, '/provisioning-log')

    await screen.findByText('Listed users 1')
    expect(summaries()).toHaveLength(25)
    expect(screen.getByText('1-25 of 30')).toBeTruthy()
    expect(lastListCall(dataProvider)).toMatchObject({ pagination: { page: 1, perPage: 25 } })

    fireEvent.click(screen.getByRole('button', { name: 'Go to next page' }))
    await screen.findByText('Listed users 26')
    expect(summaries()).toHaveLength(5)
    expect(lastListCall(dataProvider)).toMatchObject({ pagination: { page: 2, perPage: 25 } })
  })

  it('says so when no identity provider called in the last 30 days', async () => {
    const { dataProvider } = fakeRoster()
    renderAdmin(dataProvider, '/provisioning-log')

    expect(await screen.findByText('No identity provider has called the SCIM API in the last 30 days.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Create/ })).toBeNull()
  })
})
