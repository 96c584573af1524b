import MailIcon from '@mui/icons-material/MailOutlined'
import type { MailboxEmail } from '../types'
import { EmailList } from './EmailList'

export { useMailboxEnabled } from './useMailboxEnabled'

/** The development mailbox. Spread into `<Resource {...emails} />`; hide its menu entry with `useMailboxEnabled()`. */
export const emails = {
  name: 'emails',
  list: EmailList,
  icon: MailIcon,
  recordRepresentation: (email: MailboxEmail) => email.subject,
}
