import { Hono } from 'hono'
import { z } from 'zod'
import { recordDeliveryStatus, type DeliveryStatus } from '../core/email-status.js'
import { ApiError } from '../errors.js'
import type { AppEnv } from '../services.js'
import { verifySvixSignature } from './svix.js'

// What each Resend event means for the email (resend.com/docs/webhooks/event-types). A suppressed
// email was never sent: the address bounced or complained before, so it shows as bounced.
const STATUS_BY_EVENT: Record<string, DeliveryStatus> = {
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  'email.suppressed': 'bounced',
  'email.failed': 'failed',
}

const eventType = z.object({ type: z.string() })
const event = z.object({
  type: z.string(),
  created_at: z.string().optional(),
  data: z.object({
    email_id: z.string(),
    bounce: z.object({ message: z.string().optional(), type: z.string().optional() }).optional(),
    suppressed: z.object({ message: z.string().optional(), type: z.string().optional() }).optional(),
    failed: z.object({ reason: z.string().optional() }).optional(),
  }),
})

/** What the administrator reads beside the email's status. */
function reasonOf({ type, data }: z.infer<typeof event>): string | undefined {
  switch (type) {
    case 'email.bounced':
      return data.bounce?.message ?? 'The address bounced.'
    case 'email.suppressed':
      return `Not sent: the address is on the email provider's suppression list, after an earlier bounce or spam complaint${data.suppressed?.message ? ` (${data.suppressed.message})` : ''}.`
    case 'email.failed':
      return `The email provider could not send it${data.failed?.reason ? `: ${data.failed.reason}` : '.'}`
    case 'email.complained':
      return 'The recipient marked it as spam.'
    default:
      return undefined
  }
}

/** POST /webhooks/resend: delivery, bounce and complaint reports, signature verified. */
export const resendWebhook = new Hono<AppEnv>().post('/', async (c) => {
  const secret = c.get('services').config.resendWebhookSecret
  if (!secret) throw new ApiError('not_found', 'Resend webhooks are not configured (RESEND_WEBHOOK_SECRET).')
  const body = await c.req.text()
  const { db, clock } = c.get('services')
  const valid = await verifySvixSignature(
    secret,
    { id: c.req.header('svix-id'), timestamp: c.req.header('svix-timestamp'), signature: c.req.header('svix-signature') },
    body,
    clock.now(),
  )
  if (!valid) throw new ApiError('unauthenticated', 'The webhook signature is missing, wrong or too old.')
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    throw new ApiError('bad_request', 'The webhook body is not JSON.')
  }
  // Events of other kinds (domains, contacts) are acknowledged as they are: refused, Resend would
  // send them again and again.
  const kind = eventType.safeParse(json)
  if (!kind.success) throw new ApiError('bad_request', 'The webhook body is not a Resend event.')
  const status = STATUS_BY_EVENT[kind.data.type]
  if (!status) return c.json({ ignored: kind.data.type })
  const parsed = event.safeParse(json)
  if (!parsed.success) throw new ApiError('bad_request', `The ${kind.data.type} event is not as Resend sends it: ${parsed.error.issues[0]?.path.join('.') || 'the body'} is missing or not valid.`)
  const at = parsed.data.created_at && !Number.isNaN(Date.parse(parsed.data.created_at)) ? new Date(parsed.data.created_at) : clock.now()
  const updated = await recordDeliveryStatus(db, { providerId: parsed.data.data.email_id, status, at, reason: reasonOf(parsed.data) })
  return c.json({ updated })
})
