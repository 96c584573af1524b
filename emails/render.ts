import { createElement, type ReactElement } from 'react'
import { render, type Options } from '@react-email/render'
import { InvitationEmail, type InvitationEmailProps } from './invitation'
import { PasswordResetEmail, type PasswordResetEmailProps } from './password-reset'
import { RemovedEmail, type RemovedEmailProps } from './removed'

export type EmailMessage = { subject: string; html: string; text: string }

export type EmailTemplate =
  | { kind: 'invitation'; props: InvitationEmailProps }
  | { kind: 'removed'; props: RemovedEmailProps }
  | { kind: 'password_reset'; props: PasswordResetEmailProps }

// Names come from user input; a line break in a subject would break the mail header.
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim()

export function invitationSubject({ productName }: InvitationEmailProps): string {
  return oneLine(`Invitation to ${productName}`)
}

export function removedSubject({ accountName, joined = true }: RemovedEmailProps): string {
  return oneLine(joined ? `You have been removed from ${accountName}` : `Your invitation to ${accountName} was withdrawn`)
}

export function passwordResetSubject({ productName }: PasswordResetEmailProps): string {
  return oneLine(`Reset your ${productName} password`)
}

function compose(template: EmailTemplate): { subject: string; element: ReactElement } {
  switch (template.kind) {
    case 'invitation':
      return { subject: invitationSubject(template.props), element: createElement(InvitationEmail, template.props) }
    case 'removed':
      return { subject: removedSubject(template.props), element: createElement(RemovedEmail, template.props) }
    case 'password_reset':
      return { subject: passwordResetSubject(template.props), element: createElement(PasswordResetEmail, template.props) }
  }
}

// Angle brackets keep a following full stop out of the URL when mail apps auto-link plain text.
const plainTextOptions: Options = {
  plainText: true,
  htmlToTextOptions: {
    selectors: [{ selector: 'a', options: { linkBrackets: ['<', '>'], hideLinkHrefIfSameAsText: true } }],
  },
}

export async function renderEmail(template: EmailTemplate): Promise<EmailMessage> {
  const { subject, element } = compose(template)
  const [html, text] = await Promise.all([render(element), render(element, plainTextOptions)])
  return { subject, html, text }
}
