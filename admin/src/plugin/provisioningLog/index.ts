import ReceiptLongIcon from '@mui/icons-material/ReceiptLong'
import { ProvisioningLogList } from './ProvisioningLogList'

export { StatusChip } from './ProvisioningLogList'

/** Platform tools > Provisioning log (read-only). Spread into `<Resource {...provisioningLog} />`. */
export const provisioningLog = {
  name: 'provisioning-log',
  list: ProvisioningLogList,
  icon: ReceiptLongIcon,
}
