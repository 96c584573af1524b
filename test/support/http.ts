import type { App } from '../../api/app.js'

export interface TestResponse<T = any> {
  status: number
  headers: Headers
  body: T
  text: string
}

/** Real HTTP requests through the Hono app (app.request), with a cookie jar per signed-in client. */
export function httpClient(app: App) {
  async function send<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; body?: BodyInit; headers?: Record<string, string>; cookie?: string } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers }
    if (options.cookie) headers.cookie = options.cookie
    let body = options.body
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = JSON.stringify(options.json)
    }
    const response = await app.request(`http://roster.test${path}`, { method, headers, body })
    const text = await response.text()
    let parsed: unknown = text
    if (response.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text)
    return { status: response.status, headers: response.headers, body: parsed as T, text }
  }

  function session(cookie: string) {
    return {
      cookie,
      get: <T = any>(path: string) => send<T>('GET', path, { cookie }),
      post: <T = any>(path: string, json?: unknown) => send<T>('POST', path, { cookie, json }),
      put: <T = any>(path: string, json?: unknown) => send<T>('PUT', path, { cookie, json }),
      delete: <T = any>(path: string) => send<T>('DELETE', path, { cookie }),
      send: (method: string, path: string, options: Parameters<typeof send>[2] = {}) => send(method, path, { cookie, ...options }),
    }
  }

  async function signIn(email: string, password: string) {
    const response = await send('POST', '/api/auth/login', { json: { email, password } })
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${response.text}`)
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!
    return session(cookie)
  }

  return { send, signIn, session }
}

export type Session = ReturnType<ReturnType<typeof httpClient>['session']>
