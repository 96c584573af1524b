import { Chip } from '@mui/material'
import { useTranslate } from 'react-admin'

/** Marks the account's default group (Administrators). */
export function DefaultBadge() {
  const translate = useTranslate()
  return (
    <Chip
      label={translate('roster.groups.default_badge')}
      size="small"
      color="primary"
      variant="outlined"
      sx={{ height: 20, fontSize: 12, borderRadius: 1, '& .MuiChip-label': { px: 0.75 } }}
    />
  )
}
