import polyglotI18nProvider from 'ra-i18n-polyglot'
import englishMessages from 'ra-language-english'
import { useMemo, useState } from 'react'
import { Admin, CustomRoutes, Resource, mergeTranslations } from 'react-admin'
import { Route } from 'react-router-dom'
import {
  apiTokens,
  emails,
  events,
  groups,
  ProfilePage,
  provisioningLog,
  rosterAuthProvider,
  rosterDataProvider,
  rosterMessages,
  users,
  type RosterPermissions,
} from '../plugin'
import { AccountSwitcherContext, type AccountSwitcher } from './AccountPicker'
import { createAccountSession } from './accountSession'
import { LoginPage } from './LoginPage'
import { NotFoundPage } from './NotFoundPage'
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
 * development) Emails, for the signed-in administrator; everyone signed in has their profile.
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
        catchAll={NotFoundPage}
        layout={SettingsLayout}
        theme={lightTheme}
        darkTheme={darkTheme}
      >
        {(permissions?: RosterPermissions) =>
          permissions?.administers ? (
            <>
              <Resource {...users} />
              <Resource {...groups} />
              <Resource {...emails} />
              <Resource {...apiTokens} />
              <Resource {...provisioningLog} />
              <Resource {...events} />
              <CustomRoutes>
                <Route path="/profile" element={<ProfilePage />} />
              </CustomRoutes>
            </>
          ) : (
            // A member who administers nothing, or a person with no membership left: their profile only.
            <CustomRoutes>
              <Route path="/" element={<ProfilePage />} />
              <Route path="/profile" element={<ProfilePage />} />
            </CustomRoutes>
          )
        }
      </Admin>
    </AccountSwitcherContext.Provider>
  )
}
