import PeopleIcon from '@mui/icons-material/People'
import type { User } from '../types'
import { UserCreate } from './UserCreate'
import { UserEdit } from './UserEdit'
import { UserList } from './UserList'
import { UserShow } from './UserShow'

export { UserActionsMenu } from './UserActionsMenu'
export { RemoveUserDialog } from './RemoveUserDialog'
export { USER_ACTIONS, INVITATION_ACTIONS, isUserActionAllowed } from './invitationActions'
export type { UserAction, InvitationAction } from './invitationActions'

/** Spread into `<Resource {...users} />`. */
export const users = {
  name: 'users',
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  show: UserShow,
  icon: PeopleIcon,
  recordRepresentation: (user: User) => `${user.firstName} ${user.lastName}`.trim() || user.email,
}
