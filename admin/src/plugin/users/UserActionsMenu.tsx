import MoreHorizIcon from '@mui/icons-material/MoreHoriz'
import { Box, CircularProgress, Divider, IconButton, ListItemText, Menu, MenuItem } from '@mui/material'
import { useId, useState, type MouseEvent } from 'react'
import { useCreatePath, useNavigate, useRecordContext, useTranslate } from 'react-admin'
import { fullName } from '../common/format'
import type { User } from '../types'
import {
  INVITATION_ACTIONS,
  USER_ACTION_LABELS,
  isUserActionAllowed,
  type InvitationAction,
  type UserAction,
} from './invitationActions'
import { RemoveUserDialog } from './RemoveUserDialog'
import { useInvitationActions } from './useInvitationActions'
import { useIsSelf } from './useIsSelf'

/** The "…" menu of a user row: always the same five items, those that do not apply greyed out. */
export function UserActionsMenu({ record: recordProp }: { record?: User }) {
  const record = useRecordContext<User>({ record: recordProp })
  const translate = useTranslate()
  const navigate = useNavigate()
  const createPath = useCreatePath()
  const { run, pending } = useInvitationActions()
  const menuId = useId()
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const [removing, setRemoving] = useState(false)
  const self = useIsSelf(record)
  if (!record) return null

  const allowed = (action: UserAction) => isUserActionAllowed(record.state, action)
  const close = () => setAnchor(null)
  const runInvitation = (action: InvitationAction) => {
    close()
    void run(action, record)
  }

  return (
    // Clicks inside the menu (and its portals) must not reach the table row, which opens the user.
    <Box component="span" onClick={(event: MouseEvent) => event.stopPropagation()}>
      {/* The menu closes at once; until the toast says how it went, the row says it is at work. */}
      {pending && (
        <CircularProgress
          size={16}
          aria-label={translate(`roster.users.progress.${pending}`)}
          sx={{ mr: 1, verticalAlign: 'middle' }}
        />
      )}
      <IconButton
        aria-label={translate('roster.users.actions.menu', { name: fullName(record) })}
        aria-controls={anchor ? menuId : undefined}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        size="small"
      >
        <MoreHorizIcon fontSize="small" />
      </IconButton>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={anchor !== null}
        onClose={close}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        {INVITATION_ACTIONS.map((action) => (
          <MenuItem
            key={action}
            disabled={!allowed(action) || pending !== null}
            onClick={() => runInvitation(action)}
            dense
          >
            <ListItemText>{translate(USER_ACTION_LABELS[action])}</ListItemText>
          </MenuItem>
        ))}
        <Divider />
        <MenuItem
          disabled={!allowed('edit')}
          onClick={() => {
            close()
            navigate(createPath({ resource: 'users', type: 'edit', id: record.id }))
          }}
          dense
        >
          <ListItemText>{translate(USER_ACTION_LABELS.edit)}</ListItemText>
        </MenuItem>
        <MenuItem
          disabled={!allowed('remove') || self}
          onClick={() => {
            close()
            setRemoving(true)
          }}
          sx={{ color: 'error.main' }}
          dense
        >
          <ListItemText secondary={self ? translate('roster.users.remove.self') : undefined}>
            {translate(USER_ACTION_LABELS.remove)}
          </ListItemText>
        </MenuItem>
      </Menu>
      <RemoveUserDialog open={removing} user={record} onClose={() => setRemoving(false)} redirectTo={false} />
    </Box>
  )
}
