import DeleteIcon from '@mui/icons-material/Delete'
import { Box, Tooltip } from '@mui/material'
import { useState, type MouseEvent } from 'react'
import { Button, useDelete, useNotify, useRecordContext, useRedirect, useTranslate } from 'react-admin'
import { ConfirmDestructiveDialog } from '../common/ConfirmDestructiveDialog'
import { useNotifyApiError } from '../common/useNotifyApiError'
import type { Group } from '../types'

/** The translation key saying why a group cannot be deleted, or undefined when it can. */
export function groupDeletionBlocker(group: Group): string | undefined {
  if (group.isDefault) return 'roster.groups.delete_blocked.default'
  if (group.memberCount > 0) return 'roster.groups.delete_blocked.members'
  return undefined
}

/**
 * Delete, disabled with the reason as tooltip for the default group and for groups with members.
 * Not react-admin's DeleteWithConfirmButton, whose confirmation focuses Delete: here, as in every
 * confirmation of the plugin, Cancel has the focus.
 */
export function DeleteGroupButton() {
  const group = useRecordContext<Group>()
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyApiError()
  const redirect = useRedirect()
  const [open, setOpen] = useState(false)
  const [remove, { isPending }] = useDelete<Group>()
  if (!group) return null
  const blocker = groupDeletionBlocker(group)

  const confirm = () =>
    remove(
      'groups',
      { id: group.id, previousData: group },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false)
          notify('resources.groups.notifications.deleted', { type: 'info', messageArgs: { smart_count: 1 } })
          redirect('list', 'groups')
        },
        onError: (error) => {
          setOpen(false)
          notifyError(error)
        },
      },
    )

  return (
    <Tooltip title={blocker ? translate(blocker, { smart_count: group.memberCount }) : ''}>
      {/* The wrapper keeps the tooltip working on a disabled button, and keeps clicks in the
          confirmation (a portal) from reaching the list row, which would open the group. */}
      <Box
        component="span"
        tabIndex={blocker ? 0 : undefined}
        sx={{ display: 'inline-block' }}
        onClick={(event: MouseEvent) => event.stopPropagation()}
      >
        <Button
          label="ra.action.delete"
          color="error"
          onClick={() => setOpen(true)}
          disabled={blocker !== undefined || isPending}
        >
          <DeleteIcon />
        </Button>
        <ConfirmDestructiveDialog
          open={open}
          title={translate('resources.groups.message.delete_title', { recordRepresentation: group.name })}
          content={translate('resources.groups.message.delete_content')}
          confirmLabel={translate('ra.action.delete')}
          pending={isPending}
          onConfirm={confirm}
          onClose={() => setOpen(false)}
        />
      </Box>
    </Tooltip>
  )
}
