import { Autocomplete, Box, TextField, createFilterOptions } from '@mui/material'
import { useMemo } from 'react'
import { useLocaleState, useTranslate } from 'react-admin'
import { countryOptions, type CountryOption } from './countries'

export interface CountryCodeInputProps {
  value: string | null
  onChange: (code: string | null) => void
  onBlur?: () => void
  error?: string
}

// Lets "41", "+41", "ch" or "switz" all find Switzerland.
const filterOptions = createFilterOptions<CountryOption>({
  stringify: (option) => `${option.name} ${option.code} ${option.callingCode} ${option.callingCode.slice(1)}`,
})

/** A searchable dropdown of countries with their calling codes; the value is the ISO code ("CH"). */
export function CountryCodeInput({ value, onChange, onBlur, error }: CountryCodeInputProps) {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const options = useMemo(() => countryOptions(locale), [locale])
  const selected = options.find((option) => option.code === value) ?? null

  return (
    <Autocomplete
      options={options}
      value={selected}
      onChange={(_event, option) => onChange(option?.code ?? null)}
      onBlur={onBlur}
      filterOptions={filterOptions}
      getOptionLabel={(option) => `${option.callingCode} ${option.name}`}
      isOptionEqualToValue={(option, current) => option.code === current.code}
      autoHighlight
      renderOption={({ key, ...props }, option) => (
        <Box component="li" key={key} {...props} sx={{ display: 'flex', gap: 1 }}>
          <Box component="span" sx={{ minWidth: 48, color: 'text.secondary' }}>
            {option.callingCode}
          </Box>
          {option.name}
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={translate('resources.users.fields.countryCode')}
          placeholder={translate('roster.users.placeholders.country_code')}
          error={Boolean(error)}
          helperText={error ?? translate('roster.optional')}
        />
      )}
    />
  )
}
