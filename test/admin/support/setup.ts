import { configure } from '@testing-library/react'
import { captureOwnerStack } from 'react'
import { afterEach } from 'vitest'

// jsdom renders of a whole <Admin> are slow on a busy 2-core machine; a debounce plus a render can
// take longer than testing-library's default second.
configure({ asyncUtilTimeout: 5000 })

// A prop that reaches the DOM by mistake (react-admin passing MUI props MUI 9 no longer takes, see
// patches/ra-ui-materialui+*.patch) is only a console warning: fail the test that renders it.
const strayProps: string[] = []
const consoleError = console.error
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('does not recognize the')) strayProps.push(`${String(args[1])}${captureOwnerStack() ?? ''}`)
  consoleError(...args)
}
afterEach(() => {
  const found = strayProps.splice(0)
  if (found.length) throw new Error(`A prop reached the DOM: ${found.join('\n')}`)
})
