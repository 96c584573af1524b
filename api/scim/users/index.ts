import { Hono } from 'hono'
import type { ScimEnv } from '../env.js'
import { readUsers } from './read.js'
import { writeUsers } from './write.js'

/** /scim/v2/Users: a User is a membership of the token's account. */
export const usersResource = new Hono<ScimEnv>().route('/', readUsers).route('/', writeUsers)
