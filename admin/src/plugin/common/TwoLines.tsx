import { Box, Typography, type SxProps, type Theme } from '@mui/material'
import type { ReactNode } from 'react'

/**
 * One line of text, cut with an ellipsis when there is no room. Unlike `noWrap` it lets a table column
 * shrink below the text's width (the text may break anywhere, and only its first line shows), so a
 * long name or email narrows to its column instead of widening the table. Give it a `minWidth` (the
 * least of it that stays readable) and a `maxWidth` (so one very long value does not take the room of
 * the other columns).
 */
export const oneLineSx = {
  display: '-webkit-box',
  WebkitBoxOrient: 'vertical',
  WebkitLineClamp: 1,
  overflow: 'hidden',
  overflowWrap: 'anywhere',
} as const

/** Class names, for a table to style its cells' lines (e.g. to leave the badges out when narrow). */
export const twoLinesClasses = { badge: 'RosterTwoLines-badge' } as const

interface TwoLinesProps {
  first: ReactNode
  /** Below, in small type; cut with an ellipsis (whole in its tooltip) past `secondMaxWidth`. */
  second?: string
  /** How wide the second line may grow: 120 px for an id; more for a detail people read (an email). */
  secondMaxWidth?: number | Record<string, number>
  /** Follows the first line (a "Default" badge) and is never cut. */
  badge?: ReactNode
  /** The first line is never cut (a date); otherwise it is, when its column is narrow. */
  whole?: boolean
  /** The first line's tooltip: the whole value, when it may be cut. */
  title?: string
  /** For the first line: in a table, its least (`minWidth`) and most (`maxWidth`) width. */
  sx?: SxProps<Theme>
}

/** A value and, below it in small type, its detail (an id, a time). */
export function TwoLines({ first, second, secondMaxWidth = 120, badge, whole = false, title, sx }: TwoLinesProps) {
  const value = (
    <Typography
      variant="body2"
      component="div"
      noWrap={whole}
      title={title}
      sx={[whole ? {} : { ...oneLineSx, minWidth: 0 }, ...(Array.isArray(sx) ? sx : [sx])]}
    >
      {first}
    </Typography>
  )
  return (
    <Box sx={{ minWidth: 0 }}>
      {badge ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
          {value}
          <Box className={twoLinesClasses.badge} sx={{ display: 'flex', flexShrink: 0 }}>
            {badge}
          </Box>
        </Box>
      ) : (
        value
      )}
      {second && (
        <Typography
          variant="caption"
          component="div"
          color="text.secondary"
          title={second}
          sx={{ ...oneLineSx, maxWidth: secondMaxWidth }}
        >
          {second}
        </Typography>
      )}
    </Box>
  )
}
