import { HttpError } from 'react-admin'

/** An API error shaped like the real one, as react-admin's fetchJson would throw it. */
export function apiError(status: number, code: string, message: string, errors?: Record<string, string>) {
  return new HttpError(message, status, { code, message, errors, requestId: 'req_test' })
}
