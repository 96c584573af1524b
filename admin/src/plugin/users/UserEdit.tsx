import { Box, Button, CircularProgress } from '@mui/material'
import { useEffect, useState } from 'react'
import {
  useCreatePath,
  useGetOne,
  useLocation,
  useNavigate,
  useNotify,
  useParams,
  useTranslate,
  useUpdate,
} from 'react-admin'
import { ConfirmDestructiveDialog } from '../common/ConfirmDestructiveDialog'
import { WizardDialog } from '../common/WizardDialog'
import { useApiErrorText } from '../common/useApiErrorText'
import { apiFieldErrors } from '../errors'
import { GroupsChecklist } from '../groups/GroupsChecklist'
import { useDeletedGroupsCheck } from '../groups/useDeletedGroupsCheck'
import type { User } from '../types'
import { UserList } from './UserList'
import { detailsOf } from './userDetails'
import { UserOverview } from './UserOverview'
import { useLeaveIfUserGone, useLeaveMissingUser } from './useLeaveMissingUser'

const DETAILS = 0
const GROUPS = 1

/** Edit user: the person's details read-only, then their groups (the only thing an administrator changes). */
export function UserEdit() {
  const { id = '' } = useParams<{ id: string }>()
  const translate = useTranslate()
  const notify = useNotify()
  const errorText = useApiErrorText()
  const navigate = useNavigate()
  const location = useLocation()
  const createPath = useCreatePath()
  // As Show: a user who is not there is not retried for seconds before saying so.
  const { data: user, isPending, error } = useGetOne<User>('users', { id }, { retry: false })
  const [update, { isPending: isSaving }] = useUpdate<User>()
  const checkDeletedGroups = useDeletedGroupsCheck()
  const [step, setStep] = useState(DETAILS)
  const [groupIds, setGroupIds] = useState<string[]>()
  const [groupsError, setGroupsError] = useState<string>()
  const [failure, setFailure] = useState<string>()

  useEffect(() => {
    if (user && groupIds === undefined) setGroupIds(user.groupIds)
  }, [user, groupIds])

  const returnTo = (location.state as { returnTo?: unknown } | null)?.returnTo
  const close = () =>
    navigate(typeof returnTo === 'string' ? returnTo : createPath({ resource: 'users', type: 'list' }))

  const leaveMissingUser = useLeaveMissingUser()
  const leaveIfGone = useLeaveIfUserGone()
  useEffect(() => {
    if (error) leaveMissingUser(error)
  }, [error, leaveMissingUser])

  const save = async () => {
    if (!user || !groupIds) return
    if (groupIds.length === 0) {
      setGroupsError(translate('roster.users.validation.groups_required'))
      return
    }
    setFailure(undefined)
    try {
      await update(
        'users',
        { id: user.id, data: { groupIds }, previousData: user },
        { mutationMode: 'pessimistic', returnPromise: true },
      )
      notify('roster.users.notifications.groups_updated', { type: 'success' })
      close()
    } catch (error) {
      if (leaveIfGone(error)) return
      const fieldError = apiFieldErrors(error).groupIds
      if (fieldError === undefined) {
        setFailure(errorText(error))
        return
      }
      const { deleted, message } = await checkDeletedGroups(groupIds, fieldError)
      setGroupIds((current) => current?.filter((id) => !deleted.includes(id)))
      setGroupsError(message)
      setStep(GROUPS)
    }
  }

  // Escape or Cancel must not throw away changed groups unasked (as Add user asks too).
  const [confirmingDiscard, setConfirmingDiscard] = useState(false)
  const changed =
    !!user &&
    !!groupIds &&
    (groupIds.length !== user.groupIds.length || groupIds.some((id) => !user.groupIds.includes(id)))
  const requestClose = () => (changed ? setConfirmingDiscard(true) : close())

  const goToStep = (index: number) => {
    setFailure(undefined)
    setStep(index)
  }

  const steps = [translate('roster.users.wizard.steps.details'), translate('roster.users.wizard.steps.groups')]
  return (
    <>
      <UserList />
      <WizardDialog
        title={translate('roster.users.wizard.edit_title')}
        steps={steps}
        activeStep={step}
        isStepCompleted={() => false}
        canVisitStep={() => true}
        onStepClick={goToStep}
        onClose={requestClose}
        error={failure}
        start={<Button onClick={requestClose}>{translate('ra.action.cancel')}</Button>}
        end={
          step === DETAILS ? (
            <Button variant="contained" onClick={() => goToStep(GROUPS)} disabled={!user}>
              {translate('roster.action.next')}
            </Button>
          ) : (
            <>
              <Button variant="outlined" onClick={() => goToStep(DETAILS)}>
                {translate('roster.action.back')}
              </Button>
              <Button variant="contained" onClick={() => void save()} disabled={!groupIds || isSaving}>
                {translate('ra.action.save')}
              </Button>
            </>
          )
        }
      >
        {isPending || !user || !groupIds ? (
          <Box sx={{ display: 'flex', justifyContent: 'center', p: 4 }}>
            <CircularProgress aria-label={translate('ra.page.loading')} />
          </Box>
        ) : step === DETAILS ? (
          <UserOverview details={detailsOf(user)} />
        ) : (
          <GroupsChecklist
            value={groupIds}
            onChange={(ids) => {
              setGroupIds(ids)
              setGroupsError(undefined)
              setFailure(undefined)
            }}
            error={groupsError}
            lockLastSelected
          />
        )}
      </WizardDialog>
      <ConfirmDestructiveDialog
        open={confirmingDiscard}
        title={translate('roster.users.wizard.discard_groups_title')}
        content={translate('roster.users.wizard.discard_groups_content')}
        confirmLabel={translate('roster.users.wizard.discard')}
        cancelLabel={translate('roster.users.wizard.keep_editing')}
        onConfirm={close}
        onClose={() => setConfirmingDiscard(false)}
      />
    </>
  )
}
