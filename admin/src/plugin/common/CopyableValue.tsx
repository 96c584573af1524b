import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import { IconButton, InputAdornment, TextField, Tooltip } from '@mui/material'
import { useId, type FocusEvent } from 'react'
import { useNotify, useTranslate } from 'react-admin'
import { copyToClipboard } from './clipboard'

export interface CopyableValueProps {
  /** The field's label, already translated; also names the copy button ("Copy SCIM base URL"). */
  label: string
  value: string
  /** Shown on success, a translation key. */
  copiedMessage?: string
  helperText?: string
}

/** A read-only, monospaced value (a URL, a secret) with a button that puts it on the clipboard. */
export function CopyableValue({ label, value, copiedMessage = 'roster.copy.copied', helperText }: CopyableValueProps) {
  const translate = useTranslate()
  const notify = useNotify()
  const id = useId()
  const copyLabel = translate('roster.copy.button', { label })

  const copy = async () => {
    if (await copyToClipboard(value)) notify(copiedMessage, { type: 'success' })
    else notify('roster.copy.refused', { type: 'warning' })
  }

  return (
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
  )
}
