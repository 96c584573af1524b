import { TextInput, maxLength, required } from 'react-admin'
import { LIMITS } from '../limits'

/** The fields of a group, shared by create and edit. */
export function GroupInputs() {
  return (
    <>
      <TextInput source="name" validate={[required(), maxLength(LIMITS.groupName)]} fullWidth />
      <TextInput source="description" validate={maxLength(LIMITS.groupDescription)} multiline minRows={2} fullWidth />
    </>
  )
}
