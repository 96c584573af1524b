import { TextInput, maxLength, required } from 'react-admin'

/** The fields of a group, shared by create and edit. */
export function GroupInputs() {
  return (
    <>
      <TextInput source="name" validate={[required(), maxLength(100)]} fullWidth />
      <TextInput source="description" validate={maxLength(500)} multiline minRows={2} fullWidth />
    </>
  )
}
