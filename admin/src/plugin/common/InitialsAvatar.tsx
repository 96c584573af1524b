import { Avatar, type SxProps, type Theme } from '@mui/material'
import { initials } from './format'

/** The round badge of the users and groups columns: "AA" for Andy Anderson, "+3" for three groups. */
export function InitialsAvatar({ name, text, sx }: { name: string; text?: string; sx?: SxProps<Theme> }) {
  return (
    <Avatar
      aria-hidden
      sx={[
        (theme) => ({
          width: 32,
          height: 32,
          fontSize: 13,
          fontWeight: 600,
          bgcolor: theme.palette.mode === 'dark' ? 'grey.700' : 'grey.900',
          color: 'common.white',
        }),
        ...(Array.isArray(sx) ? sx : [sx]),
      ]}
    >
      {text ?? initials(name)}
    </Avatar>
  )
}
