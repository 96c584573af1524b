import { Box, Button } from '@mui/material'
import { useEffect, useRef, useState } from 'react'
import { useCreate, useCreatePath, useNavigate, useRedirect, useTranslate } from 'react-admin'
import { ConfirmDestructiveDialog } from '../common/ConfirmDestructiveDialog'
import { WizardDialog } from '../common/WizardDialog'
import { useApiErrorText } from '../common/useApiErrorText'
import { apiFieldErrors } from '../errors'
import { GroupsChecklist } from '../groups/GroupsChecklist'
import { useDeletedGroupsCheck } from '../groups/useDeletedGroupsCheck'
import type { User } from '../types'
import { AddUserSummary } from './AddUserSummary'
import { useEmailAvailability } from './useEmailAvailability'
import { useInvitationActions, type InvitationOutcome } from './useInvitationActions'
import {
  USER_DETAILS_FIELDS,
  emptyUserDetails,
  toNewUser,
  validateUserDetails,
  type UserDetailsErrors,
  type UserDetailsField,
  type UserDetailsValues,
} from './userDetails'
import { UserDetailsStep } from './UserDetailsStep'
import { UserList } from './UserList'
import { UserOverview } from './UserOverview'

const DETAILS = 0
const GROUPS = 1
const OVERVIEW = 2
const SUMMARY = 3

const isDetailsField = (field: string): field is UserDetailsField =>
  (USER_DETAILS_FIELDS as readonly string[]).includes(field)

/** The Add user wizard: User details, Groups, Overview, Summary; shown over the users list. */
export function UserCreate() {
  const translate = useTranslate()
  const redirect = useRedirect()
  const errorText = useApiErrorText()
  const [create] = useCreate<User>()
  const navigate = useNavigate()
  const createPath = useCreatePath()
  const invitation = useInvitationActions()
  const checkDeletedGroups = useDeletedGroupsCheck()
  const detailsRef = useRef<HTMLDivElement>(null)
  const [focusRequest, setFocusRequest] = useState(0)

  const [step, setStep] = useState(DETAILS)
  const [details, setDetails] = useState<UserDetailsValues>(emptyUserDetails)
  const [groupIds, setGroupIds] = useState<string[]>([])
  const [touched, setTouched] = useState<ReadonlySet<UserDetailsField>>(new Set())
  const [detailsSubmitted, setDetailsSubmitted] = useState(false)
  const [groupsSubmitted, setGroupsSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({})
  // A refusal of Add that is about no field, said in the dialog.
  const [failure, setFailure] = useState<string>()
  const [created, setCreated] = useState<User>()
  // How "Copy invitation link" went, said in the dialog (where the toasts are hidden from screen readers).
  const [linkOutcome, setLinkOutcome] = useState<InvitationOutcome | null>(null)
  const email = useEmailAvailability(details.email)

  // Errors render after the state update, so the first invalid field is focused afterwards.
  useEffect(() => {
    if (focusRequest === 0) return
    detailsRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [focusRequest])

  const localErrors = validateUserDetails(details)
  const takenMessage =
    email.availability?.available === false
      ? (email.availability.message ?? translate('roster.users.validation.email_taken'))
      : undefined
  const shownErrors: UserDetailsErrors = {}
  for (const field of USER_DETAILS_FIELDS) {
    const local = detailsSubmitted || touched.has(field) ? localErrors[field] : undefined
    const server = serverErrors[field]
    // A duplicate email is said as soon as it is known, before any blur or Next.
    const taken = field === 'email' ? takenMessage : undefined
    const error = local ?? (server ? { message: server } : undefined) ?? (taken ? { message: taken } : undefined)
    if (error) shownErrors[field] = error
  }
  const groupsError =
    serverErrors.groupIds ??
    (groupsSubmitted && groupIds.length === 0 ? translate('roster.users.validation.groups_required') : undefined)

  const changeDetail = (field: UserDetailsField, value: string | null) => {
    setDetails((current) => ({ ...current, [field]: field === 'countryCode' ? value : (value ?? '') }))
    setServerErrors(({ [field]: _changed, ...rest }) => rest)
  }

  const changeGroups = (ids: string[]) => {
    setGroupIds(ids)
    setServerErrors(({ groupIds: _answered, ...rest }) => rest)
  }

  const nextFromDetails = async () => {
    setDetailsSubmitted(true)
    if (Object.keys(localErrors).length > 0 || serverErrors.email) {
      setFocusRequest((count) => count + 1)
      return
    }
    const availability = await email.checkNow()
    if (availability?.available === false) setFocusRequest((count) => count + 1)
    else setStep(GROUPS)
  }

  const nextFromGroups = () => {
    setGroupsSubmitted(true)
    setServerErrors(({ groupIds: _answered, ...rest }) => rest)
    if (groupIds.length > 0) setStep(OVERVIEW)
  }

  // Set at once, unlike isAdding (a render later): a double click must not send a second Add.
  const adding = useRef(false)
  // Until Add is done, including the check of groups it was refused.
  const [isAdding, setIsAdding] = useState(false)
  const add = async () => {
    if (adding.current) return
    adding.current = true
    setIsAdding(true)
    setFailure(undefined)
    try {
      const user = await create('users', { data: toNewUser(details, groupIds) }, { returnPromise: true })
      if (!user) return
      setCreated(user)
      setStep(SUMMARY)
    } catch (error) {
      const fields = apiFieldErrors(error)
      const names = Object.keys(fields)
      if (fields.groupIds !== undefined) {
        const { deleted, message } = await checkDeletedGroups(groupIds, fields.groupIds)
        setGroupIds((current) => current.filter((id) => !deleted.includes(id)))
        fields.groupIds = message
      }
      setServerErrors(fields)
      if (names.some(isDetailsField)) {
        setStep(DETAILS)
        setFocusRequest((count) => count + 1)
      } else if (names.includes('groupIds')) setStep(GROUPS)
      else setFailure(errorText(error))
    } finally {
      adding.current = false
      setIsAdding(false)
    }
  }

  const copyLink = async (user: User) => {
    // Emptied first, so that a second copy is announced again.
    setLinkOutcome(null)
    setLinkOutcome(await invitation.run('copyInvitationLink', user))
  }

  const close = () => redirect('list', 'users')
  // Escape, or Cancel (where Tab then Enter may land), must not throw away what was typed unasked.
  const [confirmingDiscard, setConfirmingDiscard] = useState(false)
  const entered = !created && (Object.values(details).some(Boolean) || groupIds.length > 0)
  const requestClose = () => (entered ? setConfirmingDiscard(true) : close())
  const stepLabels = ['details', 'groups', 'overview', 'summary'].map((name) =>
    translate(`roster.users.wizard.steps.${name}`),
  )

  const goToStep = (index: number) => {
    setFailure(undefined)
    setStep(index)
  }
  const back = (
    <Button variant="outlined" onClick={() => goToStep(step - 1)} disabled={step === DETAILS || isAdding}>
      {translate('roster.action.back')}
    </Button>
  )
  // The primary buttons submit the dialog's form, so that Enter in a field does what they do.
  const submitStep = () => {
    if (step === DETAILS) void nextFromDetails()
    else if (step === GROUPS) nextFromGroups()
    else if (step === OVERVIEW) void add()
  }
  const next = (
    <Button variant="contained" type="submit">
      {translate('roster.action.next')}
    </Button>
  )

  return (
    <>
      <UserList />
      <WizardDialog
        title={translate('roster.users.wizard.add_title')}
        steps={stepLabels}
        activeStep={step}
        isStepCompleted={(index) => (created ? true : index < step)}
        canVisitStep={(index) => !created && index < step}
        onStepClick={goToStep}
        onClose={requestClose}
        onSubmit={submitStep}
        error={failure}
        start={
          step === SUMMARY && created ? (
            <Button
              onClick={() => void copyLink(created)}
              disabled={invitation.pending !== null}
            >
              {translate('roster.users.actions.copy_invitation_link')}
            </Button>
          ) : (
            <Button onClick={requestClose} disabled={isAdding}>
              {translate('ra.action.cancel')}
            </Button>
          )
        }
        end={
          <>
            {step === SUMMARY && created && (
              <>
                <Button
                  variant="outlined"
                  onClick={() => navigate(createPath({ resource: 'users', type: 'show', id: created.id }))}
                >
                  {translate('roster.users.actions.view_details')}
                </Button>
                <Button variant="contained" onClick={close}>
                  {translate('ra.action.close')}
                </Button>
              </>
            )}
            {step !== SUMMARY && back}
            {(step === DETAILS || step === GROUPS) && next}
            {step === OVERVIEW && (
              <Button variant="contained" type="submit" loading={isAdding}>
                {translate('roster.users.actions.add')}
              </Button>
            )}
          </>
        }
      >
        {step === DETAILS && (
          <Box ref={detailsRef}>
            <UserDetailsStep
              values={details}
              errors={shownErrors}
              checkingEmail={email.checking}
              onChange={changeDetail}
              onBlur={(field) => setTouched((current) => new Set(current).add(field))}
            />
          </Box>
        )}
        {step === GROUPS && <GroupsChecklist value={groupIds} onChange={changeGroups} error={groupsError} />}
        {step === OVERVIEW && <UserOverview details={details} groupIds={groupIds} />}
        {step === SUMMARY && created && <AddUserSummary user={created} linkOutcome={linkOutcome} />}
      </WizardDialog>
      <ConfirmDestructiveDialog
        open={confirmingDiscard}
        title={translate('roster.users.wizard.discard_title')}
        content={translate('roster.users.wizard.discard_content')}
        confirmLabel={translate('roster.users.wizard.discard')}
        cancelLabel={translate('roster.users.wizard.keep_editing')}
        onConfirm={close}
        onClose={() => setConfirmingDiscard(false)}
      />
    </>
  )
}
