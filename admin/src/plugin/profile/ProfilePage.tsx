import { Alert, Box, Button, Card, CardContent, CircularProgress, Typography } from '@mui/material'
import { useEffect, useState } from 'react'
import { Title, useAuthProvider, useGetIdentity, useGetOne, useNotify, useTranslate, useUpdate } from 'react-admin'
import { useNotifyApiError } from '../common/useNotifyApiError'
import { PROFILE } from '../dataProvider'
import { apiFieldErrors } from '../errors'
import type { RosterAuthProvider, RosterIdentity } from '../authProvider'
import type { Profile } from '../types'
import { UserDetailsStep } from '../users/UserDetailsStep'
import {
  USER_DETAILS_FIELDS,
  detailsOf,
  toNewUser,
  validateUserDetails,
  type UserDetailsErrors,
  type UserDetailsField,
  type UserDetailsValues,
} from '../users/userDetails'

/** What `PUT /profile` takes: the wizard's rules for names and phone; no phone clears it. */
function toProfileUpdate(values: UserDetailsValues) {
  const { firstName, lastName, countryCode, phone } = toNewUser(values, [])
  return { firstName, lastName, countryCode: phone ? countryCode : null, phone: phone ?? null }
}

/**
 * The signed-in person's own name and phone, for anyone who can sign in: administrators, members
 * and people with no membership left. Mount it on a custom route (the demo app uses /profile).
 */
export function ProfilePage() {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyApiError()
  const authProvider = useAuthProvider() as Partial<RosterAuthProvider> | undefined
  const { identity, refetch: refetchIdentity } = useGetIdentity()
  const { data, isPending, error } = useGetOne<Profile>(PROFILE, { id: 'me' })
  const [update, { isPending: isSaving }] = useUpdate<Profile>()
  const [values, setValues] = useState<UserDetailsValues>()
  const [touched, setTouched] = useState<ReadonlySet<UserDetailsField>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({})

  useEffect(() => {
    if (data && !values) setValues(detailsOf(data))
  }, [data, values])

  const person = identity as RosterIdentity | undefined
  const administersNothing = person?.administeredAccounts?.length === 0
  // A Disabled person (no membership left) is told so, not that they administer nothing; a member
  // is told where they belong, not only where they have no say.
  const memberOf = person?.memberOf ?? []
  const notice = person?.memberships === 0 ? 'roster.profile.no_membership' : memberOf.length > 0 ? 'roster.profile.member_of' : 'roster.profile.no_account'
  const localErrors = values ? validateUserDetails(values) : {}
  const shownErrors: UserDetailsErrors = {}
  for (const field of USER_DETAILS_FIELDS) {
    const local = submitted || touched.has(field) ? localErrors[field] : undefined
    const server = serverErrors[field]
    const shown = local ?? (server ? { message: server } : undefined)
    if (shown) shownErrors[field] = shown
  }

  const save = async () => {
    if (!values || !data) return
    setSubmitted(true)
    if (Object.keys(localErrors).length > 0) return
    try {
      const saved = await update(
        PROFILE,
        { id: data.id, data: toProfileUpdate(values), previousData: data },
        { mutationMode: 'pessimistic', returnPromise: true },
      )
      if (saved) setValues(detailsOf(saved))
      // The name in the app bar is the session's: read it again.
      authProvider?.forgetSession?.()
      void refetchIdentity()
      setSubmitted(false)
      setTouched(new Set())
      notify('roster.profile.saved', { type: 'success' })
    } catch (failure) {
      const fields = apiFieldErrors(failure)
      setServerErrors(fields)
      if (Object.keys(fields).length === 0) notifyError(failure)
    }
  }

  return (
    <Box sx={{ mt: 2, maxWidth: 560 }}>
      <Title title={translate('roster.profile.title')} />
      {administersNothing && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate(notice, { accounts: memberOf.join(', '), smart_count: memberOf.length })}
        </Alert>
      )}
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            {translate('roster.profile.heading')}
          </Typography>
          {isPending && <CircularProgress size={24} aria-label={translate('ra.page.loading')} />}
          {error && !isPending && <Alert severity="error">{translate('roster.profile.load_failed')}</Alert>}
          {values && (
            <Box
              component="form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault()
                void save()
              }}
            >
              <UserDetailsStep
                values={values}
                errors={shownErrors}
                checkingEmail={false}
                emailReadOnly
                onChange={(field, value) => {
                  setValues((current) => current && { ...current, [field]: field === 'countryCode' ? value : (value ?? '') })
                  setServerErrors(({ [field]: _changed, ...rest }) => rest)
                }}
                onBlur={(field) => setTouched((current) => new Set(current).add(field))}
              />
              <Button type="submit" variant="contained" disabled={isSaving} sx={{ mt: 1 }}>
                {translate('ra.action.save')}
              </Button>
            </Box>
          )}
        </CardContent>
      </Card>
    </Box>
  )
}
