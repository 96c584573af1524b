import polyglotI18nProvider from 'ra-i18n-polyglot'
import englishMessages from 'ra-language-english'
import { useMemo, useState } from 'react'
import { Admin, Resource, mergeTranslations } from 'react-admin'
import {
  apiTokens,
  emails,
  groups,
  provisioningLog,
  rosterAuthProvider,
  rosterDataProvider,
  rosterMessages,
  users,
} from '../plugin'
import { AccountSwitcherContext, type AccountSwitcher } from './AccountPicker'
import { createAccountSession } from './accountSession'
import { LoginPage } from './LoginPage'
import { demoMessages } from './messages'
import { SettingsLayout } from './SettingsLayout'
import { darkTheme, lightTheme } from './theme'

const API_URL = '/api'

const authProvider = rosterAuthProvider(API_URL)
const session = createAccountSession(authProvider)
const dataProvider = rosterDataProvider(API_URL, session.accountId)
const i18nProvider = polyglotI18nProvider(
  () => mergeTranslations(englishMessages, rosterMessages, demoMessages),
  'en',
  [{ locale: 'en', name: 'English' }],
)

/**
 * The demo host: Settings > Users and Groups, Platform tools > API tokens and Provisioning log, and (in
 * development) Emails, for the signed-in administrator.
 */
export function App() {
  // Remounting <Admin> on an account switch drops every cached query of the previous account.
  const [generation, setGeneration] = useState(0)
  const switcher = useMemo<AccountSwitcher>(
    () => ({
      session,
      switchTo: (accountId) => {
        session.choose(accountId)
        window.location.hash = '#/users'
        setGeneration((count) => count + 1)
      },
    }),
    [],
  )

  return (
    <AccountSwitcherContext.Provider value={switcher}>
      <Admin
        key={generation}
        disableTelemetry
        requireAuth
        title="Roster"
        dataProvider={dataProvider}
        authProvider={authProvider}
        i18nProvider={i18nProvider}
        loginPage={LoginPage}
        layout={SettingsLayout}
        theme={lightTheme}
        darkTheme={darkTheme}
      >
        <Resource {...users} />
        <Resource {...groups} />
        <Resource {...emails} />
        <Resource {...apiTokens} />
        <Resource {...provisioningLog} />
        <Resource name="events" />
      </Admin>
    </AccountSwitcherContext.Provider>
  )
}
