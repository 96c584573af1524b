import { Box, CircularProgress, InputAdornment, TextField } from '@mui/material'
import { useLocaleState, useTranslate } from 'react-admin'
import { countryName } from './countries'
import { CountryCodeInput } from './CountryCodeInput'
import type { FieldError, UserDetailsErrors, UserDetailsField, UserDetailsValues } from './userDetails'

export interface UserDetailsStepProps {
  values: UserDetailsValues
  /** Errors to show now (the wizard decides which are due: touched fields, or all after Next). */
  errors: UserDetailsErrors
  checkingEmail: boolean
  onChange: (field: UserDetailsField, value: string | null) => void
  onBlur: (field: UserDetailsField) => void
  /** The email shown but not editable (a person's own profile: it is how they sign in). */
  emailReadOnly?: boolean
}

/** Step 1 of the Add user wizard (and the profile form): names, email, and an optional phone number. */
export function UserDetailsStep({ values, errors, checkingEmail, onChange, onBlur, emailReadOnly = false }: UserDetailsStepProps) {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const message = (error: FieldError | undefined) =>
    error &&
    translate(error.message, { _: error.message, ...error.args, country: countryName(values.countryCode, locale) })

  const textField = (
    field: 'firstName' | 'lastName' | 'email',
    extra: { type?: string; autoComplete?: string } = {},
  ) => {
    const error = message(errors[field])
    const readOnly = field === 'email' && emailReadOnly
    return (
      <TextField
        name={field}
        label={translate(`resources.users.fields.${field}`)}
        value={values[field]}
        onChange={(event) => onChange(field, event.target.value)}
        onBlur={() => onBlur(field)}
        error={Boolean(error)}
        helperText={error ?? (readOnly ? translate('roster.profile.email_fixed') : ' ')}
        required={!readOnly}
        disabled={readOnly}
        fullWidth
        autoFocus={field === 'firstName'}
        type={extra.type}
        autoComplete={extra.autoComplete ?? 'off'}
        slotProps={{
          // Why the field is disabled: read as any helper text, not greyed out with the field.
          formHelperText: readOnly ? { sx: { '&.Mui-disabled': { color: 'text.secondary' } } } : undefined,
          input:
            field === 'email' && checkingEmail
              ? {
                  endAdornment: (
                    <InputAdornment position="end">
                      <CircularProgress size={16} aria-label={translate('roster.users.checking_email')} />
                    </InputAdornment>
                  ),
                }
              : undefined,
        }}
      />
    )
  }

  const phoneError = message(errors.phone)
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, maxWidth: 420 }}>
      {textField('firstName', { autoComplete: 'off' })}
      {textField('lastName')}
      {textField('email', { type: 'email' })}
      <Box sx={{ display: 'flex', gap: 2, flexWrap: { xs: 'wrap', sm: 'nowrap' } }}>
        <Box sx={{ flex: '1 1 200px' }}>
          <CountryCodeInput
            value={values.countryCode}
            onChange={(code) => onChange('countryCode', code)}
            onBlur={() => onBlur('countryCode')}
            error={message(errors.countryCode)}
          />
        </Box>
        <TextField
          name="phone"
          type="tel"
          label={translate('resources.users.fields.phone')}
          placeholder={translate('roster.users.placeholders.phone')}
          value={values.phone}
          onChange={(event) => onChange('phone', event.target.value)}
          onBlur={() => onBlur('phone')}
          error={Boolean(phoneError)}
          helperText={phoneError ?? translate('roster.optional')}
          sx={{ flex: '1 1 180px' }}
        />
      </Box>
    </Box>
  )
}
