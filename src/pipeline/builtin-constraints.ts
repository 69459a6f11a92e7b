/**
 * The constraint names of class-validator's own decorators (0.15.1). Each is a synchronous check of
 * the value and the decorator's arguments (formats through validator.js), so the compiled path can
 * call it directly; a constraint of any other name is a custom one and is left to class-validator.
 */
export const BUILTIN_CONSTRAINTS: ReadonlySet<string> = new Set([
  'arrayContains', 'arrayMaxSize', 'arrayMinSize', 'arrayNotContains', 'arrayNotEmpty', 'arrayUnique',
  'contains', 'equals', 'isAlpha', 'isAlphanumeric', 'isArray', 'isAscii',
  'isBase32', 'isBase58', 'isBase64', 'isBIC', 'isBoolean', 'isBooleanString',
  'isBtcAddress', 'isByteLength', 'isCreditCard', 'isCurrency', 'isDataURI', 'isDate',
  'isDateString', 'isDecimal', 'isDefined', 'isDivisibleBy', 'isEAN', 'isEmail',
  'isEmpty', 'isEnum', 'isEthereumAddress', 'IsFirebasePushId', 'isFqdn', 'isFullWidth',
  'isHalfWidth', 'isHash', 'isHexadecimal', 'isHexColor', 'isHSL', 'isIBAN',
  'isIdentityCard', 'isIn', 'isInstance', 'isInt', 'isIp', 'isIsbn',
  'isIsin', 'isISO31661Alpha2', 'isISO31661Alpha3', 'isISO31661Numeric', 'isISO4217CurrencyCode', 'isISO6391',
  'isIso8601', 'isISRC', 'isISSN', 'isJson', 'isJwt', 'isLatitude',
  'isLatLong', 'isLength', 'isLocale', 'isLongitude', 'isLowercase', 'isMacAddress',
  'isMagnetURI', 'isMilitaryTime', 'isMimeType', 'isMobilePhone', 'isMongoId', 'isMultibyte',
  'isNegative', 'isNotEmpty', 'isNotEmptyObject', 'isNotIn', 'isNumber', 'isNumberString',
  'isObject', 'isOctal', 'isPassportNumber', 'isPhoneNumber', 'isPort', 'isPositive',
  'isPostalCode', 'isRFC3339', 'isRgbColor', 'isSemVer', 'isString', 'isStrongPassword',
  'isSurrogatePair', 'isTaxId', 'isTimeZone', 'isUppercase', 'isUrl', 'isUuid',
  'isVariableWidth', 'matches', 'max', 'maxDate', 'maxLength', 'min',
  'minDate', 'minLength', 'notContains', 'notEquals',
]);
