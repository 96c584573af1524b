// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fakeRoster } from './support/fakeRoster'
import { apiTokenFixtures, groupFixtures } from './support/fixtures'
import { fakeClipboard, renderAdmin } from './support/renderAdmin'

// Each reload goes through react-query and re-renders the whole <Admin>; on a busy machine that
// takes longer than testing-library's default second. (Per file: vitest isolates test files.)
configure({ asyncUtilTimeout: 4000 })

// jsdom's origin: what window.location.origin gives the page.
const SCIM_URL = `${window.location.origin}/scim/v2`
const WARNING = /It will not be shown again/
const ALREADY_REVOKED = 'This token was already revoked, in another tab or by another administrator.'
const ADMIN_WARNING =
  'Every user this identity provider creates would become an administrator of this account, with access to everything, and it may change who the administrators are.'

const rowOf = async (name: string) => (await screen.findByText(name)).closest('tr') as HTMLElement

/** The helper text under a field: where its error is said. */
function helperTextOf(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
}

const nameInput = () => screen.getByRole('textbox', { name: /^Name/ }) as HTMLInputElement
const groupSelect = () => screen.getByRole('combobox', { name: /Group for provisioned users/ })

async function openCreatePage() {
  await waitFor(() => expect(screen.getByRole('textbox', { name: /^Name/ })).toBeTruthy())
  // The account's groups have loaded once the select shows the automatic choice.
  await waitFor(() => expect(groupSelect().textContent).toContain('Provisioned users (created automatically)'))
}

async function chooseGroup(name: RegExp) {
  fireEvent.mouseDown(groupSelect())
  const listbox = await screen.findByRole('listbox')
  fireEvent.click(within(listbox).getByRole('option', { name }))
  await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull())
}

describe('the API tokens list', () => {
  it('shows each token by name and prefix, its group, invitation email, creation and last use', async () => {
    const { dataProvider } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens')

    const entra = await rowOf('Entra ID production')
    expect(within(entra).getByText('roster_scim_AbCd…')).toBeTruthy()

    expect(await within(entra).findByText('German sub')).toBeTruthy()
    expect(within(entra).getByText('Yes')).toBeTruthy()
    expect(within(entra).queryByText('Never')).toBeNull()

    const okta = await rowOf('Okta staging')
    expect(await within(okta).findByText('Administrators')).toBeTruthy()
    expect(within(okta).getByLabelText(ADMIN_WARNING)).toBeTruthy()
    expect(within(okta).getByText('No')).toBeTruthy()
    expect(within(okta).getByText('Never')).toBeTruthy()
  })

  it('may break a prefix after roster_scim_ only, though its random part holds an underscore', async () => {
    const underscored = { ...apiTokenFixtures[0]!, id: 'TOK-u', name: 'Underscored', prefix: 'roster_scim_Da_k' }
    const { dataProvider } = fakeRoster({ apiTokens: [underscored] })
    renderAdmin(dataProvider, '/api-tokens')
    const code = (await rowOf('Underscored')).querySelector('code')!
    expect(code.textContent).toBe('roster_scim_Da_k…')
    expect(code.firstChild?.textContent).toBe('roster_scim_')
  })

  it('shows the SCIM base URL in the header, and copies it', async () => {
    const writeText = fakeClipboard()
    const { dataProvider } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens')

    const header = await screen.findByRole('region', { name: 'Connect an identity provider (SCIM)' })
    expect((within(header).getByRole('textbox') as HTMLInputElement).value).toBe(SCIM_URL)
    expect(within(header).getByText(/Tenant URL in Microsoft Entra ID/)).toBeTruthy()
    fireEvent.click(within(header).getByRole('button', { name: 'Copy SCIM base URL' }))

    expect(await screen.findByText('SCIM base URL copied')).toBeTruthy()
    expect(writeText).toHaveBeenCalledWith(SCIM_URL)
  })

  it('offers to create the first token when there is none', async () => {
    const { dataProvider } = fakeRoster({ apiTokens: [] })
    renderAdmin(dataProvider, '/api-tokens')

    expect(await screen.findByText(/No API token yet/)).toBeTruthy()
    expect(screen.getByRole('region', { name: 'Connect an identity provider (SCIM)' })).toBeTruthy()
    fireEvent.click(screen.getByRole('link', { name: 'Create token' }))
    expect(await screen.findByRole('textbox', { name: /^Name/ })).toBeTruthy()
  })
})

describe('the API tokens page once every token is revoked', () => {
  it('says the tokens were revoked, not that there never was one', async () => {
    const { dataProvider } = fakeRoster({ apiTokens: [apiTokenFixtures[1]!] })
    renderAdmin(dataProvider, '/api-tokens')

    fireEvent.click(within(await rowOf('Okta staging')).getByRole('button', { name: 'Revoke' }))
    const dialog = await screen.findByRole('dialog', { name: 'Revoke token "Okta staging"' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }))

    expect(await screen.findByText(/Every API token of this account was revoked/)).toBeTruthy()
    expect(screen.queryByText(/No API token yet/)).toBeNull()
    expect(screen.getByRole('link', { name: 'Create token' })).toBeTruthy()

    // The revoked ones are there for the record, when asked for.
    fireEvent.click(screen.getByRole('button', { name: 'Show revoked tokens' }))
    const revoked = await rowOf('Okta staging')
    expect(within(revoked).getByText('Revoked')).toBeTruthy()
    expect((screen.getByRole('switch', { name: 'Show revoked tokens' }) as HTMLInputElement).checked).toBe(true)
  })
})

describe('revoked tokens', () => {
  it('are listed only when asked for, with when they were revoked, and nothing left to do', async () => {
    const revokedAt = '2021-12-01T08:30:00.000Z'
    const retired = { ...apiTokenFixtures[0]!, id: 'TOK-r', name: 'Retired OneLogin', prefix: 'roster_scim_Old1', revokedAt, provisionGroupId: null }
    const { dataProvider } = fakeRoster({ apiTokens: [...apiTokenFixtures, retired] })
    renderAdmin(dataProvider, '/api-tokens')
    await rowOf('Okta staging')
    expect(screen.queryByText('Retired OneLogin')).toBeNull()

    fireEvent.click(screen.getByRole('switch', { name: 'Show revoked tokens' }))
    const row = await rowOf('Retired OneLogin')
    expect(within(row).getByText('Revoked')).toBeTruthy()
    expect(within(row).getByText(/^Dec 0?1, 2021$/)).toBeTruthy()
    expect(within(row).getByTitle(/^Revoked on Dec 0?1, 2021 /)).toBeTruthy()
    expect(within(row).queryByRole('button', { name: 'Revoke' })).toBeNull()
    expect(within(row).queryByRole('link', { name: 'Edit' })).toBeNull()
    fireEvent.click(within(row).getByText('Retired OneLogin'))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(screen.queryByRole('textbox', { name: /^Name/ })).toBeNull()
    // Live tokens still open to be edited.
    fireEvent.click(within(await rowOf('Okta staging')).getByText('Okta staging'))
    expect(await screen.findByRole('textbox', { name: /^Name/ })).toBeTruthy()
  })
})

describe('creating an API token', () => {
  it('shows the secret once, with the SCIM URL, until closed explicitly', async () => {
    const writeText = fakeClipboard()
    const { dataProvider, tables } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens/create')
    await openCreatePage()

    expect((screen.getByRole('switch', { name: /Send invitation emails to provisioned users/ }) as HTMLInputElement).checked).toBe(true)
    fireEvent.change(nameInput(), { target: { value: 'Okta production' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }))

    const dialog = await screen.findByRole('dialog', { name: 'New token "Okta production"' })
    // No group chosen: the server picks "Provisioned users", so none is sent.
    expect(dataProvider.create).toHaveBeenCalledTimes(1)
    expect(dataProvider.create.mock.calls[0]?.[0]).toBe('api-tokens')
    expect(dataProvider.create.mock.calls[0]?.[1].data).toEqual({ name: 'Okta production', sendInvitationEmail: true })

    const secret = 'roster_scim_Tk100SecretValueThatIsLong'
    const tokenField = within(dialog).getByRole('textbox', { name: 'API token' }) as HTMLInputElement
    expect(tokenField.value).toBe(secret)
    expect((within(dialog).getByRole('textbox', { name: 'SCIM base URL' }) as HTMLInputElement).value).toBe(SCIM_URL)
    expect(within(dialog).getByText(WARNING)).toBeTruthy()
    expect(screen.getByText('Token "Okta production" created')).toBeTruthy()

    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy API token' }))
    // Said inside the dialog: the rest of the page, toasts included, is hidden from screen readers.
    const statuses = () => within(dialog).getAllByRole('status').map((status) => status.textContent)
    await waitFor(() => expect(statuses()).toContain('Token copied'))
    expect(writeText).toHaveBeenCalledWith(secret)

    // Neither Escape nor a click beside it closes it.
    fireEvent.keyDown(dialog, { key: 'Escape' })
    const backdrop = document.querySelector('.MuiBackdrop-root')
    if (backdrop) fireEvent.click(backdrop)
    expect(screen.getByRole('dialog', { name: 'New token "Okta production"' })).toBeTruthy()

    fireEvent.click(within(dialog).getByRole('button', { name: 'I have copied the token' }))
    const row = await rowOf('Okta production')
    expect(within(row).getByText('roster_scim_Tk10…')).toBeTruthy()
    expect(await within(row).findByText('Provisioned users')).toBeTruthy()
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.body.textContent).not.toContain(secret)
    expect(tables['api-tokens'].at(-1)).not.toHaveProperty('token')
  })

  it('marks Administrators with a warning, and sends the chosen group and switch', async () => {
    const { dataProvider } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens/create')
    await openCreatePage()

    fireEvent.mouseDown(groupSelect())
    const listbox = await screen.findByRole('listbox')
    const admins = within(listbox).getByRole('option', { name: /Administrators/ })
    expect(admins.textContent).toContain('Provisioned users become administrators')
    expect(within(listbox).getByRole('option', { name: 'German sub' }).textContent).not.toContain('administrators')
    expect(screen.queryByText(ADMIN_WARNING)).toBeNull()
    fireEvent.click(admins)

    expect((await screen.findByRole('alert')).textContent).toBe(ADMIN_WARNING)
    fireEvent.change(nameInput(), { target: { value: 'Admins sync' } })
    fireEvent.click(screen.getByRole('switch', { name: /Send invitation emails/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }))

    await screen.findByRole('dialog', { name: 'New token "Admins sync"' })
    expect(dataProvider.create.mock.calls[0]?.[1].data).toEqual({
      name: 'Admins sync',
      provisionGroupId: 'UGR-1',
      sendInvitationEmail: false,
    })
  })

  it('chooses the existing "Provisioned users" group instead of offering to create it again', async () => {
    const provisioned = { id: 'UGR-prov', name: 'Provisioned users', description: '', isDefault: false, memberCount: 4, createdAt: '2021-11-01T09:00:00.000Z' }
    const { dataProvider } = fakeRoster({ groups: [...groupFixtures, provisioned] })
    renderAdmin(dataProvider, '/api-tokens/create')
    await waitFor(() => expect(groupSelect().textContent).toBe('Provisioned users'))

    fireEvent.mouseDown(groupSelect())
    const listbox = await screen.findByRole('listbox')
    expect(within(listbox).getAllByRole('option', { name: 'Provisioned users' })).toHaveLength(1)
    expect(within(listbox).queryByRole('option', { name: /created automatically/ })).toBeNull()
    fireEvent.keyDown(listbox, { key: 'Escape' })
    fireEvent.change(nameInput(), { target: { value: 'Second IdP' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }))
    await screen.findByRole('dialog', { name: 'New token "Second IdP"' })
    // Left to the API, which puts the token's users in the existing "Provisioned users".
    expect(dataProvider.create.mock.calls[0]?.[1].data).not.toHaveProperty('provisionGroupId')
  })

  it('says on the name field when the name is taken (409), and shows no token', async () => {
    const { dataProvider } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens/create')
    await openCreatePage()

    await chooseGroup(/German sub/)
    fireEvent.change(nameInput(), { target: { value: 'entra id production' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }))

    await waitFor(() => expect(helperTextOf(nameInput())).toContain('A token with this name already exists.'))
    expect(nameInput().getAttribute('aria-invalid')).toBe('true')
    expect(dataProvider.create).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.queryByText(/roster_scim_/)).toBeNull()
  })
})

describe('editing and revoking an API token', () => {
  it('saves the name, group and switch only', async () => {
    const { dataProvider, tables } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens/TOK-1')

    await waitFor(() => expect(nameInput().value).toBe('Entra ID production'))
    await waitFor(() => expect(groupSelect().textContent).toContain('German sub'))
    fireEvent.change(nameInput(), { target: { value: 'Entra ID (prod)' } })
    await chooseGroup(/Procurement admins/)
    fireEvent.click(screen.getByRole('switch', { name: /Send invitation emails/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))

    expect(await screen.findByText('Token updated')).toBeTruthy()
    expect(dataProvider.update.mock.calls[0]?.[1]).toMatchObject({ id: 'TOK-1' })
    expect(dataProvider.update.mock.calls[0]?.[1].data).toEqual({
      name: 'Entra ID (prod)',
      provisionGroupId: 'UGR-3',
      sendInvitationEmail: false,
    })
    expect(tables['api-tokens'][0]).toMatchObject({ name: 'Entra ID (prod)', provisionGroupId: 'UGR-3' })
  })

  it('revokes after a confirmation naming the token', async () => {
    const { dataProvider, tables } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens')

    fireEvent.click(within(await rowOf('Okta staging')).getByRole('button', { name: 'Revoke' }))
    const dialog = await screen.findByRole('dialog', { name: 'Revoke token "Okta staging"' })
    // Enter pressed on the way in must not revoke: Cancel has the focus.
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })))
    expect(within(dialog).getByText(/Identity providers using it will stop syncing at once/)).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }))

    expect(await screen.findByText('Token "Okta staging" revoked')).toBeTruthy()
    expect(dataProvider.delete).toHaveBeenCalledTimes(1)
    expect(dataProvider.delete.mock.calls[0]?.[0]).toBe('api-tokens')
    expect(dataProvider.delete.mock.calls[0]?.[1]).toMatchObject({ id: 'TOK-2' })
    expect(tables['api-tokens'].filter((token) => !token.revokedAt).map((token) => token.id)).toEqual(['TOK-1'])
    await waitFor(() => expect(screen.queryByText('Okta staging')).toBeNull())
    // The click stayed in the dialog: the row did not open the token.
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull()
  })

  it('says a token another tab revoked first was already revoked, and drops it from the list', async () => {
    const { dataProvider, tables } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens')

    fireEvent.click(within(await rowOf('Okta staging')).getByRole('button', { name: 'Revoke' }))
    const dialog = await screen.findByRole('dialog', { name: 'Revoke token "Okta staging"' })
    tables['api-tokens'][1]!.revokedAt = new Date().toISOString()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }))

    expect(await screen.findByText(ALREADY_REVOKED)).toBeTruthy()
    expect(screen.queryByText('API token not found.')).toBeNull()
    await waitFor(() => expect(screen.queryByText('Okta staging')).toBeNull())
  })

  it('says a token revoked in another tab while being edited was already revoked, back on the list', async () => {
    const { dataProvider, tables } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens/TOK-1')

    await waitFor(() => expect(nameInput().value).toBe('Entra ID production'))
    tables['api-tokens'][0]!.revokedAt = new Date().toISOString()
    fireEvent.change(nameInput(), { target: { value: 'Entra ID (prod)' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))

    expect(await screen.findByText(ALREADY_REVOKED)).toBeTruthy()
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Save' })).toBeNull())
    expect(await screen.findByText('Okta staging')).toBeTruthy()
  })

  it("says a token page's address names no token, or a revoked one, and shows the list", async () => {
    const { dataProvider, tables } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens/TOK-404')
    expect(await screen.findByText('There is no such token in this account. Check the address, or choose the token from the list.')).toBeTruthy()
    expect(screen.queryByText(ALREADY_REVOKED)).toBeNull()
    expect(await screen.findByText('Okta staging')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull()
    cleanup()

    tables['api-tokens'][1]!.revokedAt = new Date().toISOString()
    renderAdmin(dataProvider, '/api-tokens/TOK-2')
    expect(await screen.findByText(ALREADY_REVOKED)).toBeTruthy()
    expect(await screen.findByText('Entra ID production')).toBeTruthy()
    expect(screen.queryByText('Okta staging')).toBeNull()
  })

  it('revokes nothing when cancelled', async () => {
    const { dataProvider } = fakeRoster()
    renderAdmin(dataProvider, '/api-tokens')

    fireEvent.click(within(await rowOf('Entra ID production')).getByRole('button', { name: 'Revoke' }))
    const dialog = await screen.findByRole('dialog', { name: 'Revoke token "Entra ID production"' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(dataProvider.delete).not.toHaveBeenCalled()
    expect(screen.getByText('Entra ID production')).toBeTruthy()
  })
})
