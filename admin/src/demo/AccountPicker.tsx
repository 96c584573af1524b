import { MenuItem, TextField, Typography } from '@mui/material'
import { createContext, useContext, useEffect, useState } from 'react'
import { useGetIdentity, useTranslate } from 'react-admin'
import type { RosterIdentity } from '../plugin'
import type { AccountSession } from './accountSession'

export interface AccountSwitcher {
  session: AccountSession
  /** Restarts the admin on another account, so nothing cached for the previous one shows. */
  switchTo: (accountId: string) => void
}

export const AccountSwitcherContext = createContext<AccountSwitcher | null>(null)

/** The account being administered; a picker when the person administers several. */
export function AccountPicker() {
  const switcher = useContext(AccountSwitcherContext)
  const { identity } = useGetIdentity()
  const translate = useTranslate()
  const [current, setCurrent] = useState<string>()
  const accounts = (identity as RosterIdentity | undefined)?.administeredAccounts ?? []

  useEffect(() => {
    void switcher?.session.accountId().then(setCurrent, () => setCurrent(undefined))
  }, [switcher, identity])

  if (!switcher || accounts.length === 0 || !current) return null
  if (accounts.length === 1) {
    return (
      <Typography variant="body2" sx={{ mx: 1, fontWeight: 600, display: { xs: 'none', sm: 'block' } }} noWrap>
        {accounts[0]?.name}
      </Typography>
    )
  }
  return (
    <TextField
      select
      size="small"
      value={current}
      label={translate('demo.account')}
      onChange={(event) => switcher.switchTo(event.target.value)}
      sx={{ mx: 1, minWidth: 160, maxWidth: { xs: 140, sm: 260 } }}
    >
      {accounts.map((account) => (
        <MenuItem key={account.id} value={account.id}>
          {account.name}
        </MenuItem>
      ))}
    </TextField>
  )
}
