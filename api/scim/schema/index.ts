export { commonAttributes } from './common.js'
export { enterpriseUserSchema, managerAttribute } from './enterprise-user.js'
export { groupSchema } from './group.js'
export { isPlainObject, type JsonObject } from './json.js'
export {
  attributesOf,
  canonicalize,
  findAttribute,
  isExtension,
  lookupAttribute,
  resolveAttribute,
  schemasOf,
  splitSchema,
  type ResolvedAttribute,
} from './resolve.js'
export * from './types.js'
export { userSchema } from './user.js'
