/**
 * Where identity providers send SCIM requests: the Tenant URL in Microsoft Entra ID, the
 * "SCIM connector base URL" in Okta. The API serves SCIM beside the admin, on the same origin.
 */
export function scimBaseUrl(origin: string = window.location.origin): string {
  return `${origin.replace(/\/+$/, '')}/scim/v2`
}
