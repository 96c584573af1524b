import WarningAmberIcon from '@mui/icons-material/WarningAmber'
import { Box, MenuItem, TextField, Typography } from '@mui/material'
import { InputHelperText, required, useInput, useTranslate } from 'react-admin'
import type { Group } from '../types'

export interface ProvisionGroupInputProps {
  groups: Group[]
  isPending: boolean
  /** Creating: offer "Provisioned users (created automatically)", the empty value, as default. */
  automaticGroup: boolean
  /** Shown under the field (when it has no error). */
  helperText?: string | false
}

const requiredGroup = [required()]

/** The group the API makes when a token is created without one (PROVISIONED_GROUP_NAME there). */
const PROVISIONED_GROUP_NAME = 'provisioned users'

/**
 * The group users created through the token join. Administrators is marked: choosing it makes every
 * provisioned user an administrator of the account.
 */
export function ProvisionGroupInput({ groups, isPending, automaticGroup, helperText }: ProvisionGroupInputProps) {
  const translate = useTranslate()
  const { id, field, fieldState, isRequired } = useInput({
    source: 'provisionGroupId',
    defaultValue: automaticGroup ? '' : undefined,
    validate: automaticGroup ? undefined : requiredGroup,
  })
  const value = typeof field.value === 'string' ? field.value : ''
  // Once the automatic group exists, offering it again would list it twice. The empty value is
  // still the default, and the API puts such a token's users in that group: it is shown chosen.
  const provisioned = automaticGroup ? groups.find((group) => group.name.toLowerCase() === PROVISIONED_GROUP_NAME) : undefined
  const offerAutomatic = automaticGroup && !provisioned
  const shown = value === '' && provisioned ? provisioned.id : value
  // Until the groups are known, a group id would be "out of range" for the select.
  const known = shown === '' ? offerAutomatic : groups.some((group) => group.id === shown)
  const error = fieldState.invalid ? fieldState.error?.message : undefined

  return (
    <TextField
      id={id}
      select
      name={field.name}
      inputRef={field.ref}
      value={known ? shown : ''}
      onChange={(event) => field.onChange(event.target.value)}
      onBlur={field.onBlur}
      label={translate('roster.api_tokens.group_label')}
      required={isRequired}
      disabled={isPending}
      error={error !== undefined}
      helperText={
        error !== undefined || helperText ? <InputHelperText error={error} helperText={helperText || undefined} /> : null
      }
      fullWidth
      margin="dense"
      slotProps={{ select: { displayEmpty: offerAutomatic }, inputLabel: { shrink: true } }}
      sx={{ mb: 1 }}
    >
      {offerAutomatic && <MenuItem value="">{translate('roster.api_tokens.group_automatic')}</MenuItem>}
      {groups.map((group) => (
        <MenuItem key={group.id} value={group.id}>
          {group.isDefault ? (
            <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
              {group.name}
              <Typography
                component="span"
                variant="caption"
                color="warning.main"
                sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
              >
                <WarningAmberIcon fontSize="inherit" aria-hidden />
                {translate('roster.api_tokens.administrators_option')}
              </Typography>
            </Box>
          ) : (
            group.name
          )}
        </MenuItem>
      ))}
    </TextField>
  )
}
