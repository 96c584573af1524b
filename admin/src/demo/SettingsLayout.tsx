import PersonIcon from '@mui/icons-material/Person'
import { Box, Typography } from '@mui/material'
import type { ReactNode } from 'react'
import {
  AppBar,
  Layout,
  LayoutClasses,
  LoadingIndicator,
  Menu,
  TitlePortal,
  ToggleThemeButton,
  usePermissions,
  useSidebarState,
  useTranslate,
} from 'react-admin'
import { useMailboxEnabled, type RosterPermissions } from '../plugin'
import { AccountPicker } from './AccountPicker'

function SettingsAppBar() {
  const translate = useTranslate()
  return (
    <AppBar
      toolbar={
        <>
          <AccountPicker />
          <ToggleThemeButton />
          {/* Given to its CircularProgress, which has no name of its own. */}
          <LoadingIndicator aria-label={translate('ra.page.loading')} />
        </>
      }
      color="inherit"
      sx={{
        bgcolor: 'background.paper',
        borderBottom: '2px solid',
        borderImage: (theme) =>
          `linear-gradient(90deg, ${theme.palette.primary.main}, ${theme.palette.secondary.main}) 1`,
      }}
    >
      <Typography variant="h6" component="span" sx={{ fontWeight: 700, mr: 1, whiteSpace: 'nowrap' }}>
        {translate('demo.settings')}
      </Typography>
      <Typography component="span" color="text.secondary" sx={{ mr: 1 }} aria-hidden>
        ›
      </Typography>
      {/* The page's own heading, above the plugin's h2 sections (Typography makes subtitle1 an h6). */}
      <TitlePortal variant="subtitle1" component="h1" />
    </AppBar>
  )
}

function MenuSection({ label }: { label: string }) {
  const [open] = useSidebarState()
  const translate = useTranslate()
  if (!open) return null
  return (
    <Typography variant="overline" component="div" color="text.secondary" sx={{ px: 2, pt: 2, lineHeight: 2 }}>
      {translate(label)}
    </Typography>
  )
}

function SettingsMenu() {
  const { permissions } = usePermissions<RosterPermissions>()
  const profile = <Menu.Item to="/profile" primaryText="roster.profile.menu" leftIcon={<PersonIcon />} />
  if (!permissions?.administers) return <Menu>{profile}</Menu>
  return <AdministratorMenu profile={profile} />
}

function AdministratorMenu({ profile }: { profile: ReactNode }) {
  const mailbox = useMailboxEnabled()
  return (
    <Menu>
      <MenuSection label="demo.menu.administration" />
      <Menu.ResourceItem name="users" />
      <Menu.ResourceItem name="groups" />
      <Menu.ResourceItem name="events" />
      <MenuSection label="demo.menu.platform_tools" />
      <Menu.ResourceItem name="api-tokens" />
      <Menu.ResourceItem name="provisioning-log" />
      {mailbox && (
        <>
          <MenuSection label="demo.menu.development" />
          <Menu.ResourceItem name="emails" />
        </>
      )}
      <MenuSection label="demo.menu.you" />
      {profile}
    </Menu>
  )
}

/**
 * react-admin's layout is as wide as its widest content: its root has `min-width: fit-content`, and
 * the content column is a flex item with the default `min-width: auto`. A wide table would then widen
 * the whole page (horizontal scroll, right-hand columns off-screen) instead of scrolling inside its
 * card. Both are reset here, so the page is never wider than the window.
 */
const layoutSx = {
  minWidth: 0,
  [`& .${LayoutClasses.content}`]: { minWidth: 0 },
} as const

export function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={SettingsAppBar} menu={SettingsMenu} sx={layoutSx}>
      <Box sx={{ pb: 4 }}>{children}</Box>
    </Layout>
  )
}
