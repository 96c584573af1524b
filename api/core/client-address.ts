// Who is calling, as far as the runtime can tell: for limits that count per caller.

/**
 * The address as the limit counts it: IPv4 whole, IPv6 by its /64 (the prefix one subscriber gets),
 * IPv4 written inside IPv6 (::ffff:a.b.c.d in any spelling, the 64:ff9b::/96 translation prefix)
 * as that IPv4; a port a proxy appended is dropped. Null when unknown or not an address: then
 * such callers share one count.
 */
export function clientKey(address: string | null | undefined): string | null {
  let a = address?.trim().toLowerCase()
  if (!a) return null
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a)
  if (bracketed) a = bracketed[1]!
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(a)
  if (v4WithPort) a = v4WithPort[1]!
  a = a.replace(/%[\w.-]+$/, '') // an IPv6 zone (fe80::1%eth0)
  if (!a.includes(':')) return ipv4(a)
  const groups = ipv6Groups(a)
  if (!groups) return null
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number]
  const embedsV4 = (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) || (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
  if (embedsV4) return [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join('.')
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`
}

function ipv4(text: string): string | null {
  const parts = text.split('.')
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return null
  return parts.map(Number).join('.')
}

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail counts as two), or null. */
function ipv6Groups(text: string): number[] | null {
  const halves = text.split('::')
  if (halves.length > 2) return null
  const parse = (half: string): number[] | null => {
    if (half === '') return []
    const out: number[] = []
    const pieces = half.split(':')
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes('.')) {
        const v4 = ipv4(piece)
        if (!v4) return null
        const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number]
        out.push((a << 8) | b, (c << 8) | d)
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) out.push(parseInt(piece, 16))
      else return null
    }
    return out
  }
  const left = parse(halves[0]!)
  const right = halves.length === 2 ? parse(halves[1]!) : []
  if (!left || !right) return null
  if (halves.length === 1) return left.length === 8 ? left : null
  const missing = 8 - left.length - right.length
  return missing >= 1 ? [...left, ...Array<number>(missing).fill(0), ...right] : null
}

/**
 * The client address a reverse proxy added to X-Forwarded-For: the last entry. The entries before
 * it came with the request, so the client chose them; only the proxy's own is to be believed.
 */
export function addedByProxy(header: string | undefined): string | undefined {
  const last = header?.split(',').pop()?.trim()
  return last || undefined
}
