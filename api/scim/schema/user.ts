import { attribute, complex, defineSchema, multiValued, string } from './define.js'
import { USER_SCHEMA } from './types.js'

const name = complex('name', "The components of the user's real name.", [
  string('formatted', 'The full name, with middle names, titles and suffixes, formatted for display.'),
  string('familyName', 'The family name, or last name in most Western languages.'),
  string('givenName', 'The given name, or first name in most Western languages.'),
  string('middleName', 'The middle name(s).'),
  string('honorificPrefix', "The honorific prefix(es), such as 'Ms.'."),
  string('honorificSuffix', "The honorific suffix(es), such as 'III'."),
])

const addresses = complex(
  'addresses',
  "Physical mailing addresses of the User. Canonical type values are 'work', 'home' and 'other'.",
  [
    string('formatted', 'The full mailing address, formatted for display; it may contain newlines.'),
    string('streetAddress', 'The street address: house number, street name, P.O. box; it may contain newlines.'),
    string('locality', 'The city or locality.'),
    string('region', 'The state or region.'),
    string('postalCode', 'The zip or postal code.'),
    string('country', 'The country.'),
    string('type', "A label indicating the address's function, e.g. 'work' or 'home'.", {
      canonicalValues: ['work', 'home', 'other'],
    }),
    // Not in the §8.7.1 listing, but §4.1.2 gives addresses a primary like every multi-valued attribute.
    attribute('primary', 'boolean', "Whether this is the preferred address; 'true' appears at most once."),
  ],
  { multiValued: true },
)

const readOnly = { mutability: 'readOnly' } as const

const groups = complex(
  'groups',
  'The groups the User belongs to, directly or through nested groups. Changed through the Group resource only.',
  [
    string('value', "The identifier of the User's group.", readOnly),
    attribute('$ref', 'reference', 'The URI of the Group resource.', { ...readOnly, referenceTypes: ['User', 'Group'] }),
    string('display', 'A human-readable name, primarily used for display purposes.', readOnly),
    string('type', "'direct' or 'indirect' membership.", { ...readOnly, canonicalValues: ['direct', 'indirect'] }),
  ],
  { ...readOnly, multiValued: true },
)

export const userSchema = defineSchema({
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    string('userName', 'Unique identifier for the User, used by the user to authenticate to the service provider.', {
      required: true,
      uniqueness: 'server',
    }),
    name,
    string('displayName', 'The name of the User, suitable for display to end-users.'),
    string('nickName', "The casual way to address the user, e.g. 'Bob' instead of 'Robert'."),
    attribute('profileUrl', 'reference', "A fully qualified URL to the User's online profile.", {
      referenceTypes: ['external'],
    }),
    string('title', "The user's title, such as 'Vice President'."),
    string('userType', "The relationship between the organization and the user, e.g. 'Employee', 'Contractor'."),
    string('preferredLanguage', "The User's preferred written or spoken language, e.g. 'en-US'."),
    string('locale', "The User's default location, for localizing currency, dates and numbers, e.g. 'en-US'."),
    string('timezone', "The User's time zone in the IANA format, e.g. 'America/Los_Angeles'."),
    attribute('active', 'boolean', "The User's administrative status."),
    string('password', "The User's cleartext password, to set an initial password or reset it.", {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multiValued('emails', "Email addresses of the User. Canonical type values are 'work', 'home' and 'other'.", {
      valueDescription: 'An email address of the User.',
      typeValues: ['work', 'home', 'other'],
    }),
    multiValued('phoneNumbers', 'Phone numbers of the User, preferably in RFC 3966 format.', {
      valueDescription: 'A phone number of the User.',
      typeValues: ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
    }),
    multiValued('ims', 'Instant messaging addresses of the User.', {
      valueDescription: 'An instant messaging address of the User.',
      typeValues: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
    }),
    multiValued('photos', 'URLs of photos of the User.', {
      valueType: 'reference',
      valueDescription: 'The URL of a photo of the User.',
      referenceTypes: ['external'],
      typeValues: ['photo', 'thumbnail'],
    }),
    addresses,
    groups,
    multiValued('entitlements', 'Entitlements of the User: things the User has.', {
      valueDescription: 'The value of an entitlement.',
    }),
    multiValued('roles', "Roles of the User: who the User is, e.g. 'Student', 'Faculty'.", {
      valueDescription: 'The value of a role.',
    }),
    multiValued('x509Certificates', 'Certificates issued to the User.', {
      valueType: 'binary',
      valueDescription: 'A DER-encoded X.509 certificate, base64-encoded.',
    }),
  ],
})
