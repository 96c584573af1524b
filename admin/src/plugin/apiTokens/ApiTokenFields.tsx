import WarningAmberIcon from '@mui/icons-material/WarningAmber'
import { Box, Tooltip } from '@mui/material'
import { ReferenceField, useRecordContext, useTranslate } from 'react-admin'
import { formatDateTime } from '../common/format'
import type { ApiToken, Group } from '../types'

const monospace = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.85em' }

/** `roster_scim_AbCd…`: enough to tell tokens apart, never the secret. */
export function TokenPrefixField() {
  const token = useRecordContext<ApiToken>()
  if (!token) return null
  return (
    <Box component="code" sx={{ ...monospace, whiteSpace: 'nowrap' }}>
      {`${token.prefix}…`}
    </Box>
  )
}

function GroupName() {
  const group = useRecordContext<Group>()
  const translate = useTranslate()
  if (!group) return null
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      {group.name}
      {group.isDefault && (
        <Tooltip title={translate('roster.api_tokens.administrators_warning')}>
          <WarningAmberIcon
            color="warning"
            fontSize="small"
            aria-label={translate('roster.api_tokens.administrators_warning')}
            aria-hidden={false}
          />
        </Tooltip>
      )}
    </Box>
  )
}

/** The group the token's users join; Administrators carries a warning. */
export function ProvisionGroupField() {
  return (
    <ReferenceField<ApiToken, Group> source="provisionGroupId" reference="groups" link="show">
      <GroupName />
    </ReferenceField>
  )
}

export function InvitationEmailField() {
  const token = useRecordContext<ApiToken>()
  const translate = useTranslate()
  if (!token) return null
  return <>{translate(token.sendInvitationEmail ? 'ra.boolean.true' : 'ra.boolean.false')}</>
}

const nowrap = { whiteSpace: 'nowrap' } as const

export function CreatedAtField() {
  const token = useRecordContext<ApiToken>()
  return (
    <Box component="span" sx={nowrap}>
      {formatDateTime(token?.createdAt)}
    </Box>
  )
}

export function LastUsedField() {
  const token = useRecordContext<ApiToken>()
  const translate = useTranslate()
  if (!token) return null
  return (
    <Box component="span" sx={nowrap}>
      {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : translate('roster.api_tokens.never')}
    </Box>
  )
}
