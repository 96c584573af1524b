import { RemovedEmail, type RemovedEmailProps } from './removed'

/**
 * removed.tsx as an invitee gets it whose invitation was withdrawn before they joined. Only a
 * preview: React Email previews one set of PreviewProps per file; the app renders RemovedEmail.
 */
export function InvitationWithdrawnPreview(props: RemovedEmailProps) {
  return <RemovedEmail {...props} />
}

InvitationWithdrawnPreview.PreviewProps = { ...RemovedEmail.PreviewProps, joined: false } satisfies RemovedEmailProps

export default InvitationWithdrawnPreview
