import { eq } from 'drizzle-orm'
import { people } from '../../drizzle/schema.js'
import { notFound } from './errors.js'
import { normalizePhone } from './people.js'
import type { CoreDeps, Executor } from './types.js'

/** What a person keeps of themselves, whatever accounts they belong to. */
export interface Profile {
  email: string
  firstName: string
  lastName: string
  countryCode: string | null
  phone: string | null
}

const columns = {
  email: people.email,
  firstName: people.firstName,
  lastName: people.lastName,
  countryCode: people.countryCode,
  phone: people.phone,
}

export async function getProfile(db: Executor, personId: string): Promise<Profile> {
  const [profile] = await db.select(columns).from(people).where(eq(people.id, personId))
  if (!profile) throw notFound('Person')
  return profile
}

/**
 * The person's own change of name and phone (the phone validated for its country). The email is
 * how the person signs in everywhere: it is not changed here.
 */
export async function updateProfile(
  deps: CoreDeps,
  personId: string,
  input: { firstName: string; lastName: string; countryCode?: string | null; phone?: string | null },
): Promise<Profile> {
  const phone = normalizePhone(input.countryCode, input.phone)
  const [profile] = await deps.db
    .update(people)
    .set({ firstName: input.firstName.trim(), lastName: input.lastName.trim(), ...phone, updatedAt: deps.clock.now() })
    .where(eq(people.id, personId))
    .returning(columns)
  if (!profile) throw notFound('Person')
  return profile
}
