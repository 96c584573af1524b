import type { StringMap } from 'react-admin'

/**
 * The plugin's English messages (polyglot). Merge them into the host's:
 * `polyglotI18nProvider(() => mergeTranslations(englishMessages, rosterMessages), 'en')`.
 */
export const rosterMessages = {
  resources: {
    users: {
      name: 'User |||| Users',
      fields: {
        name: 'User',
        firstName: 'First name',
        lastName: 'Last name',
        email: 'Email address',
        countryCode: 'Country code',
        phone: 'Phone number',
        state: 'Status',
        joinedAt: 'Joined',
        lastSignInAt: 'Last sign-in',
        invitedAt: 'Invited',
        groupIds: 'Groups',
        groupId: 'Group',
        actions: 'Actions',
        q: 'Search',
      },
    },
    groups: {
      name: 'Group |||| Groups',
      fields: {
        name: 'Name',
        description: 'Description',
        memberCount: 'Members',
        actions: 'Actions',
        q: 'Search',
      },
      notifications: {
        deleted: 'Group deleted',
      },
      message: {
        delete_title: 'Delete group "%{recordRepresentation}"',
        delete_content: 'Are you sure you want to delete this group? This cannot be undone.',
      },
    },
    emails: {
      name: 'Email |||| Emails',
    },
    'api-tokens': {
      name: 'API token |||| API tokens',
      fields: {
        name: 'Name',
        prefix: 'Token',
        provisionGroupId: 'Provisions into',
        sendInvitationEmail: 'Invitation email',
        createdAt: 'Created',
        lastUsedAt: 'Last used',
        actions: 'Actions',
      },
      notifications: {
        updated: 'Token updated',
      },
    },
    'provisioning-log': {
      name: 'Provisioning log |||| Provisioning log',
      fields: {
        at: 'Time',
        tokenId: 'Token',
        tokenName: 'Token',
        method: 'Method',
        path: 'Path',
        status: 'Status',
        durationMs: 'Duration',
        summary: 'Summary',
        failed: 'Failed only',
      },
    },
  },
  roster: {
    none: '—',
    copy: {
      button: 'Copy %{label}',
      copied: 'Copied to the clipboard',
      refused: 'The browser refused to copy. Select the text and copy it yourself.',
    },
    optional: 'Optional',
    row_count: '%{smart_count} row |||| %{smart_count} rows',
    action: {
      back: 'Back',
      next: 'Next',
    },
    users: {
      states: {
        invited: 'Invited',
        invitation_expired: 'Invitation expired',
        active: 'Active',
        blocked: 'Blocked',
      },
      groups_count: '%{smart_count} group |||| %{smart_count} groups',
      checking_email: 'Checking the email address',
      last_sign_in: 'Last sign-in: %{date}',
      actions: {
        menu: 'Actions for %{name}',
        add: 'Add',
        copy_invitation_link: 'Copy invitation link',
        resend_invitation: 'Resend invitation link',
        send_new_invitation: 'Send new invitation',
        remove: 'Remove',
        view_details: 'View details',
      },
      notifications: {
        link_copied: 'Link copied',
        link_not_copied: 'The browser refused to copy the link. Here it is: %{url}',
        invitation_resent: 'Invitation link sent again to %{email}',
        new_invitation_sent: 'A new invitation was sent to %{email}',
        removed: '%{name} was removed from the account',
        groups_updated: 'Groups updated',
      },
      placeholders: {
        country_code: 'Select country code',
        phone: 'Enter phone number',
      },
      validation: {
        email_taken: 'This email is already a member of this account',
        country_required: 'Select the country code of this phone number',
        phone_invalid: 'This is not a valid phone number for %{country}',
        groups_required: 'Select at least one group',
      },
      wizard: {
        add_title: 'Add user',
        edit_title: 'Edit user',
        steps: {
          details: 'User details',
          groups: 'Groups',
          overview: 'Overview',
          summary: 'Summary',
        },
        added: '%{name} was added to the account',
        invitation_sent: 'An invitation email was sent to %{email}.',
        expires: 'The invitation link expires on %{date}.',
      },
      remove: {
        title: 'Remove user',
        content: 'Are you sure you want to remove the user "%{name}"? This user can be invited back in the future.',
      },
      sections: {
        general: 'General',
        invitation: 'Invitation',
        history: 'History',
      },
      invitation: {
        pending: 'Waiting for an answer; the link expires on %{date}',
        expired: 'The invitation expired on %{date}',
        accepted: 'Joined on %{date}',
        blocked: 'Access is blocked',
        invited_by: 'Invited on %{date} by %{name}',
        unknown_inviter: 'an identity provider or the platform',
      },
      history: {
        by_on: '%{actor} (%{actorType}) · %{date}',
        empty: 'Nothing has happened yet.',
        error: 'The history could not be loaded.',
      },
    },
    events: {
      types: {
        invited: 'Invited',
        invitation_resent: 'Invitation link sent again',
        new_invitation_sent: 'New invitation sent',
        invitation_accepted: 'Invitation accepted',
        invitation_declined: 'Invitation declined',
        invitation_expired: 'Invitation expired',
        groups_changed: 'Groups changed',
        removed: 'Removed',
        blocked: 'Blocked',
        unblocked: 'Unblocked',
      },
      actors: {
        administrator: 'administrator',
        api_token: 'identity provider',
        invitee: 'invitee',
        system: 'system',
      },
    },
    groups: {
      default_badge: 'Default',
      search: 'Search groups',
      checklist: 'Groups',
      no_match: 'No group matches this search.',
      members: 'Members',
      member_count: '%{smart_count} member |||| %{smart_count} members',
      no_members: 'Nobody is in this group yet.',
      last_group_hint: 'A user keeps at least one group.',
      delete_blocked: {
        default: 'The default group cannot be deleted.',
        members:
          'This group has a member. Remove them from it first. |||| This group has %{smart_count} members. Remove them from it first.',
      },
    },
    api_tokens: {
      empty: 'No API token yet. Create one for each identity provider that provisions users.',
      scim_title: 'Connect an identity provider (SCIM)',
      scim_url: 'SCIM base URL',
      scim_url_help:
        'Give your identity provider this URL (the Tenant URL in Microsoft Entra ID, the SCIM connector base URL in Okta) and an API token as its secret.',
      never: 'Never',
      name_help: 'Say which identity provider uses it, e.g. "Entra ID production".',
      group_label: 'Group for provisioned users',
      group_automatic: 'Provisioned users (created automatically)',
      group_help: 'Users the identity provider creates join this group.',
      administrators_option: 'Provisioned users become administrators',
      administrators_warning:
        'Every user this identity provider creates would become an administrator of this account, with access to everything.',
      send_invitation_email: 'Send invitation emails to provisioned users',
      send_invitation_email_help: 'Off: users are created without an email, e.g. when they sign in through single sign-on.',
      actions: {
        create: 'Create token',
        revoke: 'Revoke',
      },
      created: {
        title: 'New token "%{name}"',
        warning: 'Copy this token now. It will not be shown again: only its first characters are kept.',
        token: 'API token',
        help: 'Enter the token as the Secret Token (Entra ID) or API token (Okta), and the URL as the Tenant URL or SCIM connector base URL.',
        close: 'I have copied the token',
      },
      revoke: {
        title: 'Revoke token "%{name}"',
        content: 'Identity providers using it will stop syncing at once. This cannot be undone.',
      },
      notifications: {
        created: 'Token "%{name}" created',
        revoked: 'Token "%{name}" revoked',
        token_copied: 'Token copied',
        url_copied: 'SCIM base URL copied',
      },
    },
    provisioning_log: {
      failed_only: 'Failed only',
      succeeded: 'succeeded',
      failed: 'failed',
      duration: '%{ms} ms',
      empty: 'No identity provider has called the SCIM API in the last 30 days.',
    },
    emails: {
      meta: 'To %{to} · from %{from} · %{date}',
      preview_title: 'Preview of "%{subject}"',
      show_text: 'Show plain text',
      hide_text: 'Hide plain text',
      empty: 'No email has been sent yet.',
      disabled: 'There is no development mailbox: this API sends real emails.',
      error: 'The mailbox could not be loaded.',
    },
  },
} satisfies StringMap
