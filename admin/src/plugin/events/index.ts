import HistoryIcon from '@mui/icons-material/History'
import { HistoryList } from './HistoryList'

/**
 * Administration > History: the account's membership history (read-only). Spread into
 * `<Resource {...events} />`; the users' pages read their own lines from the same resource.
 */
export const events = {
  name: 'events',
  list: HistoryList,
  icon: HistoryIcon,
}
