import { Box, Card, CardContent, Typography, type SxProps, type Theme } from '@mui/material'
import {
  BooleanInput,
  Button,
  CreateButton,
  DataTable,
  EditButton,
  List,
  TopToolbar,
  useGetList,
  useListContext,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin'
import { formatDate, formatDateTime } from '../common/format'
import { TwoLines } from '../common/TwoLines'
import { listSx, tableSx, WIDE_TABLE_WINDOW } from '../common/tableSx'
import type { ApiToken } from '../types'
import {
  CreatedAtField,
  InvitationEmailField,
  LastUsedField,
  ProvisionGroupField,
  TokenNameField,
  TokenPrefixField,
} from './ApiTokenFields'
import { RevokeTokenButton } from './RevokeTokenButton'
import { ScimUrlCard } from './ScimUrlCard'

/** Edit and Revoke; for a revoked token (shown when asked for), when it was revoked instead. */
function TokenRowActions() {
  const token = useRecordContext<ApiToken>()
  const translate = useTranslate()
  if (token?.revokedAt) {
    // Two short lines (the time in the title): the table keeps its width, on a phone too.
    return (
      <Box sx={{ color: 'text.secondary', textAlign: 'right' }}>
        <TwoLines
          first={translate('roster.api_tokens.revoked')}
          second={formatDate(token.revokedAt)}
          title={translate('roster.api_tokens.revoked_on', { date: formatDateTime(token.revokedAt) })}
          whole
        />
      </Box>
    )
  }
  return (
    // From `sm` to a wide window the buttons may go one under the other, for the table to fit.
    <Box sx={{ display: 'flex', flexWrap: { xs: 'nowrap', sm: 'wrap' }, [WIDE_TABLE_WINDOW]: { flexWrap: 'nowrap' }, justifyContent: 'flex-end', gap: 1 }}>
      <EditButton />
      <RevokeTokenButton />
    </Box>
  )
}

const EVERY_TOKEN = {
  filter: { includeRevoked: true },
  pagination: { page: 1, perPage: 500 },
  sort: { field: 'createdAt', order: 'ASC' as const },
}

/** No live token: either none was ever created, or every one was revoked (the revoked ones tell). */
function NoTokens() {
  const translate = useTranslate()
  const { data: everyToken, isPending } = useGetList<ApiToken>('api-tokens', EVERY_TOKEN)
  const allRevoked = everyToken?.some((token) => Boolean(token.revokedAt)) ?? false
  const { setFilters } = useListContext()
  return (
    <Card variant="outlined" sx={{ mt: 1 }}>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 2, py: 4 }}>
        {!isPending && (
          <Typography color="text.secondary">
            {translate(allRevoked ? 'roster.api_tokens.all_revoked' : 'roster.api_tokens.empty')}
          </Typography>
        )}
        <CreateButton label="roster.api_tokens.actions.create" variant="contained" />
        {allRevoked && (
          <Button label="roster.api_tokens.show_revoked" onClick={() => setFilters({ includeRevoked: true }, {})} />
        )}
      </CardContent>
    </Card>
  )
}

const Column = DataTable.Col<ApiToken>

// Revoked tokens stay listed for the record (the provisioning log names them), when asked for.
const tokenFilters = [<BooleanInput key="includeRevoked" source="includeRevoked" label="roster.api_tokens.show_revoked" alwaysOn sx={{ ml: 1.5 }} />]

/** A live token opens to be edited; a revoked one has nothing left to change. */
const openToken = (_id: unknown, _resource: string, record: RaRecord) => ((record as ApiToken).revokedAt ? false : 'edit')

// On a phone: the name, when the token was last used and the actions, without scrolling sideways
// (the rest is on each token's page); and room below the last row for the floating Create
// button, which would otherwise cover its Revoke.
// The toolbar holds only that button, floating on a phone: no empty white strip above the table.
const phoneListSx: SxProps<Theme> = [
  { ...listSx, pb: { xs: 10, sm: 0 } },
  (theme) => ({
    [theme.breakpoints.down('sm')]: { '& .RaList-actions, & .RaList-actions .MuiToolbar-root': { minHeight: 0, backgroundColor: 'transparent' } },
  }),
]
const phoneTableSx = {
  '& .column-prefix, & .column-sendInvitationEmail, & .column-createdAt': { display: { xs: 'none', md: 'table-cell' } },
  '& .column-provisionGroupId': { display: { xs: 'none', sm: 'table-cell' } },
} as const

/**
 * Platform tools > API tokens: the SCIM base URL, and the account's tokens (oldest first, all on
 * one page: the API answers every live token and sorts them itself, so the columns do not sort).
 */
export function ApiTokenList() {
  return (
    <>
      <ScimUrlCard />
      <List<ApiToken>
        resource="api-tokens"
        sx={phoneListSx}
        actions={
          <TopToolbar>
            <CreateButton label="roster.api_tokens.actions.create" variant="contained" />
          </TopToolbar>
        }
        sort={{ field: 'createdAt', order: 'ASC' }}
        perPage={500}
        pagination={false}
        empty={<NoTokens />}
        filters={tokenFilters}
      >
        <DataTable<ApiToken> rowClick={openToken} bulkActionButtons={false} sx={[tableSx, phoneTableSx]}>
          <Column source="name" disableSort field={TokenNameField} />
          <Column source="prefix" disableSort field={TokenPrefixField} />
          <Column source="provisionGroupId" disableSort field={ProvisionGroupField} />
          <Column source="sendInvitationEmail" disableSort field={InvitationEmailField} />
          <Column source="createdAt" disableSort field={CreatedAtField} />
          <Column source="lastUsedAt" disableSort field={LastUsedField} />
          <Column source="actions" disableSort align="right" field={TokenRowActions} />
        </DataTable>
      </List>
    </>
  )
}
