import { Link } from '@react-email/components'
import { EmailLayout, LinkButton, Paragraph, styles } from './layout'

export interface PasswordResetEmailProps {
  firstName: string
  productName: string
  url: string
}

export function PasswordResetEmail({ firstName, productName, url }: PasswordResetEmailProps) {
  return (
    <EmailLayout productName={productName} preview={`Choose a new password for ${productName}.`}>
      <Paragraph>Hi {firstName},</Paragraph>
      <Paragraph>
        Someone asked to reset the password you sign in to {productName} with. To choose a new one, click{' '}
        <Link className="email-link" href={url} style={styles.link}>
          here
        </Link>
        .
      </Paragraph>
      <LinkButton url={url} label="Choose a new password" />
      <Paragraph>The link works once, for one hour. Choosing a new password signs you out everywhere.</Paragraph>
      <Paragraph>If you did not ask for this, you can ignore this email: your password stays as it is.</Paragraph>
    </EmailLayout>
  )
}

PasswordResetEmail.PreviewProps = {
  firstName: 'Reto',
  productName: 'Roster',
  url: 'https://roster.example.com/password/reset/7f3c9a2e4b1d4e8f9a6b0c5d2e1f3a4b7f3c9a2e4b1',
} satisfies PasswordResetEmailProps

export default PasswordResetEmail
