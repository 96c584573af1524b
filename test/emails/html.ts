// React separates adjacent text nodes with `<!-- -->`; drop them so sentences can be matched whole.
export function withoutTextMarkers(html: string): string {
  return html.replaceAll('<!-- -->', '')
}

export function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
}
