import { Box, Button, Card, CardContent, Chip, Collapse, Typography } from '@mui/material'
import { useId, useState } from 'react'
import { useTranslate } from 'react-admin'
import { formatDateTime } from '../common/format'
import type { MailboxEmail } from '../types'

/** Makes every link of the email open in a new tab (the preview itself is sandboxed). */
export function withLinksInNewTab(html: string): string {
  const base = '<base target="_blank">'
  const head = /<head[^>]*>/i.exec(html)
  if (head) return html.replace(head[0], `${head[0]}${base}`)
  return `<head>${base}</head>${html}`
}

/** One message of the development mailbox, rendered as the recipient would see it. */
export function EmailPreview({ email }: { email: MailboxEmail }) {
  const translate = useTranslate()
  const [showText, setShowText] = useState(false)
  const textId = useId()
  return (
    <Card component="article" variant="outlined" aria-label={email.subject}>
      <CardContent>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: '1 1 auto' }}>
            {email.subject}
          </Typography>
          <Chip label={email.kind} size="small" variant="outlined" />
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          {translate('roster.emails.meta', { to: email.to, from: email.from, date: formatDateTime(email.createdAt) })}
        </Typography>
        <Box
          component="iframe"
          title={translate('roster.emails.preview_title', { subject: email.subject })}
          // No scripts and no same-origin access; links may open (unsandboxed) in a new tab.
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={withLinksInNewTab(email.html)}
          sx={{
            display: 'block',
            width: '100%',
            height: 420,
            mt: 2,
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
            bgcolor: 'common.white',
          }}
        />
        <Button
          size="small"
          onClick={() => setShowText(!showText)}
          aria-expanded={showText}
          aria-controls={textId}
          sx={{ mt: 1 }}
        >
          {translate(showText ? 'roster.emails.hide_text' : 'roster.emails.show_text')}
        </Button>
        <Collapse in={showText} id={textId}>
          <Box
            component="pre"
            sx={{
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              fontSize: 13,
              p: 2,
              m: 0,
              bgcolor: 'action.hover',
              borderRadius: 1,
            }}
          >
            {email.text}
          </Box>
        </Collapse>
      </CardContent>
    </Card>
  )
}
