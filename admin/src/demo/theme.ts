import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin'

const fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

const shared: RaThemeOptions = {
  shape: { borderRadius: 8 },
  typography: { fontFamily, button: { textTransform: 'none', fontWeight: 600 } },
  sidebar: { width: 220, closedWidth: 56 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { variant: 'outlined', size: 'small' } },
    MuiFormControl: { defaultProps: { variant: 'outlined', size: 'small' } },
    MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
    MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
    // A notification naming a long email wraps inside a phone's screen instead of running off it.
    MuiSnackbarContent: { styleOverrides: { message: { overflowWrap: 'anywhere', minWidth: 0 } } },
  },
}

/** Indigo with a teal accent, after the screenshots. */
export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  ...shared,
  palette: {
    mode: 'light',
    primary: { main: '#3b1fe0' },
    secondary: { main: '#11a8b8' },
    // MUI's info (#0288d1) and warning (#ed6c02) are under 4.5:1 on white, as a chip's text or
    // behind a filled chip's white text: these reach it on paper and on the page's grey.
    info: { main: '#0369a1' },
    warning: { main: '#a84f00' },
    background: { default: '#f4f5f8', paper: '#ffffff' },
  },
  components: { ...defaultLightTheme.components, ...shared.components },
}

export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  ...shared,
  palette: {
    mode: 'dark',
    primary: { main: '#a397ff' },
    secondary: { main: '#4fd1dc' },
    // MUI's dark error (#f44336) under white text, as on a filled chip, is 3.7:1; this one takes dark text.
    error: { main: '#ff8a80' },
    background: { default: '#121217', paper: '#1c1c23' },
  },
  components: { ...defaultDarkTheme.components, ...shared.components },
}
