import { Link } from '@react-email/components'
import { EmailLayout, LinkButton, Paragraph, styles } from './layout'

export interface InvitationEmailProps {
  firstName: string
  inviterName: string | null
  accountName: string
  productName: string
  url: string
  expiresInDays: number
}

// A null inviter means an identity provider or the system sent the invitation.
function invitationSentence({ inviterName, productName, accountName }: InvitationEmailProps): string {
  const who = inviterName === null ? 'You have been invited' : `${inviterName} has invited you`
  return `${who} to use ${productName} on behalf of ${accountName}.`
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`)

export function InvitationEmail(props: InvitationEmailProps) {
  const { firstName, productName, url, expiresInDays } = props
  return (
    <EmailLayout productName={productName} preview={invitationSentence(props)}>
      <Paragraph>Hi {firstName},</Paragraph>
      <Paragraph>{invitationSentence(props)}</Paragraph>
      <Paragraph>
        Get started by clicking{' '}
        <Link className="email-link" href={url} style={styles.link}>
          here
        </Link>
        .
      </Paragraph>
      <LinkButton url={url} label="Accept invitation" />
      <Paragraph>This is a personalised invitation that will expire after {days(expiresInDays)}.</Paragraph>
    </EmailLayout>
  )
}

InvitationEmail.PreviewProps = {
  firstName: 'Reto',
  inviterName: 'Bruce Willis',
  accountName: 'Stark Industries',
  productName: 'Roster',
  url: 'https://roster.example.com/invitations/7f3c9a2e4b1d4e8f9a6b0c5d2e1f3a4b',
  expiresInDays: 7,
} satisfies InvitationEmailProps

export default InvitationEmail
