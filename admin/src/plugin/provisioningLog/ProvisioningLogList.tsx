import { Alert, Box, Chip } from '@mui/material'
import {
  BooleanInput,
  DataTable,
  List,
  ReferenceInput,
  SelectInput,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { listSx, tableSx } from '../common/tableSx'
import { formatDate, formatTimeWithSeconds } from '../common/format'
import { oneLineSx, TwoLines } from '../common/TwoLines'
import type { ApiToken, ProvisioningLogEntry } from '../types'

const monospace = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.85em' }

// A log wants the seconds; the browser's regional settings decide the rest.

export const isFailure = (status: number) => status >= 400

/** The token's name on one line, cut with an ellipsis (the whole name is its title). */
function TokenNameCell() {
  const entry = useRecordContext<ProvisioningLogEntry>()
  if (!entry) return null
  return (
    <Box component="span" title={entry.tokenName ?? undefined} sx={{ ...oneLineSx, minWidth: { xs: 80, lg: 140 }, maxWidth: { xs: 120, lg: 200 } }}>
      {entry.tokenName}
    </Box>
  )
}

function TokenOption() {
  const token = useRecordContext<ApiToken>()
  const translate = useTranslate()
  if (!token) return null
  return <>{token.revokedAt ? translate('roster.provisioning_log.revoked_token', { name: token.name }) : token.name}</>
}
const logFilters = [
  // Revoked tokens too: their requests stay in the log (and their refused ones keep coming in).
  <ReferenceInput
    key="tokenId"
    source="tokenId"
    reference="api-tokens"
    filter={{ includeRevoked: true }}
    sort={{ field: 'createdAt', order: 'ASC' }}
    perPage={500}
    alwaysOn
  >
    <SelectInput optionText={<TokenOption />} emptyText="roster.provisioning_log.all_tokens" />
  </ReferenceInput>,
  // Off means "every request", not "successes only": drop the filter instead of sending false.
  <BooleanInput
    key="failed"
    source="failed"
    label="roster.provisioning_log.failed_only"
    parse={(checked: boolean) => (checked ? true : null)}
    alwaysOn
    // On the Token field's line, and clear of the page's edge (FormControlLabel pulls left by 11 px).
    sx={{ ml: { xs: 1.5, sm: 0.5 }, mb: 1 }}
  />,
]

/** The date, and the time below it (as in the Users table): narrower than both on one line. */
function AtField() {
  const entry = useRecordContext<ProvisioningLogEntry>()
  if (!entry) return null
  return (
    <>
      <TwoLines first={formatDate(entry.at)} second={formatTimeWithSeconds(entry.at)} whole />
      {/* Below md the token column is hidden: its name goes under the time, so that a refused
          request still says which identity provider sent it. */}
      <Box
        component="span"
        title={entry.tokenName ?? undefined}
        sx={{ ...oneLineSx, display: { xs: 'block', md: 'none' }, maxWidth: 120, color: 'text.secondary', fontSize: '0.75rem' }}
      >
        {entry.tokenName}
      </Box>
    </>
  )
}

const code = (text: string) => (
  <Box component="code" sx={monospace}>
    {text}
  </Box>
)

/**
 * A request path as people read it: the query decoded (filter=userName eq "x", not %20 and %22),
 * with line breaks allowed after / ? & rather than in the middle of an id.
 */
export function readablePath(path: string): string[] {
  const [pathname = '', query] = path.split(/\?(.*)/s, 2)
  let decoded = query
  if (query !== undefined) {
    try {
      decoded = decodeURIComponent(query.replace(/\+/g, ' '))
    } catch {
      decoded = query // not valid percent-encoding: shown as it came
    }
  }
  const whole = decoded === undefined ? pathname : `${pathname}?${decoded}`
  return whole.split(/(?<=[/?&])/)
}

function PathField() {
  const entry = useRecordContext<ProvisioningLogEntry>()
  if (!entry) return null
  return (
    <Box component="code" sx={{ ...monospace, overflowWrap: 'anywhere' }} title={entry.path}>
      {readablePath(entry.path).map((part, i) => (
        <span key={i}>
          {i > 0 && <wbr />}
          {part}
        </span>
      ))}
    </Box>
  )
}

// Paths and summaries break anywhere (a summary may quote a long email address) rather than widen
// the table, but keep enough width to be read.
// On a phone the time (with the token's name), status and summary (which names the user or group)
// fit without scrolling sideways.
const logTableSx = {
  '& .column-path': { minWidth: { xs: 110, lg: 160 }, display: { xs: 'none', sm: 'table-cell' } },
  '& td.column-summary': { minWidth: { xs: 140, lg: 220 }, overflowWrap: 'anywhere' },
  '& .column-tokenName, & .column-method, & .column-durationMs': { display: { xs: 'none', md: 'table-cell' } },
} as const

/** The HTTP status, green for a success and red for a failure (the word is in its accessible name). */
export function StatusChip() {
  const entry = useRecordContext<ProvisioningLogEntry>()
  const translate = useTranslate()
  if (!entry) return null
  const failed = isFailure(entry.status)
  const outcome = translate(failed ? 'roster.provisioning_log.failed' : 'roster.provisioning_log.succeeded')
  return (
    <Chip
      label={entry.status}
      size="small"
      color={failed ? 'error' : 'success'}
      variant={failed ? 'filled' : 'outlined'}
      aria-label={`${entry.status} ${outcome}`}
      title={outcome}
    />
  )
}

function DurationField() {
  const entry = useRecordContext<ProvisioningLogEntry>()
  const translate = useTranslate()
  return entry ? <>{translate('roster.provisioning_log.duration', { ms: entry.durationMs })}</> : null
}

function NoRequests({ message = 'roster.provisioning_log.empty' }: { message?: string }) {
  const translate = useTranslate()
  return (
    <Alert severity="info" sx={{ m: 2 }}>
      {translate(message)}
    </Alert>
  )
}

const Column = DataTable.Col<ProvisioningLogEntry>

/** Platform tools > Provisioning log: the SCIM requests of the last 30 days, newest first. Read-only. */
export function ProvisioningLogList() {
  return (
    <List<ProvisioningLogEntry>
      resource="provisioning-log"
      sx={listSx}
      filters={logFilters}
      actions={false}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={25}
      empty={<NoRequests />}
    >
      <DataTable<ProvisioningLogEntry>
        rowClick={false}
        bulkActionButtons={false}
        sx={[tableSx, logTableSx]}
        empty={<NoRequests message="roster.provisioning_log.no_match" />}
      >
        <Column source="at" field={AtField} />
        <Column source="tokenName" disableSort field={TokenNameCell} />
        <Column source="method" disableSort render={(entry) => code(entry.method)} />
        <Column source="path" disableSort field={PathField} />
        <Column source="status" disableSort field={StatusChip} />
        <Column source="durationMs" disableSort align="right" field={DurationField} />
        <Column source="summary" disableSort />
      </DataTable>
    </List>
  )
}
