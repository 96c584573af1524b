import { describe, expect, it } from 'vitest'
import { PasswordResetEmail } from '../../emails/password-reset'
import { renderEmail } from '../../emails/render'
import { hrefs, withoutTextMarkers } from './html'

const props = { ...PasswordResetEmail.PreviewProps, productName: 'SoftwareOne Client Portal' }

describe('password reset email', () => {
  it('has a subject naming the product', async () => {
    expect((await renderEmail({ kind: 'password_reset', props })).subject).toBe('Reset your SoftwareOne Client Portal password')
  })

  it('links to the reset page, says it works once for an hour and may be ignored, in HTML and text', async () => {
    const { html, text } = await renderEmail({ kind: 'password_reset', props })
    expect(hrefs(html)).toContain(props.url)
    for (const body of [withoutTextMarkers(html), text]) {
      expect(body).toContain('Hi Reto,')
      expect(body).toContain('The link works once, for one hour.')
      expect(body).toContain('If you did not ask for this, you can ignore this email')
    }
    expect(text).toContain(`<${props.url}>`)
    expect(text.split(props.url)).toHaveLength(2)
  })
})
