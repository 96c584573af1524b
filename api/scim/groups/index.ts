import { Hono } from 'hono'
import type { ScimEnv } from '../env.js'
import { readGroups } from './read.js'
import { writeGroups } from './write.js'

/** /scim/v2/Groups: a Group is a group of the token's account. */
export const groupsResource = new Hono<ScimEnv>().route('/', readGroups).route('/', writeGroups)
