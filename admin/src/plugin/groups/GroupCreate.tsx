import { Create, SimpleForm } from 'react-admin'
import { GroupInputs } from './GroupInputs'

export function GroupCreate() {
  return (
    <Create resource="groups" redirect="list">
      <SimpleForm sx={{ maxWidth: 560 }}>
        <GroupInputs />
      </SimpleForm>
    </Create>
  )
}
