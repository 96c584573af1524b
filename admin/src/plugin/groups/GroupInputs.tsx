import { TextInput, maxLength, required } from 'react-admin'

/** The server's limit (api/core/groups.ts): group names pushed by Entra ID and Okta may be this long. */
const GROUP_NAME_MAX_LENGTH = 256

/** The fields of a group, shared by create and edit. */
export function GroupInputs() {
  return (
    <>
      <TextInput source="name" validate={[required(), maxLength(GROUP_NAME_MAX_LENGTH)]} fullWidth />
      <TextInput source="description" validate={maxLength(500)} multiline minRows={2} fullWidth />
    </>
  )
}
