import { Edit, SaveButton, SimpleForm, Toolbar, useRedirect } from 'react-admin'
import { useNotifyApiError } from '../common/useNotifyApiError'
import { apiFieldErrors } from '../errors'
import type { ApiToken } from '../types'
import { ApiTokenInputs } from './ApiTokenInputs'
import { RevokeTokenButton } from './RevokeTokenButton'
import { useTokenGone } from './useTokenGone'

/** `PUT /api-tokens/:id` takes these three fields only. */
export const toUpdateBody = ({ name, provisionGroupId, sendInvitationEmail }: Partial<ApiToken>) => ({
  name,
  provisionGroupId,
  sendInvitationEmail,
})

function EditToolbar() {
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      <RevokeTokenButton redirectTo="list" />
    </Toolbar>
  )
}

/** Rename a token, change the group it provisions into, or whether invitations are emailed. */
export function ApiTokenEdit() {
  const tokenGone = useTokenGone()
  const notifyError = useNotifyApiError()
  const redirect = useRedirect()
  // Revoked in another tab, before or while this page was open: said as such, back on the list.
  const leaveIfGone = (error: unknown) => tokenGone(error, { leave: true })
  const loadFailed = (error: unknown) => {
    if (leaveIfGone(error)) return
    notifyError(error)
    redirect('list', 'api-tokens')
  }
  const saveFailed = (error: unknown) => {
    if (leaveIfGone(error)) return
    // Field errors are said on their fields (react-admin's own rule for a pessimistic save).
    if (Object.keys(apiFieldErrors(error)).length === 0) notifyError(error)
  }
  return (
    <Edit<ApiToken>
      resource="api-tokens"
      mutationMode="pessimistic"
      redirect="list"
      transform={toUpdateBody}
      queryOptions={{ onError: loadFailed }}
      mutationOptions={{ onError: saveFailed }}
    >
      <SimpleForm sx={{ maxWidth: 560 }} toolbar={<EditToolbar />}>
        <ApiTokenInputs />
      </SimpleForm>
    </Edit>
  )
}
