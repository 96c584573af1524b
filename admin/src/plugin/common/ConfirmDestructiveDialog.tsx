import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material'
import { useId } from 'react'
import { useTranslate } from 'react-admin'

export interface ConfirmDestructiveDialogProps {
  open: boolean
  title: string
  content: string
  /** The destructive button's label (translated). */
  confirmLabel: string
  /** The safe button's label (translated); Cancel by default. */
  cancelLabel?: string
  pending?: boolean
  onConfirm: () => void
  onClose: () => void
}

/**
 * A confirmation for what cannot be undone. Cancel has the focus, so Enter pressed on the way in
 * (Tab to the action, Enter, Enter) never confirms.
 */
export function ConfirmDestructiveDialog(props: ConfirmDestructiveDialogProps) {
  const { open, title, content, confirmLabel, cancelLabel, pending = false, onConfirm, onClose } = props
  const translate = useTranslate()
  const titleId = useId()
  const textId = useId()
  return (
    <Dialog open={open} onClose={pending ? undefined : onClose} aria-labelledby={titleId} aria-describedby={textId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId} sx={{ overflowWrap: 'anywhere' }}>
        {title}
      </DialogTitle>
      <DialogContent dividers>
        <DialogContentText id={textId} sx={{ color: 'text.primary', overflowWrap: 'anywhere' }}>
          {content}
        </DialogContentText>
      </DialogContent>
      <DialogActions sx={{ justifyContent: 'space-between', px: 3, py: 2 }}>
        <Button onClick={onClose} disabled={pending} autoFocus>
          {cancelLabel ?? translate('ra.action.cancel')}
        </Button>
        <Button variant="contained" color="error" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
