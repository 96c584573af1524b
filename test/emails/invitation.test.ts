import { describe, it, expect } from 'vitest'
import { renderEmail } from '../../emails/render'
import type { InvitationEmailProps } from '../../emails/invitation'
import { hrefs, withoutTextMarkers } from './html'

const url = 'https://roster.example.com/invitations/accept?token=7f3c9a2e4b1d&source=email'

const props: InvitationEmailProps = {
  firstName: 'Reto',
  inviterName: 'Bruce Willis',
  accountName: 'Stark Industries',
  productName: 'SoftwareOne Client Portal',
  url,
  expiresInDays: 7,
}

const renderInvitation = (overrides: Partial<InvitationEmailProps> = {}) =>
  renderEmail({ kind: 'invitation', props: { ...props, ...overrides } })

describe('invitation email', () => {
  it('has a subject naming the product', async () => {
    const { subject } = await renderInvitation()
    expect(subject).toBe('Invitation to SoftwareOne Client Portal')
  })

  it('greets the invitee and names the inviter, product and account', async () => {
    const { html, text } = await renderInvitation()
    const sentence = 'Bruce Willis has invited you to use SoftwareOne Client Portal on behalf of Stark Industries.'
    expect(text).toContain('Hi Reto,')
    expect(text).toContain(sentence)
    expect(withoutTextMarkers(html)).toContain('Hi Reto,')
    expect(withoutTextMarkers(html)).toContain(sentence)
  })

  it('links to the invitation from the text, the button and the fallback address', async () => {
    const { html } = await renderInvitation()
    expect(hrefs(html)).toEqual([url, url, url])
    expect(html).toMatch(/>here<\/a>\./)
    expect(html).toContain('Accept invitation')
    expect(html).toContain(`>${url.replaceAll('&', '&amp;')}</a>`)
  })

  it('gives the full URL once in the plain text, without the button', async () => {
    const { text } = await renderInvitation()
    expect(text).toContain(`Get started by clicking here <${url}>.`)
    expect(text.split(url)).toHaveLength(2)
    expect(text).not.toContain('Accept invitation')
  })

  it('says when the invitation expires', async () => {
    const { html, text } = await renderInvitation()
    const sentence = 'This is a personalised invitation that will expire after 7 days.'
    expect(text).toContain(sentence)
    expect(withoutTextMarkers(html)).toContain(sentence)
    expect((await renderInvitation({ expiresInDays: 1 })).text).toContain('will expire after 1 day.')
  })

  it('signs off from the product team without upper-casing anything', async () => {
    const { text } = await renderInvitation()
    expect(text).toContain('Kind regards,\nThe SoftwareOne Client Portal team')
    expect(text).not.toMatch(/SOFTWAREONE|KIND REGARDS/)
  })

  it('words an invitation without an inviter as coming from no one in particular', async () => {
    const { html, text } = await renderInvitation({ inviterName: null })
    const sentence = 'You have been invited to use SoftwareOne Client Portal on behalf of Stark Industries.'
    expect(text).toContain(sentence)
    expect(withoutTextMarkers(html)).toContain(sentence)
    expect(text).not.toContain('has invited you')
    expect(text).not.toContain('null')
    expect(html).not.toContain('null')
  })

  it('is set up for dark mode, phones, English and a preview line', async () => {
    const { html } = await renderInvitation()
    expect(html).toContain('<meta name="color-scheme" content="light dark"/>')
    expect(html).toContain('<meta name="supported-color-schemes" content="light dark"/>')
    expect(html).toContain('@media (prefers-color-scheme: dark)')
    expect(html).toMatch(/<html[^>]* lang="en"/)
    expect(html).toMatch(/style="max-width:560px;[^"]*width:100%/)
    expect(html).toMatch(/data-skip-in-text="true">Bruce Willis has invited you to use SoftwareOne Client Portal/)
  })

  it('wraps a long unbroken name rather than widening the email on a phone', async () => {
    const { html } = await renderInvitation({ firstName: 'A'.repeat(99) })
    const greeting = new RegExp(`<p[^>]*style="([^"]*)"[^>]*>Hi (<!-- -->)?${'A'.repeat(99)}`).exec(html)
    expect(greeting?.[1]).toContain('overflow-wrap:anywhere')
  })

  it('escapes hostile names in the HTML', async () => {
    const { html, text } = await renderInvitation({
      accountName: '<script>alert(1)</script>',
      inviterName: '"><img src=x onerror=alert(2)>',
      firstName: '<b>Eve</b>',
    })
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).not.toContain('<img src=x')
    expect(html).not.toContain('<b>Eve</b>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(withoutTextMarkers(html)).toContain('Hi &lt;b&gt;Eve&lt;/b&gt;,')
    // Plain text is not HTML, so the names appear as typed.
    expect(text).toContain('on behalf of <script>alert(1)</script>.')
  })

  it('keeps the subject on one line whatever the product name holds', async () => {
    const { subject } = await renderInvitation({ productName: 'Roster\r\nBcc: someone@example.com' })
    expect(subject).toBe('Invitation to Roster Bcc: someone@example.com')
  })
})
