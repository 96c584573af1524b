import GroupsIcon from '@mui/icons-material/Groups'
import type { Group } from '../types'
import { GroupCreate } from './GroupCreate'
import { GroupEdit } from './GroupEdit'
import { GroupList } from './GroupList'
import { GroupShow } from './GroupShow'

export { GroupsChecklist } from './GroupsChecklist'
export { groupDeletionBlocker } from './DeleteGroupButton'

/** Spread into `<Resource {...groups} />`. */
export const groups = {
  name: 'groups',
  list: GroupList,
  create: GroupCreate,
  edit: GroupEdit,
  show: GroupShow,
  icon: GroupsIcon,
  recordRepresentation: (group: Group) => group.name,
}
