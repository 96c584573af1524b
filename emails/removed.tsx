import { EmailLayout, Paragraph } from './layout'

export interface RemovedEmailProps {
  firstName: string
  accountName: string
  productName: string
  /**
   * Whether the person had joined the account. False: their invitation was withdrawn before they
   * accepted it, and there is no removal to speak of. Left out (emails queued before this prop
   * existed), the removal wording.
   */
  joined?: boolean
}

export function RemovedEmail({ firstName, accountName, productName, joined = true }: RemovedEmailProps) {
  if (!joined) {
    return (
      <EmailLayout productName={productName} preview={`Your invitation to ${accountName} on ${productName} was withdrawn.`}>
        <Paragraph>Hi {firstName},</Paragraph>
        <Paragraph>
          Your invitation to {accountName} on {productName} was withdrawn.
        </Paragraph>
        <Paragraph>The link in the invitation email no longer works.</Paragraph>
        <Paragraph>An administrator of {accountName} can invite you again in the future.</Paragraph>
      </EmailLayout>
    )
  }
  return (
    <EmailLayout
      productName={productName}
      preview={`You no longer have access to ${accountName} on ${productName}.`}
    >
      <Paragraph>Hi {firstName},</Paragraph>
      <Paragraph>
        You have been removed from the account {accountName} on {productName}.
      </Paragraph>
      <Paragraph>
        Your other {productName} accounts, if you have any, are not affected.
      </Paragraph>
      <Paragraph>An administrator of {accountName} can invite you back in the future.</Paragraph>
    </EmailLayout>
  )
}

RemovedEmail.PreviewProps = {
  firstName: 'Reto',
  accountName: 'Stark Industries',
  productName: 'Roster',
  joined: true,
} satisfies RemovedEmailProps

export default RemovedEmail
