import type { Config } from './core/types.js'

export type Env = Record<string, string | undefined>

export class ConfigError extends Error {}

/** Reads the configuration shared by the Node and Workers entries; the README lists every variable. */
export function readConfig(env: Env, defaults: { appUrl?: string; appSecret?: string } = {}): Config {
  const appUrl = (env.APP_URL || defaults.appUrl)?.replace(/\/+$/, '')
  if (!appUrl || !/^https?:\/\//.test(appUrl)) throw new ConfigError('APP_URL must be set to the public http(s) URL of the app.')
  const appSecret = env.APP_SECRET || defaults.appSecret
  if (!appSecret || appSecret.length < 32) throw new ConfigError('APP_SECRET must be set to at least 32 random characters.')
  return {
    appUrl,
    appSecret,
    productName: env.PRODUCT_NAME || 'Roster',
    mailFrom: env.MAIL_FROM || 'Roster <no-reply@roster.localhost>',
    sessionTtlDays: Number(env.SESSION_TTL_DAYS ?? 14),
    termsUrl: env.TERMS_URL || undefined,
    resendWebhookSecret: env.RESEND_WEBHOOK_SECRET || undefined,
  }
}
