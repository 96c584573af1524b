import { Box, Typography } from '@mui/material'
import type { ReactNode } from 'react'

/** A value and, below it in small type, its detail (an id, a time). Long ids are cut with an ellipsis. */
export function TwoLines({ first, second }: { first: ReactNode; second?: string }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="body2" component="div" noWrap>
        {first}
      </Typography>
      {second && (
        <Typography
          variant="caption"
          component="div"
          color="text.secondary"
          noWrap
          title={second}
          sx={{ maxWidth: 180 }}
        >
          {second}
        </Typography>
      )}
    </Box>
  )
}
