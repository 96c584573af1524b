import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import { Box, IconButton, InputAdornment, TextField, Tooltip, Typography } from '@mui/material'
import { useId, useState, type FocusEvent } from 'react'
import { useTranslate } from 'react-admin'
import { copyToClipboard } from './clipboard'

export interface CopyableValueProps {
  /** The field's label, already translated; also names the copy button ("Copy SCIM base URL"). */
  label: string
  value: string
  /** Shown on success, a translation key. */
  copiedMessage?: string
  helperText?: string
}

/**
 * A read-only, monospaced value (a URL, a secret) with a button that puts it on the clipboard. How
 * the copy went is said under the field, not in a toast: in a modal dialog (the new token's) the
 * toasts are in the part of the page hidden from screen readers.
 */
export function CopyableValue({ label, value, copiedMessage = 'roster.copy.copied', helperText }: CopyableValueProps) {
  const translate = useTranslate()
  const id = useId()
  const copyLabel = translate('roster.copy.button', { label })
  const [outcome, setOutcome] = useState<{ copied: boolean } | null>(null)

  const copy = async () => {
    // Emptied first, so that a second copy is announced again.
    setOutcome(null)
    setOutcome({ copied: await copyToClipboard(value) })
  }

  return (
    <Box>
      <TextField
        id={id}
        label={label}
        value={value}
        helperText={helperText}
        fullWidth
        size="small"
        slotProps={{
          htmlInput: {
            readOnly: true,
            spellCheck: false,
            style: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
            onFocus: (event: FocusEvent<HTMLInputElement>) => event.target.select(),
          },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <Tooltip title={copyLabel}>
                  <IconButton aria-label={copyLabel} edge="end" onClick={() => void copy()}>
                    <ContentCopyIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              </InputAdornment>
            ),
          },
        }}
      />
      {/* Always there, so that screen readers watch it before anything is said in it. */}
      <Typography
        role="status"
        variant="body2"
        // The dark shades read on a light background only: the light ones on a dark one.
        sx={(theme) => {
          const shade = theme.palette.mode === 'dark' ? 'light' : 'dark'
          return { mt: 0.5, mx: 1.75, color: outcome?.copied ? theme.palette.success[shade] : theme.palette.warning[shade] }
        }}
      >
        {outcome && translate(outcome.copied ? copiedMessage : 'roster.copy.refused')}
      </Typography>
    </Box>
  )
}
