export { compileFilter, compileFilterShape, MAX_COMPARISONS } from './compile.js'
export { compileAnyElement, compileComparison, type ScalarAttribute } from './comparison.js'
export { MAX_FILTER_LENGTH, MAX_NESTING } from './scan.js'
export { sortExpression } from './sort.js'
export {
  ENTERPRISE_USER,
  groupFilterAttributes,
  userFilterAttributes,
  type AttributeMap,
  type AttributeType,
  type FilterAttribute,
} from './attributes.js'
