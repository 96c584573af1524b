import KeyIcon from '@mui/icons-material/Key'
import type { ApiToken } from '../types'
import { ApiTokenCreate } from './ApiTokenCreate'
import { ApiTokenEdit } from './ApiTokenEdit'
import { ApiTokenList } from './ApiTokenList'

export { scimBaseUrl } from './scimBaseUrl'

/** Platform tools > API tokens, for SCIM provisioning. Spread into `<Resource {...apiTokens} />`. */
export const apiTokens = {
  name: 'api-tokens',
  list: ApiTokenList,
  create: ApiTokenCreate,
  edit: ApiTokenEdit,
  icon: KeyIcon,
  recordRepresentation: (token: ApiToken) => token.name,
}
