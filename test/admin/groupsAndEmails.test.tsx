// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { withLinksInNewTab } from '../../admin/src/plugin/emails/EmailPreview'
import { apiError, fakeRoster } from './support/fakeRoster'
import { renderAdmin } from './support/renderAdmin'

const rowOf = async (name: string) => (await screen.findByText(name)).closest('tr') as HTMLElement

describe('the groups list', () => {
  it('shows name, id, Default badge, description and member count', async () => {
    const { dataProvider } = fakeRoster()
    renderAdmin(dataProvider, '/groups')

    const admins = await rowOf('Administrators')
    expect(within(admins).getByText('UGR-1')).toBeTruthy()
    expect(within(admins).getByText('Default')).toBeTruthy()
    expect(within(admins).getByText('All modules, including administration')).toBeTruthy()
    expect(within(admins).getByText('2')).toBeTruthy()
  })

  it('disables Delete, with the reason, for the default group and for groups with members', async () => {
    const { dataProvider } = fakeRoster()
    renderAdmin(dataProvider, '/groups')

    const deleteIn = async (name: string) =>
      within(await rowOf(name)).getByRole('button', { name: /Delete/ }) as HTMLButtonElement
    expect((await deleteIn('Administrators')).disabled).toBe(true)
    expect((await deleteIn('German sub')).disabled).toBe(true)
    expect((await deleteIn('Procurement admins')).disabled).toBe(false)

    fireEvent.mouseOver((await deleteIn('German sub')).parentElement as HTMLElement)
    expect(await screen.findByText('This group has 3 members. Remove them from it first.')).toBeTruthy()
    fireEvent.mouseOver((await deleteIn('Administrators')).parentElement as HTMLElement)
    expect(await screen.findByText('The default group cannot be deleted.')).toBeTruthy()
  })

  it('deletes an empty group after confirmation', async () => {
    const { dataProvider, tables } = fakeRoster()
    renderAdmin(dataProvider, '/groups')

    fireEvent.click(within(await rowOf('Procurement admins')).getByRole('button', { name: /Delete/ }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete group "Procurement admins"' })
    // As every confirmation of the plugin: Enter pressed on the way in must not delete.
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }))

    await waitFor(() => expect(tables.groups.map((group) => group.name)).toEqual(['Administrators', 'German sub']))
    expect(dataProvider.delete.mock.calls[0]?.[1]).toMatchObject({ id: 'UGR-3' })
    expect(await screen.findByText('Group deleted')).toBeTruthy()
  })
})

describe('creating a group', () => {
  it('saves it and says so in words, not react-admin\'s "Element created"', async () => {
    const { dataProvider, tables } = fakeRoster()
    renderAdmin(dataProvider, '/groups/create')
    // Named as the app names its other new things, not react-admin's "Create Group".
    expect(await screen.findByText('New group')).toBeTruthy()
    fireEvent.change(await screen.findByRole('textbox', { name: /^Name/ }), { target: { value: 'Engineering (Okta)' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Group created')).toBeTruthy()
    expect(tables.groups.map((group) => group.name)).toContain('Engineering (Okta)')
  })
})

describe('the development mailbox', () => {
  const email = {
    id: 'EML-1',
    to: 'garry.g@stark.example',
    from: 'Roster <no-reply@roster.example>',
    subject: 'Invitation to Roster',
    html: '<html><head><title>x</title></head><body><a href="https://roster.example/invite/abc">here</a></body></html>',
    text: 'Get started: https://roster.example/invite/abc',
    createdAt: '2021-12-15T14:58:00.000Z',
    kind: 'invitation',
  }

  it('previews each email in a sandboxed frame whose links open in a new tab', async () => {
    const { dataProvider } = fakeRoster({ emails: [email] })
    renderAdmin(dataProvider, '/emails')

    const frame = (await screen.findByTitle('Preview of "Invitation to Roster"')) as HTMLIFrameElement
    expect(frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox')
    expect(frame.getAttribute('srcdoc')).toContain('<head><base target="_blank">')
    expect(screen.getByText(/To garry\.g@stark\.example/)).toBeTruthy()
    expect(withLinksInNewTab('<p>no head</p>')).toBe('<head><base target="_blank"></head><p>no head</p>')
  })

  it('says there is no mailbox, without an error toast, when a real provider sends emails', async () => {
    const { dataProvider } = fakeRoster()
    dataProvider.getList.mockImplementation(async (resource) => {
      if (resource === 'emails') throw apiError(404, 'mailbox_disabled', 'Emails are sent through the email provider.')
      return { data: [], total: 0 }
    })
    renderAdmin(dataProvider, '/emails')

    expect(await screen.findByText('There is no development mailbox: this API sends real emails.')).toBeTruthy()
    expect(screen.queryByText('Emails are sent through the email provider.')).toBeNull()
  })
})
