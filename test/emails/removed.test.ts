import { describe, it, expect } from 'vitest'
import { renderEmail } from '../../emails/render'
import { RemovedEmail, type RemovedEmailProps } from '../../emails/removed'
import { InvitationWithdrawnPreview } from '../../emails/removed-before-joining'
import { hrefs, withoutTextMarkers } from './html'

const props: RemovedEmailProps = {
  firstName: 'Reto',
  accountName: 'Stark Industries',
  productName: 'SoftwareOne Client Portal',
}

const renderRemoved = (overrides: Partial<RemovedEmailProps> = {}) =>
  renderEmail({ kind: 'removed', props: { ...props, ...overrides } })

describe('removed-from-account email', () => {
  it('has a subject naming the account', async () => {
    const { subject } = await renderRemoved()
    expect(subject).toBe('You have been removed from Stark Industries')
  })

  it('says which account they left, that other accounts are untouched, and that they can come back', async () => {
    const { html, text } = await renderRemoved()
    const sentences = [
      'Hi Reto,',
      'You have been removed from the account Stark Industries on SoftwareOne Client Portal.',
      'Your other SoftwareOne Client Portal accounts, if you have any, are not affected.',
      'An administrator of Stark Industries can invite you back in the future.',
    ]
    for (const sentence of sentences) {
      expect(text).toContain(sentence)
      expect(withoutTextMarkers(html)).toContain(sentence)
    }
    expect(text).toContain('Kind regards,\nThe SoftwareOne Client Portal team')
  })

  it('contains no links', async () => {
    const { html } = await renderRemoved()
    expect(hrefs(html)).toEqual([])
  })

  it('is set up for dark mode, phones, English and a preview line', async () => {
    const { html } = await renderRemoved()
    expect(html).toContain('<meta name="color-scheme" content="light dark"/>')
    expect(html).toContain('<meta name="supported-color-schemes" content="light dark"/>')
    expect(html).toMatch(/<html[^>]* lang="en"/)
    expect(html).toMatch(/style="max-width:560px;[^"]*width:100%/)
    expect(html).toContain('data-skip-in-text="true">You no longer have access to Stark Industries on SoftwareOne Client Portal.')
  })

  it('escapes hostile names in the HTML', async () => {
    const { html, subject } = await renderRemoved({ accountName: '<script>alert(1)</script>' })
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(subject).toBe('You have been removed from <script>alert(1)</script>')
  })
})

describe('the same email to someone whose invitation was withdrawn before they joined', () => {
  const withdrawn = () => renderRemoved({ joined: false })

  it('says the invitation was withdrawn, in the subject too', async () => {
    const { subject, html, text } = await withdrawn()
    expect(subject).toBe('Your invitation to Stark Industries was withdrawn')
    const sentences = [
      'Hi Reto,',
      'Your invitation to Stark Industries on SoftwareOne Client Portal was withdrawn.',
      'The link in the invitation email no longer works.',
      'An administrator of Stark Industries can invite you again in the future.',
    ]
    for (const sentence of sentences) {
      expect(text).toContain(sentence)
      expect(withoutTextMarkers(html)).toContain(sentence)
    }
    expect(html).toContain('data-skip-in-text="true">Your invitation to Stark Industries on SoftwareOne Client Portal was withdrawn.')
    expect(text).toContain('Kind regards,\nThe SoftwareOne Client Portal team')
  })

  it('does not speak of a removal or of other accounts they never had', async () => {
    const { html, text } = await withdrawn()
    for (const words of ['removed', 'no longer have access', 'other SoftwareOne Client Portal accounts']) {
      expect(text).not.toContain(words)
      expect(withoutTextMarkers(html)).not.toContain(words)
    }
    expect(hrefs(html)).toEqual([])
  })

  it('keeps the old wording when the prop is left out (emails queued before it existed) or true', async () => {
    for (const joined of [undefined, true]) {
      const { subject, text } = await renderRemoved({ joined })
      expect(subject).toBe('You have been removed from Stark Industries')
      expect(text).toContain('You have been removed from the account Stark Industries on SoftwareOne Client Portal.')
    }
  })

  it('has preview props for both cases', async () => {
    expect(RemovedEmail.PreviewProps.joined).toBe(true)
    expect(InvitationWithdrawnPreview.PreviewProps.joined).toBe(false)
    const joined = await renderEmail({ kind: 'removed', props: RemovedEmail.PreviewProps })
    const never = await renderEmail({ kind: 'removed', props: InvitationWithdrawnPreview.PreviewProps })
    expect(joined.text).toContain('You have been removed from the account Stark Industries on Roster.')
    expect(never.text).toContain('Your invitation to Stark Industries on Roster was withdrawn.')
    expect(never.html).toContain('Your invitation to Stark Industries on Roster was withdrawn.')
  })
})
