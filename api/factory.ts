import { createFactory } from 'hono/factory'
import type { AppEnv } from './services.js'

export const factory = createFactory<AppEnv>()
