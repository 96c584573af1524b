import { Alert, Box } from '@mui/material'
import { List, useListContext, useTranslate } from 'react-admin'
import { listSx } from '../common/tableSx'
import { useNotifyApiError } from '../common/useNotifyApiError'
import type { MailboxEmail } from '../types'
import { EmailPreview } from './EmailPreview'
import { isMailboxDisabledError } from './useMailboxEnabled'

function Emails() {
  const { data } = useListContext<MailboxEmail>()
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: { xs: 1, sm: 2 } }}>
      {data?.map((email) => (
        <EmailPreview key={email.id} email={email} />
      ))}
    </Box>
  )
}

function MailboxError() {
  const { error } = useListContext()
  const translate = useTranslate()
  return (
    <Alert severity={isMailboxDisabledError(error) ? 'info' : 'error'} sx={{ m: 2 }}>
      {translate(isMailboxDisabledError(error) ? 'roster.emails.disabled' : 'roster.emails.error')}
    </Alert>
  )
}

function NoEmails() {
  const translate = useTranslate()
  return (
    <Alert severity="info" sx={{ m: 2 }}>
      {translate('roster.emails.empty')}
    </Alert>
  )
}

/** The development mailbox: every email the API "sent", newest first. */
export function EmailList() {
  const notifyError = useNotifyApiError()
  return (
    <List<MailboxEmail>
      resource="emails"
      sx={listSx}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={10}
      actions={false}
      empty={<NoEmails />}
      error={<MailboxError />}
      queryOptions={{
        onError: (error: unknown) => {
          // Not an error: the API simply sends real emails. The page says so instead.
          if (!isMailboxDisabledError(error)) notifyError(error)
        },
      }}
    >
      <Emails />
    </List>
  )
}
