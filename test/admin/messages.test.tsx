// @vitest-environment jsdom
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rosterMessages } from '../../admin/src/plugin'

const pluginDir = join(import.meta.dirname, '../../admin/src/plugin')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : []
  })
}

function has(messages: unknown, key: string): boolean {
  let node: unknown = messages
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string'
}

describe('rosterMessages', () => {
  it('has every literal key the plugin translates, so no UI string shows as a raw key', () => {
    const keys = new Set<string>()
    for (const file of sources(pluginDir)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'((?:roster|resources)\.[a-zA-Z_.]+)'/g)) {
        if (match[1]) keys.add(match[1])
      }
    }
    expect(keys.size).toBeGreaterThan(50)
    expect([...keys].filter((key) => !has(rosterMessages, key))).toEqual([])
  })

  it('names every state, event and actor the API sends', () => {
    const states = ['invited', 'invitation_expired', 'active', 'blocked']
    const events = [
      'invited',
      'invitation_resent',
      'new_invitation_sent',
      'invitation_accepted',
      'invitation_declined',
    ].concat(['invitation_expired', 'groups_changed', 'removed', 'blocked', 'unblocked'])
    const actors = ['administrator', 'api_token', 'invitee', 'system']
    const missing = [
      ...states.map((state) => `roster.users.states.${state}`),
      ...events.map((type) => `roster.events.types.${type}`),
      ...actors.map((type) => `roster.events.actors.${type}`),
    ].filter((key) => !has(rosterMessages, key))
    expect(missing).toEqual([])
  })
})
