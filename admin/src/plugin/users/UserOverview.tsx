import { Box, Typography } from '@mui/material'
import type { ReactNode } from 'react'
import { useLocaleState, useTranslate } from 'react-admin'
import { DefaultBadge } from '../common/DefaultBadge'
import { formatPhone } from '../common/format'
import { useAccountGroups } from '../groups/useAccountGroups'
import { countryName } from './countries'
import type { UserDetailsValues } from './userDetails'

/** A label and its value, in a definition list: side by side, stacked on a phone. */
export function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '160px 1fr' }, gap: { xs: 0, sm: 2 }, py: 1 }}>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  )
}

/** A read-only view of a user's details and groups: the wizard's Overview, Edit's first step, and (with rows of its own) the user's page. */
export function UserOverview({ details, groupIds, children }: { details: UserDetailsValues; groupIds?: string[]; children?: ReactNode }) {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const { groups } = useAccountGroups()
  const chosen = groupIds ? groups.filter((group) => groupIds.includes(group.id)) : []
  const phone = details.phone.trim()

  return (
    <Box component="dl" sx={{ m: 0 }}>
      <DetailRow label={translate('resources.users.fields.firstName')}>{details.firstName}</DetailRow>
      <DetailRow label={translate('resources.users.fields.lastName')}>{details.lastName}</DetailRow>
      <DetailRow label={translate('resources.users.fields.email')}>{details.email}</DetailRow>
      <DetailRow label={translate('resources.users.fields.phone')}>
        {phone
          ? `${formatPhone(phone, details.countryCode)} (${countryName(details.countryCode, locale)})`
          : translate('roster.none')}
      </DetailRow>
      {groupIds && (
        <DetailRow label={translate('resources.users.fields.groupIds')}>
          <Box component="span" sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
            {chosen.map((group) => (
              <Box component="span" key={group.id} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                {group.name}
                <Typography component="span" variant="caption" color="text.secondary">
                  {group.id}
                </Typography>
                {group.isDefault && <DefaultBadge />}
              </Box>
            ))}
          </Box>
        </DetailRow>
      )}
      {children}
    </Box>
  )
}
