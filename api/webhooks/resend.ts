import { Hono } from 'hono'
import { z } from 'zod'
import { recordDeliveryStatus, type DeliveryStatus } from '../core/email-status.js'
import { ApiError } from '../errors.js'
import type { AppEnv } from '../services.js'
import { verifySvixSignature } from './svix.js'

const STATUS_BY_EVENT: Record<string, DeliveryStatus> = {
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
}

const event = z.object({
  type: z.string(),
  created_at: z.string().optional(),
  data: z.object({
    email_id: z.string(),
    bounce: z.object({ message: z.string().optional(), type: z.string().optional() }).optional(),
  }),
})

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
  let parsed: z.infer<typeof event>
  try {
    parsed = event.parse(JSON.parse(body))
  } catch {
    throw new ApiError('bad_request', 'The webhook body is not a Resend event.')
  }
  const status = STATUS_BY_EVENT[parsed.type]
  if (!status) return c.json({ ignored: parsed.type })
  const at = parsed.created_at && !Number.isNaN(Date.parse(parsed.created_at)) ? new Date(parsed.created_at) : clock.now()
  const reason = status === 'bounced' ? (parsed.data.bounce?.message ?? 'The address bounced.') : status === 'complained' ? 'The recipient marked it as spam.' : undefined
  const updated = await recordDeliveryStatus(db, { providerId: parsed.data.email_id, status, at, reason })
  return c.json({ updated })
})
