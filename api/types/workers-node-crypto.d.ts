// Workers provide node:crypto under nodejs_compat, but @types/node cannot sit beside
// @cloudflare/workers-types: this declares the part the API uses, for the Worker's type check.
declare module 'node:crypto' {
  interface Hash {
    update(data: string): Hash
    digest(encoding: 'base64url' | 'hex' | 'base64'): string
  }
  export function createHash(algorithm: 'sha256'): Hash
}
