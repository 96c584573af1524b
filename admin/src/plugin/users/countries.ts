import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js'

export interface CountryOption {
  code: CountryCode
  name: string
  callingCode: string
}

const cache = new Map<string, CountryOption[]>()

function regionNames(locale: string): (code: string) => string {
  try {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'region' })
    return (code) => names.of(code) ?? code
  } catch {
    return (code) => code
  }
}

/** Every country libphonenumber knows, with its calling code, named in the UI's language. */
export function countryOptions(locale: string): CountryOption[] {
  let options = cache.get(locale)
  if (!options) {
    const nameOf = regionNames(locale)
    options = getCountries()
      .map((code) => ({ code, name: nameOf(code), callingCode: `+${getCountryCallingCode(code)}` }))
      .sort((a, b) => a.name.localeCompare(b.name, locale))
    cache.set(locale, options)
  }
  return options
}

export function countryName(code: string | null | undefined, locale: string): string {
  if (!code) return ''
  return countryOptions(locale).find((option) => option.code === code)?.name ?? code
}
