import LockIcon from '@mui/icons-material/LockOutlined'
import { Alert, Avatar, Box, Button, Card, CardContent, CircularProgress, Link, TextField, Typography } from '@mui/material'
import { useState, type FormEvent } from 'react'
import { useLogin, useTranslate } from 'react-admin'
import { useLocation } from 'react-router-dom'
import { apiErrorMessage } from '../plugin'

/** Sign in with email and password (POST /api/auth/login sets the session cookie). */
export function LoginPage() {
  const translate = useTranslate()
  const login = useLogin()
  // #/login?email=…: the invitation pages send a new member here with their email.
  const location = useLocation()
  const [email, setEmail] = useState(() => new URLSearchParams(location.search).get('email') ?? '')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string>()
  const [pending, setPending] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setPending(true)
    setError(undefined)
    try {
      await login({ email: email.trim(), password })
    } catch (failure) {
      const message = apiErrorMessage(failure, 'demo.login.failed')
      setError(translate(message, { _: message }))
      setPending(false)
    }
  }

  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        p: 2,
        background: (theme) =>
          `linear-gradient(135deg, ${theme.palette.primary.main} 0%, ${theme.palette.secondary.main} 100%)`,
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 380 }}>
        <CardContent component="form" onSubmit={(event: FormEvent) => void submit(event)} noValidate sx={{ p: 3 }}>
          <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', mb: 2 }}>
            <Avatar sx={{ bgcolor: 'primary.main', mb: 1 }}>
              <LockIcon />
            </Avatar>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
              {translate('demo.login.title')}
            </Typography>
          </Box>
          {error && (
            <Alert severity="error" sx={{ mb: 2 }} role="alert">
              {error}
            </Alert>
          )}
          <TextField
            label={translate('demo.login.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            fullWidth
            autoFocus
            margin="dense"
          />
          <TextField
            label={translate('demo.login.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
            fullWidth
            margin="dense"
          />
          <Button
            type="submit"
            variant="contained"
            fullWidth
            disabled={pending || !email.trim() || !password}
            sx={{ mt: 2 }}
            startIcon={pending ? <CircularProgress size={16} color="inherit" aria-label={translate('ra.page.loading')} /> : undefined}
          >
            {translate('demo.login.submit')}
          </Button>
          {/* A server page (api/invite/password-routes.tsx): the link it emails proves the address is theirs. */}
          <Link
            href={`/password/forgot${email.trim() ? `?${new URLSearchParams({ email: email.trim() }).toString()}` : ''}`}
            variant="body2"
            sx={{ display: 'block', textAlign: 'center', mt: 2 }}
          >
            {translate('demo.login.forgot')}
          </Link>
        </CardContent>
      </Card>
    </Box>
  )
}
