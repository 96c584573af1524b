import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Create, SaveButton, SimpleForm, Toolbar, useNotify, useRedirect } from 'react-admin'
import type { ApiToken, CreatedApiToken } from '../types'
import { ApiTokenInputs } from './ApiTokenInputs'
import { TokenCreatedDialog } from './TokenCreatedDialog'

type TokenForm = Partial<Pick<ApiToken, 'name' | 'provisionGroupId' | 'sendInvitationEmail'>>

/** `POST /api-tokens`: no group means the server's own "Provisioned users" group. */
export const toCreateBody = ({ name, provisionGroupId, sendInvitationEmail }: TokenForm) => ({
  name,
  sendInvitationEmail: sendInvitationEmail ?? true,
  ...(provisionGroupId ? { provisionGroupId } : {}),
})

function CreateToolbar() {
  return (
    <Toolbar>
      <SaveButton label="roster.api_tokens.actions.create" />
    </Toolbar>
  )
}

/** New API token; on success the secret is shown once, in a dialog, then the list. */
export function ApiTokenCreate() {
  const notify = useNotify()
  const redirect = useRedirect()
  const queryClient = useQueryClient()
  const [created, setCreated] = useState<CreatedApiToken>()

  const onSuccess = (token: CreatedApiToken) => {
    // react-admin caches what create returned; keep the secret out of that cache.
    queryClient.setQueriesData<CreatedApiToken>(
      { queryKey: ['api-tokens', 'getOne', { id: String(token.id) }] },
      (cached) => {
        if (!cached) return cached
        const { token: _secret, ...record } = cached
        return record as CreatedApiToken
      },
    )
    setCreated(token)
    notify('roster.api_tokens.notifications.created', { type: 'success', messageArgs: { name: token.name } })
  }

  return (
    <>
      <Create<ApiToken, CreatedApiToken>
        resource="api-tokens"
        transform={toCreateBody}
        mutationOptions={{ onSuccess }}
      >
        <SimpleForm sx={{ maxWidth: 560 }} toolbar={<CreateToolbar />}>
          <ApiTokenInputs automaticGroup />
        </SimpleForm>
      </Create>
      {created && (
        <TokenCreatedDialog
          token={created}
          onClose={() => {
            setCreated(undefined)
            redirect('list', 'api-tokens')
          }}
        />
      )}
    </>
  )
}
