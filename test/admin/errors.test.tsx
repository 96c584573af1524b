// @vitest-environment jsdom
import polyglotI18nProvider from 'ra-i18n-polyglot'
import englishMessages from 'ra-language-english'
import { HttpError, mergeTranslations } from 'react-admin'
import { describe, expect, it } from 'vitest'
import { apiErrorMessage, rosterDataProvider, rosterMessages } from '../../admin/src/plugin'
import { apiError } from './support/apiError'

const { translate } = polyglotI18nProvider(() => mergeTranslations(englishMessages, rosterMessages), 'en')
const shown = (error: unknown) => {
  const message = apiErrorMessage(error, 'ra.notification.http_error')
  return translate(message, { _: message })
}

const NETWORK = 'Could not reach the server. Check your connection and try again.'
const SERVER = 'Something went wrong on the server. Try again in a moment.'

describe('the message of a failed call', () => {
  it("is the server's own sentence when it gave one, a 500 included", () => {
    expect(shown(apiError(409, 'conflict', 'This is the last active administrator.'))).toBe(
      'This is the last active administrator.',
    )
    expect(shown(apiError(500, 'internal', 'The database is being upgraded.'))).toBe('The database is being upgraded.')
  })

  it('says the server could not be reached, not "Failed to fetch", in every browser', () => {
    for (const words of ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']) {
      expect(shown(new TypeError(words))).toBe(NETWORK)
    }
  })

  it('says something went wrong on the server for an answer without words (a crash, a proxy page)', () => {
    // As fetchJson throws it for a non-JSON body: the status text as message, no body.
    expect(shown(new HttpError('Internal Server Error', 500, undefined))).toBe(SERVER)
    expect(shown(new HttpError('Bad Gateway', 502, '<html>…</html>'))).toBe(SERVER)
  })

  it("words react-admin's own notifications of a failed load the same way", () => {
    expect(translate('Failed to fetch', { _: 'Failed to fetch' })).toBe(NETWORK)
    expect(translate('Internal Server Error', { _: 'Internal Server Error' })).toBe(SERVER)
  })
  // react-admin words a failed list load itself, from the error's message: the data provider gives
  // it the sentence's key, whatever the browser or a proxy said.
  it('reach react-admin from the data provider as the sentence, for every load', async () => {
    const failing = (error: unknown) => rosterDataProvider('/api', 'acc_1', async () => Promise.reject(error))
    const messageOf = (error: unknown) =>
      failing(error)
        .getList('groups', { pagination: { page: 1, perPage: 10 }, sort: { field: 'name', order: 'ASC' }, filter: {} })
        .then(() => 'loaded', (failure: Error) => translate(failure.message, { _: failure.message }))
    expect(await messageOf(new TypeError('Load failed'))).toBe(NETWORK)
    expect(await messageOf(new HttpError('Bad Gateway', 502, '<html>…</html>'))).toBe(SERVER)
    expect(await messageOf(apiError(409, 'conflict', 'A group named "Sales" already exists.'))).toBe('A group named "Sales" already exists.')
  })
})
