/** The demo app's own strings (the plugin's are in rosterMessages). */
export const demoMessages = {
  demo: {
    title: 'Roster',
    settings: 'Settings',
    account: 'Account',
    no_account: 'You do not administer any account.',
    menu: {
      administration: 'Administration',
      platform_tools: 'Platform tools',
      development: 'Development',
      you: 'You',
    },
    login: {
      title: 'Sign in',
      email: 'Email address',
      password: 'Password',
      submit: 'Sign in',
      failed: 'Signing in failed. Please try again.',
      forgot: 'Forgot your password?',
    },
  },
  // The user menu says what the sign-in page does.
  ra: { auth: { logout: 'Sign out' } },
}
