import { Chip, type ChipProps } from '@mui/material'
import { useRecordContext, useTranslate } from 'react-admin'
import type { User, UserState } from '../types'

const COLORS: Record<UserState, ChipProps['color']> = {
  invited: 'info',
  invitation_expired: 'warning',
  active: 'success',
  blocked: 'error',
}

export function UserStateChip({ state: stateProp }: { state?: UserState }) {
  const record = useRecordContext<User>()
  const translate = useTranslate()
  const state = stateProp ?? record?.state
  if (!state) return null
  return (
    <Chip
      label={translate(`roster.users.states.${state}`)}
      color={COLORS[state]}
      size="small"
      variant="outlined"
      sx={{ fontWeight: 500 }}
    />
  )
}
