import WarningAmberIcon from '@mui/icons-material/WarningAmber'
import { Box, Tooltip, useMediaQuery } from '@mui/material'
import { ReferenceField, useRecordContext, useTranslate } from 'react-admin'
import { formatDate, formatTime } from '../common/format'
import { ROOMY_WINDOW, WIDE_TABLE_QUERY, WIDE_TABLE_WINDOW } from '../common/tableSx'
import { oneLineSx, TwoLines } from '../common/TwoLines'
import type { ApiToken, Group } from '../types'

const TOKEN_PREFIX = 'roster_scim_'

const monospace = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.85em' }

/** A token's name on one line, cut with an ellipsis (the whole name is its title). */
export function TokenNameField() {
  const token = useRecordContext<ApiToken>()
  if (!token) return null
  return (
    <Box component="span" title={token.name} sx={{ ...oneLineSx, minWidth: 90, maxWidth: 200, [ROOMY_WINDOW]: { minWidth: 120 }, [WIDE_TABLE_WINDOW]: { maxWidth: 280 } }}>
      {token.name}
    </Box>
  )
}

/**
 * `roster_scim_AbCd…`: enough to tell tokens apart, never the secret. In windows narrower than
 * `WIDE_TABLE_QUERY` it may break after `roster_scim_` (and nowhere else), for the table to fit.
 */
export function TokenPrefixField() {
  const token = useRecordContext<ApiToken>()
  // Chrome breaks at a <wbr> even in `white-space: nowrap`: on wide screens there is none.
  const wide = useMediaQuery(WIDE_TABLE_QUERY)
  if (!token) return null
  // After the fixed `roster_scim_`: the random part may hold underscores of its own.
  const cut = token.prefix.startsWith(TOKEN_PREFIX) ? TOKEN_PREFIX.length : 0
  return (
    <Box component="code" sx={monospace}>
      {token.prefix.slice(0, cut)}
      {!wide && <wbr />}
      {`${token.prefix.slice(cut)}…`}
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

/** Date, and the time below it (as in the Users table): narrower than both on one line. */
export function CreatedAtField() {
  const token = useRecordContext<ApiToken>()
  if (!token) return null
  return <TwoLines first={formatDate(token.createdAt)} second={formatTime(token.createdAt)} whole />
}

export function LastUsedField() {
  const token = useRecordContext<ApiToken>()
  const translate = useTranslate()
  if (!token) return null
  if (!token.lastUsedAt) return <>{translate('roster.api_tokens.never')}</>
  return <TwoLines first={formatDate(token.lastUsedAt)} second={formatTime(token.lastUsedAt)} whole />
}
