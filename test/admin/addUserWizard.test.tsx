// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { apiError, fakeRoster } from './support/fakeRoster'
import { fakeClipboard, renderAdmin } from './support/renderAdmin'

const DUPLICATE = 'This email is already a member of this account'

let dialog: HTMLElement

async function openWizard(roster = fakeRoster()) {
  renderAdmin(roster.dataProvider, '/users/create')
  dialog = await screen.findByRole('dialog', { name: 'Add user' })
  return roster
}

// Queries stay inside the dialog: the users list renders behind it, and role queries over the
// whole page are slow in jsdom.
const field = (label: RegExp) => within(dialog).getByLabelText(label) as HTMLInputElement

function type(label: RegExp, value: string) {
  const input = field(label)
  fireEvent.change(input, { target: { value } })
  fireEvent.blur(input)
}

/** The helper text under a field: where its error is said. */
function helperTextOf(label: RegExp): string {
  const ids = field(label).getAttribute('aria-describedby') ?? ''
  return ids
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
}

async function chooseCountry(search: string, option: RegExp) {
  fireEvent.change(field(/Country code/), { target: { value: search } })
  const listbox = await screen.findByRole('listbox')
  fireEvent.click(within(listbox).getByText(option))
}

/** Enter in a field, as a browser does it: unless the keydown is cancelled, it submits the field's form. */
function pressEnter(input: HTMLInputElement) {
  if (fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' }) && input.form) fireEvent.submit(input.form)
}

const click = (name: string) => fireEvent.click(within(dialog).getByRole('button', { name }))

const checkbox = (name: RegExp) => within(dialog).getByLabelText(name) as HTMLInputElement

const heading = () => within(dialog).getByRole('heading', { level: 3 }).textContent

const onStep = (name: string) => waitFor(() => expect(heading()).toBe(name))

function fillDetails(email = 'garry.g@stark.example') {
  type(/First name/, 'Garry')
  type(/Last name/, 'Green')
  type(/Email address/, email)
}

async function toGroupsStep() {
  fillDetails()
  click('Next')
  await onStep('Groups')
}

describe('the Add user wizard', () => {
  it('requires first name, last name and email on step 1', async () => {
    await openWizard()
    click('Next')

    await waitFor(() => expect(helperTextOf(/First name/)).toContain('Required'))
    expect(helperTextOf(/Last name/)).toContain('Required')
    expect(helperTextOf(/Email address/)).toContain('Required')
    expect(heading()).toBe('User details')
  })

  it('holds names to the server’s 100 characters on step 1', async () => {
    await openWizard()
    fillDetails()
    type(/First name/, 'G'.repeat(101))
    click('Next')

    await waitFor(() => expect(helperTextOf(/First name/)).toContain('Must be 100 characters or less'))
    expect(heading()).toBe('User details')
  })

  it('refuses a malformed email', async () => {
    const { dataProvider } = await openWizard()
    fillDetails('garry.stark.example')
    click('Next')

    await waitFor(() => expect(helperTextOf(/Email address/)).toContain('Must be a valid email'))
    expect(dataProvider.checkEmail).not.toHaveBeenCalled()
    expect(heading()).toBe('User details')
  })

  it('validates the phone number for the chosen country', async () => {
    await openWizard()
    fillDetails()
    await chooseCountry('switz', /Switzerland/)
    type(/Phone number/, '12345')
    click('Next')

    await waitFor(() => expect(helperTextOf(/Phone number/)).toContain('not a valid phone number for Switzerland'))
    expect(heading()).toBe('User details')
  })

  it("refuses another country's number in international form", async () => {
    await openWizard()
    fillDetails()
    await chooseCountry('switz', /Switzerland/)
    type(/Phone number/, '+49 30 901820')
    click('Next')

    await waitFor(() => expect(helperTextOf(/Phone number/)).toContain('not a valid phone number for Switzerland'))
    expect(heading()).toBe('User details')
  })

  it('asks for the country of a phone number', async () => {
    await openWizard()
    fillDetails()
    type(/Phone number/, '044 668 18 00')
    click('Next')

    await waitFor(() => expect(helperTextOf(/Country code/)).toContain('Select the country code of this phone number'))
    expect(heading()).toBe('User details')
  })

  it('says on step 1, while typing, that the email is already a member', async () => {
    const { dataProvider } = await openWizard(fakeRoster({ takenEmails: ['garry.g@stark.example'] }))
    fireEvent.change(field(/Email address/), { target: { value: 'Garry.G@stark.example' } })

    await waitFor(() => expect(helperTextOf(/Email address/)).toContain(DUPLICATE))
    expect(dataProvider.checkEmail).toHaveBeenCalledWith('Garry.G@stark.example')

    type(/First name/, 'Garry')
    type(/Last name/, 'Green')
    click('Next')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(heading()).toBe('User details')
    expect(dataProvider.create).not.toHaveBeenCalled()
  })

  it('says on step 1 when the server cannot take the address', async () => {
    const roster = fakeRoster()
    const refusal = 'Enter a valid email address.'
    roster.dataProvider.checkEmail.mockRejectedValueOnce(apiError(400, 'validation_failed', `email: ${refusal}`, { email: refusal }))
    await openWizard(roster)
    fillDetails('wéird@exämple.com')

    await waitFor(() => expect(helperTextOf(/Email address/)).toContain(refusal))
    click('Next')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(heading()).toBe('User details')
  })

  it('requires at least one group', async () => {
    await openWizard()
    await toGroupsStep()
    click('Next')

    expect(await within(dialog).findByText('Select at least one group')).toBeTruthy()
    expect(heading()).toBe('Groups')
  })

  it('does not submit the Groups step on Enter in the groups search', async () => {
    await openWizard()
    await toGroupsStep()
    const search = within(dialog).getByRole('searchbox', { name: 'Search groups' }) as HTMLInputElement
    fireEvent.change(search, { target: { value: 'proc' } })
    pressEnter(search)

    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(within(dialog).queryByText('Select at least one group')).toBeNull()
    expect(heading()).toBe('Groups')
    expect(within(dialog).getByText('Procurement admins')).toBeTruthy()
    expect(within(dialog).queryByText('German sub')).toBeNull()
  })

  it('keeps what was typed when going Back', async () => {
    await openWizard()
    await toGroupsStep()
    fireEvent.click(checkbox(/German sub/))
    click('Back')

    await onStep('User details')
    expect(field(/First name/).value).toBe('Garry')
    expect(field(/Email address/).value).toBe('garry.g@stark.example')
    click('Next')
    await onStep('Groups')
    expect(checkbox(/German sub/).checked).toBe(true)
  })

  it('adds the user with what was entered, then offers its details and the link', async () => {
    const { dataProvider } = await openWizard()
    fillDetails()
    await chooseCountry('+41', /Switzerland/)
    type(/Phone number/, '044 668 18 00')
    click('Next')
    await onStep('Groups')
    fireEvent.click(checkbox(/German sub/))
    fireEvent.click(checkbox(/Procurement admins/))
    click('Next')

    await onStep('Overview')
    expect(within(dialog).getByText('garry.g@stark.example')).toBeTruthy()
    expect(within(dialog).getByText('+41 44 668 18 00 (Switzerland)')).toBeTruthy()
    expect(within(dialog).getByText('German sub')).toBeTruthy()
    click('Add')

    await onStep('Summary')
    expect(dataProvider.create).toHaveBeenCalledTimes(1)
    expect(dataProvider.create.mock.calls[0]?.[0]).toBe('users')
    expect(dataProvider.create.mock.calls[0]?.[1].data).toEqual({
      firstName: 'Garry',
      lastName: 'Green',
      email: 'garry.g@stark.example',
      countryCode: 'CH',
      phone: '+41446681800',
      groupIds: ['UGR-2', 'UGR-3'],
    })
    expect(within(dialog).getByText('Garry Green was added to the account')).toBeTruthy()
    for (const name of ['View details', 'Copy invitation link', 'Close']) {
      expect(within(dialog).getByRole('button', { name })).toBeTruthy()
    }
  })

  it('sends one Add however fast it is clicked twice', async () => {
    const { dataProvider } = await openWizard()
    await toGroupsStep()
    fireEvent.click(checkbox(/German sub/))
    click('Next')
    await onStep('Overview')
    click('Add')
    click('Add')

    await onStep('Summary')
    expect(dataProvider.create).toHaveBeenCalledTimes(1)
    expect(within(dialog).getByText('Garry Green was added to the account')).toBeTruthy()
  })

  it('shows the Add button busy while adding', async () => {
    const { dataProvider } = await openWizard()
    const create = dataProvider.create.getMockImplementation()!
    let answer!: () => void
    dataProvider.create.mockImplementationOnce(async (resource, params) => {
      await new Promise<void>((resolve) => (answer = resolve))
      return create(resource, params)
    })
    await toGroupsStep()
    fireEvent.click(checkbox(/German sub/))
    click('Next')
    await onStep('Overview')
    click('Add')

    const addButton = within(dialog).getByRole('button', { name: 'Add' })
    expect(await within(addButton).findByRole('progressbar')).toBeTruthy()
    expect((addButton as HTMLButtonElement).disabled).toBe(true)
    answer()
    await onStep('Summary')
  })

  it('says a refusal that is about no field inside the dialog, where the toasts are hidden', async () => {
    const { dataProvider } = await openWizard()
    const refusal = 'This account has reached its limit of users.'
    dataProvider.create.mockRejectedValueOnce(apiError(403, 'forbidden', refusal))
    await toGroupsStep()
    fireEvent.click(checkbox(/German sub/))
    click('Next')
    await onStep('Overview')
    click('Add')

    expect((await within(dialog).findByRole('alert')).textContent).toBe(refusal)
    expect(heading()).toBe('Overview')
    click('Back')
    expect(within(dialog).queryByRole('alert')).toBeNull()
  })

  it('asks before Cancel or Escape throws away what was typed, and closes at once when nothing was', async () => {
    await openWizard()
    type(/First name/, 'Garry')
    click('Cancel')
    const confirm = await screen.findByRole('dialog', { name: 'Discard this user?' })
    // Enter pressed on the way in must not throw away what was typed.
    const keepEditing = within(confirm).getByRole('button', { name: 'Keep editing' })
    await waitFor(() => expect(document.activeElement).toBe(keepEditing))
    fireEvent.click(keepEditing)
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Discard this user?' })).toBeNull())
    expect((within(dialog).getByLabelText(/First name/) as HTMLInputElement).value).toBe('Garry')

    fireEvent.keyDown(within(dialog).getByLabelText(/First name/), { key: 'Escape' })
    const again = await screen.findByRole('dialog', { name: 'Discard this user?' })
    fireEvent.click(within(again).getByRole('button', { name: 'Discard' }))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add user' })).toBeNull())
  })

  it('closes on Cancel at once when nothing was typed', async () => {
    await openWizard()
    click('Cancel')
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add user' })).toBeNull())
    expect(screen.queryByRole('dialog', { name: 'Discard this user?' })).toBeNull()
  })

  async function toSummary() {
    await toGroupsStep()
    fireEvent.click(checkbox(/German sub/))
    click('Next')
    await onStep('Overview')
    click('Add')
    await onStep('Summary')
  }

  const createdId = async (dataProvider: ReturnType<typeof fakeRoster>['dataProvider']) =>
    ((await dataProvider.create.mock.results[0]?.value) as { data: { id: string } }).data.id

  // While the dialog is open the rest of the app, where react-admin renders its toasts, is
  // aria-hidden: the dialog must say itself how the copy went.
  const linkStatus = () =>
    within(dialog)
      .getAllByRole('status')
      .find((status) => !status.textContent?.includes('was added'))

  it('says inside the dialog that the invitation link was copied', async () => {
    const writeText = fakeClipboard()
    const { dataProvider } = await openWizard()
    await toSummary()
    expect(linkStatus()?.textContent).toBe('')

    click('Copy invitation link')

    await waitFor(() => expect(linkStatus()?.textContent).toBe('Link copied'))
    const id = await createdId(dataProvider)
    expect(dataProvider.getInvitationLink).toHaveBeenCalledWith('users', { id })
    expect(writeText).toHaveBeenCalledWith(`https://roster.example/invite/${id}`)
  })

  it('shows the link inside the dialog when the browser refuses to copy it', async () => {
    // jsdom has no document.execCommand either, so the legacy way fails too.
    fakeClipboard().mockRejectedValue(new Error('Write permission denied.'))
    const { dataProvider } = await openWizard()
    await toSummary()

    click('Copy invitation link')

    await waitFor(() => expect(linkStatus()?.textContent).toContain('The browser refused to copy the link.'))
    expect(linkStatus()?.textContent).toContain(`https://roster.example/invite/${await createdId(dataProvider)}`)
  })

  it('drops a chosen group deleted meanwhile, says so, and keeps the rest of what was entered', async () => {
    const roster = await openWizard()
    await toGroupsStep()
    fireEvent.click(checkbox(/Procurement admins/))
    click('Next')
    await onStep('Overview')
    // Another administrator deletes the group, in another tab.
    roster.tables.groups.splice(roster.tables.groups.findIndex((group) => group.id === 'UGR-3'), 1)
    click('Add')

    await onStep('Groups')
    expect(await within(dialog).findByText('A group you chose was deleted; choose again.')).toBeTruthy()
    expect(within(dialog).queryByText('Procurement admins')).toBeNull()
    // The deleted group no longer counts as a choice.
    click('Next')
    expect(await within(dialog).findByText('Select at least one group')).toBeTruthy()
    expect(heading()).toBe('Groups')

    fireEvent.click(checkbox(/German sub/))
    click('Next')
    await onStep('Overview')
    expect(within(dialog).getByText('Garry')).toBeTruthy()
    click('Add')
    await onStep('Summary')
    expect(roster.dataProvider.create).toHaveBeenCalledTimes(2)
    expect(roster.dataProvider.create.mock.calls[1]?.[1].data).toMatchObject({
      firstName: 'Garry',
      groupIds: ['UGR-2'],
    })
  })

  it("goes back to step 1 with the server's message when the email turned out taken", async () => {
    const roster = fakeRoster()
    const message = 'ron@stark.example is already a member of this account.'
    roster.dataProvider.create.mockRejectedValueOnce(apiError(409, 'conflict', message, { email: message }))
    await openWizard(roster)
    await toGroupsStep()
    fireEvent.click(checkbox(/German sub/))
    click('Next')
    await onStep('Overview')
    click('Add')

    await onStep('User details')
    await waitFor(() => expect(helperTextOf(/Email address/)).toContain(message))
  })
})
