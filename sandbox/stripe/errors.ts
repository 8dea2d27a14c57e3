// Stripe's error object and the statuses Stripe answers with; every failure in the API goes through here.

export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error" | "rate_limit_error"

/** The `error` member of Stripe's error responses. */
export interface StripeErrorBody {
  type: StripeErrorType
  message: string
  code?: string
  decline_code?: string
  param?: string
  doc_url?: string
  request_log_url?: string
  advice_code?: string
  network_decline_code?: string
  charge?: string
  payment_intent?: unknown
  payment_method?: unknown
  payment_method_type?: string
  setup_intent?: unknown
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody
  ) {
    super(body.message)
  }
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`

export function invalidRequest(message: string, extra: Partial<StripeErrorBody> = {}, status = 400): StripeApiError {
  const body: StripeErrorBody = { type: "invalid_request_error", message, ...extra }
  if (body.code && !body.doc_url) body.doc_url = docUrl(body.code)
  return new StripeApiError(status, body)
}

export const parameterMissing = (param: string) => invalidRequest(`Missing required param: ${param}.`, { code: "parameter_missing", param })

export const parameterUnknown = (param: string) =>
  invalidRequest(`Received unknown parameter: ${param}`, { code: "parameter_unknown", param })

export const parameterInvalidInteger = (param: string, value: string) =>
  invalidRequest(`Invalid integer: ${value}`, { code: "parameter_invalid_integer", param })

export const parameterInvalidEmpty = (param: string) =>
  invalidRequest(
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    { code: "parameter_invalid_empty", param }
  )

/** Stripe's 404 for an id that does not exist in this account. */
export const resourceMissing = (kind: string, id: string, param?: string) =>
  invalidRequest(`No such ${kind}: '${id}'`, { code: "resource_missing", ...(param ? { param } : {}) }, 404)

/** A state machine refusal, e.g. capturing a PaymentIntent that is not requires_capture. */
export const unexpectedState = (code: string, message: string) => invalidRequest(message, { code })

export const unrecognizedUrl = (method: string, path: string) =>
  invalidRequest(
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    {},
    404
  )

export const missingApiKey = () =>
  invalidRequest(
    "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    {},
    401
  )

export const invalidApiKey = (key: string) => invalidRequest(`Invalid API Key provided: ${redactKey(key)}`, {}, 401)

export function redactKey(key: string): string {
  const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? ""
  return `${prefix}${"*".repeat(Math.max(4, key.length - prefix.length - 4))}${key.slice(-4)}`
}

/** The body Stripe answers with for an injected status without an explicit error. */
export function defaultErrorForStatus(status: number): StripeErrorBody {
  switch (status) {
    case 400:
      return { type: "invalid_request_error", message: "Invalid request (injected by the sandbox)." }
    case 401:
      return { type: "invalid_request_error", message: "Invalid API Key provided (injected by the sandbox)." }
    case 402:
      return {
        type: "card_error",
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined.",
      }
    case 403:
      return { type: "invalid_request_error", message: "The provided key does not have the required permissions." }
    case 404:
      return { type: "invalid_request_error", code: "resource_missing", message: "No such object." }
    case 409:
      return {
        type: "invalid_request_error",
        code: "lock_timeout",
        message:
          "This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. If you see this error frequently and are making multiple concurrent requests to a single object, make your requests serially or at a lower rate.",
      }
    case 429:
      return {
        type: "invalid_request_error",
        code: "rate_limit",
        message: "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
      }
    default:
      return { type: "api_error", message: "An unknown error occurred" }
  }
}
