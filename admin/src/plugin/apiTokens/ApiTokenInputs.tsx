import { Alert } from '@mui/material'
import { useWatch } from 'react-hook-form'
import { BooleanInput, TextInput, maxLength, required, useTranslate } from 'react-admin'
import { useAccountGroups } from '../groups/useAccountGroups'
import { ProvisionGroupInput } from './ProvisionGroupInput'

export interface ApiTokenInputsProps {
  /** Creating: offer "Provisioned users (created automatically)", the empty value, as default. */
  automaticGroup?: boolean
}

/** Name, the group provisioned users join, and whether they get an invitation email. */
export function ApiTokenInputs({ automaticGroup = false }: ApiTokenInputsProps) {
  const translate = useTranslate()
  const { groups, isPending } = useAccountGroups()
  const groupId = useWatch({ name: 'provisionGroupId' }) as string | null | undefined
  const administrators = groups.find((group) => group.isDefault)
  const intoAdministrators = administrators !== undefined && groupId === administrators.id

  return (
    <>
      <TextInput
        source="name"
        validate={[required(), maxLength(100)]}
        helperText="roster.api_tokens.name_help"
        fullWidth
      />
      <ProvisionGroupInput
        groups={groups}
        isPending={isPending}
        automaticGroup={automaticGroup}
        helperText={intoAdministrators ? false : 'roster.api_tokens.group_help'}
      />
      {intoAdministrators && (
        <Alert severity="warning" role="alert" sx={{ mb: 2, width: '100%' }}>
          {translate('roster.api_tokens.administrators_warning')}
        </Alert>
      )}
      <BooleanInput
        source="sendInvitationEmail"
        label="roster.api_tokens.send_invitation_email"
        helperText="roster.api_tokens.send_invitation_email_help"
        defaultValue={true}
      />
    </>
  )
}
