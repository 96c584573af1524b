import http from 'node:http'
import { expect } from 'vitest'

/**
 * What the runtime cases (cases.ts) run on: a server on some runtime, and plain HTTP to it over a
 * real socket with a tiny cookie jar; no app internals.
 */
export interface Target {
  /** The server's public URL (its APP_URL), without a trailing slash. */
  baseUrl: string
  /** An account seeded in the database, and its active administrator. */
  accountId: string
  admin: { email: string; password: string }
  /** The newest link matching `pattern` in the development mailbox's emails to `to`. */
  latestLink(to: string, pattern: RegExp): Promise<string | undefined>
}

export interface RuntimeCase {
  name: string
  run: (target: Target) => Promise<void>
}

export interface Answer<T = any> {
  status: number
  headers: Headers
  text: string
  /** Parsed JSON when the answer says it is JSON, otherwise the text. */
  body: T
}

/** A client with its own cookies: Set-Cookie answers are kept and sent back, as a browser would. */
export function client(baseUrl: string) {
  const cookies = new Map<string, string>()

  async function send<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; form?: Record<string, string>; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers }
    let body = options.body
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = JSON.stringify(options.json)
    }
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(options.form).toString()
    }
    if (cookies.size) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      if (at < 1) continue
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      const gone = !value || attributes.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a))
      if (gone) cookies.delete(name)
      else cookies.set(name, value)
    }
    const text = await response.text()
    let parsed: unknown = text
    if (/json/.test(response.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text)
    return { status: response.status, headers: response.headers, text, body: parsed as T }
  }

  return {
    cookies,
    send,
    get: <T = any>(path: string, headers?: Record<string, string>) => send<T>('GET', path, { headers }),
    post: <T = any>(path: string, json?: unknown, headers?: Record<string, string>) => send<T>('POST', path, { json, headers }),
  }
}

export type Client = ReturnType<typeof client>

/** Says what came back when a status is not the expected one: the body is the useful part. */
export function expectStatus(answer: Answer, status: number, what: string) {
  expect(answer.status, `${what}: ${answer.status} ${answer.text.slice(0, 500)}`).toBe(status)
}

export async function signIn(target: Target, email: string, password: string) {
  const session = client(target.baseUrl)
  const answer = await session.post('/api/auth/login', { email, password })
  expectStatus(answer, 200, `sign-in as ${email}`)
  expect(session.cookies.get('roster_session')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  return session
}

/** A POST whose body goes out in the parts given, chunked, with no Content-Length. */
export function chunkedPost(agent: http.Agent, url: string, token: string, parts: Iterable<string | Buffer>) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', 'transfer-encoding': 'chunked' },
    })
    request.setTimeout(15_000, () => request.destroy(new Error('no answer to the chunked POST in 15 s')))
    request.on('response', (response) => {
      let text = ''
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, text }))
    })
    request.on('error', reject)
    for (const part of parts) request.write(part)
    request.end()
  })
}

/** A user whose userName is about `bytes` long, in 64 KiB parts. */
export function* hugeUser(bytes: number) {
  const chunk = Buffer.alloc(64 * 1024, 'x')
  yield '{"userName":"'
  for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk
  yield '"}'
}

export function plainGet(agent: http.Agent, url: string) {
  return new Promise<{ status: number }>((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume().on('end', () => resolve({ status: response.statusCode ?? 0 }))
    })
    request.setTimeout(15_000, () => request.destroy(new Error(`no answer to GET ${url} in 15 s`)))
    request.on('error', reject)
  })
}

export const unique = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`
export const filterParam = (filter: unknown) => `filter=${encodeURIComponent(JSON.stringify(filter))}`

/** The account's default group (Administrators), which every invitation here uses. */
export async function defaultGroupId(target: Target, admin: Client) {
  const groups = await admin.get(`/api/accounts/${target.accountId}/groups`)
  expectStatus(groups, 200, 'list groups')
  const group = (groups.body as { id: string; isDefault?: boolean }[]).find((g) => g.isDefault) ?? groups.body[0]
  expect(group?.id, 'the seeded account has a group').toEqual(expect.any(String))
  return group.id as string
}

/**
 * The development mailbox, polled: email goes out after the response (waitUntil on Workers, a
 * background task on Node), so the message may land a moment after the 201.
 */
export async function waitForEmail(target: Target, admin: Client, to: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const answer = await admin.get(`/api/accounts/${target.accountId}/emails?${filterParam({ to })}`)
    expectStatus(answer, 200, 'read the development mailbox')
    const [message] = answer.body as { to: string; subject: string; text: string; kind: string }[]
    if (message) return message
    if (Date.now() > deadline) throw new Error(`no email to ${to} in the development mailbox after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
