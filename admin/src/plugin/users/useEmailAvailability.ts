import { useCallback, useEffect, useRef, useState } from 'react'
import { useDataProvider } from 'react-admin'
import { apiFieldErrors } from '../errors'
import type { EmailAvailability, RosterDataProvider } from '../types'
import { isValidEmail } from './userDetails'

export const EMAIL_CHECK_DELAY_MS = 400

const keyOf = (email: string) => email.trim().toLowerCase()

/**
 * Asks the API whether an email is free in this account while the administrator types,
 * so a duplicate is reported on step 1 rather than after Add.
 */
export function useEmailAvailability(email: string) {
  const dataProvider = useDataProvider<RosterDataProvider>()
  const results = useRef(new Map<string, Promise<EmailAvailability | undefined>>())
  const [known, setKnown] = useState<{ key: string; availability: EmailAvailability | undefined }>()
  const [checking, setChecking] = useState(false)

  const check = useCallback(
    (value: string): Promise<EmailAvailability | undefined> => {
      const key = keyOf(value)
      let result = results.current.get(key)
      if (!result) {
        // An address the server cannot take (e.g. with accents) is said on step 1 too; any other
        // failure blocks nothing: the server refuses duplicates on Add anyway.
        result = dataProvider.checkEmail(value.trim()).catch((error: unknown) => {
          const refused = apiFieldErrors(error).email
          return refused ? { available: false, message: refused } : undefined
        })
        results.current.set(key, result)
      }
      return result
    },
    [dataProvider],
  )

  useEffect(() => {
    if (!isValidEmail(email)) return
    const key = keyOf(email)
    let cancelled = false
    const timer = setTimeout(() => {
      setChecking(true)
      void check(email).then((availability) => {
        if (cancelled) return
        setKnown({ key, availability })
        setChecking(false)
      })
    }, EMAIL_CHECK_DELAY_MS)
    return () => {
      cancelled = true
      clearTimeout(timer)
      setChecking(false)
    }
  }, [email, check])

  const current = known?.key === keyOf(email) ? known.availability : undefined

  /** Checks now (when the administrator clicks Next before the delay ran out). */
  const checkNow = useCallback(async () => {
    const availability = await check(email)
    setKnown({ key: keyOf(email), availability })
    return availability
  }, [check, email])

  return { availability: current, checking, checkNow }
}
