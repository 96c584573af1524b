import GroupsIcon from '@mui/icons-material/Groups'
import type { Group } from '../types'
import { GroupCreate } from './GroupCreate'
import { GroupEdit } from './GroupEdit'
import { GroupList } from './GroupList'

export { GroupsChecklist } from './GroupsChecklist'
export { groupDeletionBlocker } from './DeleteGroupButton'

/** Spread into `<Resource {...groups} />`. */
export const groups = {
  name: 'groups',
  list: GroupList,
  create: GroupCreate,
  edit: GroupEdit,
  icon: GroupsIcon,
  recordRepresentation: (group: Group) => group.name,
}
