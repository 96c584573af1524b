import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin'
import type { ApiToken } from '../types'
import { ApiTokenInputs } from './ApiTokenInputs'
import { RevokeTokenButton } from './RevokeTokenButton'

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
  return (
    <Edit<ApiToken> resource="api-tokens" mutationMode="pessimistic" redirect="list" transform={toUpdateBody}>
      <SimpleForm sx={{ maxWidth: 560 }} toolbar={<EditToolbar />}>
        <ApiTokenInputs />
      </SimpleForm>
    </Edit>
  )
}
