import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin'
import { DeleteGroupButton } from './DeleteGroupButton'
import { GroupInputs } from './GroupInputs'

function GroupEditToolbar() {
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      <DeleteGroupButton />
    </Toolbar>
  )
}

export function GroupEdit() {
  return (
    <Edit resource="groups" mutationMode="pessimistic" redirect="list">
      <SimpleForm sx={{ maxWidth: 560 }} toolbar={<GroupEditToolbar />}>
        <GroupInputs />
      </SimpleForm>
    </Edit>
  )
}
