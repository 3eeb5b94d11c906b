/**
 * The core: signing, the QuickBlox session client, redaction and validation, in plain Node.
 * Nothing under src/core imports `vscode`; the extension and independent checks use these names.
 */
export { signatureBaseString, signaturePairs, joinPairs, computeSignature, hmacHex, HASH_ALGORITHMS } from './signature';
export type { HashAlgorithm, SignableBody, SignableValue, SignaturePair } from './signature';
export {
  createSession,
  getSession,
  destroySession,
  upgradeSession,
  downgradeSession,
  lookupAccountSettings,
  localExpiry,
  DEFAULT_TIMEOUT_MS,
  ACCOUNT_SETTINGS_BASE_URL,
  SIGN_IN_PROVIDERS,
} from './client';
export type {
  CallOptions,
  CreateSessionRequest,
  TokenRequest,
  ExchangeResult,
  SessionResult,
  UpgradeRequest,
  UpgradeResult,
  UserSignIn,
  AccountSettingsRequest,
  AccountSettingsResult,
} from './client';
export type { SessionAuth, SessionAuthType } from './auth';
export { SESSION_AUTH_TYPES, authParameters, SECRET_PARAMETERS, maskParameter } from './auth';
export {
  SIGN_IN_KINDS,
  SIGN_IN_INPUTS,
  signInKind,
  kindLabel,
  isSessionAuthType,
  inputParameterName,
  fieldsToAsk,
  promptOf,
  authFromInputs,
  keptInputs,
  identifierOf,
  keptFromIdentifier,
} from './signInKinds';
export type {
  SignInKind,
  SignInInput,
  SignInInputName,
  SignInIdentifier,
  SignInValues,
  KeptInputs,
  AskMode,
  Prompt,
  SecretMasking,
  SavedPasswordKind,
} from './signInKinds';
export { readSession } from './session';
export type { Session } from './session';
export type { RequestRecord, ResponseRecord } from './exchange';
export { QuickBloxError, isQuickBloxError, ERROR_KINDS } from './errors';
export type { ErrorKind, QuickBloxErrorDetails } from './errors';
export { networkFailure } from './networkErrors';
export type { NetworkFailure } from './networkErrors';
export { errorMessagesOf, kindOfFailure } from './serverErrors';
export { redactText, maskKnown, maskWithPrefix, maskWhole, maskNamed, FULL_MASK } from './redact';
export type { SecretValues } from './redact';
export { NonceSource, MAX_NONCE } from './nonce';
export { normalizeEndpoint, normalizeApplicationId, isLoopback, checkToken, tokenProblem, MIN_KEY_LENGTH, MAX_TOKEN_LENGTH } from './validate';
export { describeEndpointHost } from './endpointHost';
export type { EndpointHost } from './endpointHost';
export { outsideText, withoutLinks, capText, OUTSIDE_TEXT_MAX } from './outsideText';
export { parseBoundedJson, depthOf, MAX_JSON_DEPTH } from './boundedJson';
export type { BoundedJson } from './boundedJson';
export { parseExpirationDate, parseRetryAfter, SESSION_LIFETIME_MS, SKEW_NOTICE_SECONDS, TIMESTAMP_WINDOW_SECONDS } from './time';
export type { Clock } from './time';
export { MAX_RESPONSE_BYTES } from './transport';
export { profileFieldProblem, findQbInit } from './profileInput';
export type { ProfileField, QbInitCall } from './profileInput';
export { defaultUserAgent } from './userAgent';
export { parseProfileFile, profileFileText, PROFILE_FILE_FORMAT, MAX_PROFILE_FILE_BYTES } from './profileFile';
export type { ExportedProfile } from './profileFile';
export { setEnvVariable, setEnvVariableInBytes, envFilePathProblem, isEnvVariableName, envVariableNameProblem, DEFAULT_ENV_VARIABLE } from './envFile';
export type { EnvUpdate, EnvBytesUpdate } from './envFile';
export { explainSignature, renderSignatureExplanation } from './signatureCheck';
export type { SignatureInput, SignatureExplanation, SignatureCheck, CheckId, CheckStatus, ExplanationHeading } from './signatureCheck';
export { tokenHeader, curlCommand } from './handoff';
export { shellQuote, shellOfProgram, isShell, SHELLS, ShellQuoteError } from './shellQuote';
export type { Shell } from './shellQuote';
export { generateSigningCode, SIGNING_CODE_LANGUAGES } from './signingCode';
export type { SigningCode, SigningCodeRequest, SigningCodeLanguage, SigningCodeLanguageInfo } from './signingCode';
export { parseSentRequest, SENT_FORMS, SENT_FORM_NAMES, MAX_SENT_TEXT, MAX_SENT_PARAMETERS, MAX_SENT_VALUE, MAX_SENT_NESTING } from './sentRequest';
export type { SentForm, SentParameter, SentProblem, SentRequest } from './sentRequest';
export { diagnoseSignature, MAX_SIGNATURE_CANDIDATES } from './signatureDiagnosis';
export type {
  DiagnosisInput,
  SignatureDiagnosis,
  DiagnosisVerdict,
  DiagnosisFinding,
  FindingCode,
  MistakeCode,
  DiagnosedParameter,
  ComparisonRow,
  SignatureAlgorithmName,
} from './signatureDiagnosis';
export { renderSignatureDiagnosis, FINDING_LABELS } from './diagnosisDocument';
export type { DiagnosisHeading } from './diagnosisDocument';
