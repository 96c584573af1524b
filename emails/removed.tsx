import { EmailLayout, Paragraph } from './layout'

export interface RemovedEmailProps {
  firstName: string
  accountName: string
  productName: string
}

export function RemovedEmail({ firstName, accountName, productName }: RemovedEmailProps) {
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
} satisfies RemovedEmailProps

export default RemovedEmail
