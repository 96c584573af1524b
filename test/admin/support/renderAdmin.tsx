import { cleanup, render } from '@testing-library/react'
import polyglotI18nProvider from 'ra-i18n-polyglot'
import englishMessages from 'ra-language-english'
import { Admin, Resource, TestMemoryRouter, memoryStore, mergeTranslations, type AuthProvider, type DataProvider } from 'react-admin'
import { afterEach, vi } from 'vitest'
import { apiTokens, emails, events, groups, provisioningLog, rosterMessages, users } from '../../../admin/src/plugin'

const i18nProvider = polyglotI18nProvider(() => mergeTranslations(englishMessages, rosterMessages), 'en')

// No test globals in this project: unmount between tests ourselves.
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

/** Puts a fake clipboard on navigator (jsdom has none) and returns its writeText spy. */
export function fakeClipboard() {
  const writeText = vi.fn(async (_text: string) => undefined)
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  return writeText
}

/** Signed in as the person with this email: enough for the pages that ask who is signed in. */
const signedInAs = (email: string): AuthProvider => ({
  login: async () => undefined,
  logout: async () => undefined,
  checkAuth: async () => undefined,
  checkError: async () => undefined,
  getPermissions: async () => ({ administers: true }),
  getIdentity: async () => ({ id: 'me', fullName: email, email }),
})

/** The plugin's resources in a real <Admin>, at `path`, with an in-memory router and store. */
export function renderAdmin(dataProvider: DataProvider, path: string, options: { signedInAs?: string } = {}) {
  // react-admin scrolls to the top on navigation, which jsdom does not implement.
  window.scrollTo = vi.fn() as unknown as typeof window.scrollTo
  return render(
    <TestMemoryRouter initialEntries={[path]}>
      <Admin
        disableTelemetry
        dataProvider={dataProvider}
        i18nProvider={i18nProvider}
        store={memoryStore()}
        authProvider={options.signedInAs ? signedInAs(options.signedInAs) : undefined}
      >
        <Resource {...users} />
        <Resource {...groups} />
        <Resource {...emails} />
        <Resource {...apiTokens} />
        <Resource {...provisioningLog} />
        <Resource {...events} />
      </Admin>
    </TestMemoryRouter>,
  )
}
