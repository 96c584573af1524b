import type { CSSProperties, ReactNode } from 'react'
import { Body, Button, Container, Head, Html, Link, Preview, Section, Text } from '@react-email/components'

export interface EmailLayoutProps {
  productName: string
  preview: string
  children: ReactNode
}

// Inline styles are the light theme. Clients that honour prefers-color-scheme (Apple Mail,
// iOS Mail, some Outlook versions) apply these overrides; Body repeats its background on a
// wrapping cell, hence the second selector. Other clients keep the light theme or invert it,
// and the mid-tone accent stays readable either way.
const darkModeCss = `
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  @media (prefers-color-scheme: dark) {
    .email-body, .email-body > table > tbody > tr > td { background-color: #18181b !important; }
    .email-card { background-color: #27272a !important; }
    .email-text { color: #e4e4e7 !important; }
    .email-muted { color: #a1a1aa !important; }
    .email-link { color: #a5b4fc !important; }
  }
`

export function EmailLayout({ productName, preview, children }: EmailLayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <style>{darkModeCss}</style>
      </Head>
      <Preview>{preview}</Preview>
      <Body className="email-body" style={styles.body}>
        <Container className="email-card" style={styles.card}>
          <Section>
            <Text className="email-text" style={styles.wordmark}>
              {productName}
            </Text>
          </Section>
          <Section>{children}</Section>
          <Section style={styles.footer}>
            <Text className="email-text" style={styles.paragraph}>
              Kind regards,
              <br />
              The {productName} team
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  )
}

/**
 * The email's one action as a button, and its address for clients that show no button. Both repeat
 * the link of the sentence above them, so the text version leaves them out.
 */
export function LinkButton({ url, label }: { url: string; label: string }) {
  return (
    <>
      <Section style={styles.buttonRow} data-skip-in-text="true">
        <Button href={url} style={styles.button}>
          {label}
        </Button>
      </Section>
      <Text className="email-muted" style={styles.muted} data-skip-in-text="true">
        If the button does not work, copy this address into your browser:{' '}
        <Link className="email-link" href={url} style={styles.fallbackUrl}>
          {url}
        </Link>
      </Text>
    </>
  )
}

export function Paragraph({ children }: { children: ReactNode }) {
  return (
    <Text className="email-text" style={styles.paragraph}>
      {children}
    </Text>
  )
}

const accent = '#4f46e5'

export const styles = {
  body: {
    backgroundColor: '#f4f4f5',
    margin: 0,
    padding: '24px 12px',
    fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  },
  card: {
    backgroundColor: '#ffffff',
    borderRadius: '12px',
    maxWidth: '560px',
    width: '100%',
    padding: '32px 28px',
    boxSizing: 'border-box',
  },
  wordmark: {
    color: '#18181b',
    fontSize: '22px',
    fontWeight: 700,
    letterSpacing: '-0.01em',
    lineHeight: '28px',
    margin: '0 0 24px',
  },
  // A long unbroken name or account must wrap, not widen the email past a phone's screen.
  paragraph: { color: '#27272a', fontSize: '15px', lineHeight: '24px', margin: '0 0 16px', overflowWrap: 'anywhere', wordBreak: 'break-word' },
  muted: { color: '#52525b', fontSize: '13px', lineHeight: '20px', margin: '0 0 16px', overflowWrap: 'anywhere', wordBreak: 'break-word' },
  link: { color: accent, textDecoration: 'underline' },
  fallbackUrl: { color: accent, wordBreak: 'break-all' },
  button: {
    backgroundColor: accent,
    borderRadius: '8px',
    color: '#ffffff',
    display: 'inline-block',
    fontSize: '15px',
    fontWeight: 600,
    lineHeight: '20px',
    padding: '12px 24px',
    textDecoration: 'none',
  },
  buttonRow: { margin: '8px 0 24px' },
  footer: { marginTop: '16px' },
} satisfies Record<string, CSSProperties>
