// Failures exactly as the real gateway throws them: the SDK's own error classes through the one mapper.
import type { MedusaError } from "@medusajs/framework/utils"
import Stripe from "stripe"
import { toMedusaError } from "../../../src/stripe/errors"
import { fakeId } from "./objects"

const requestId = () => fakeId("req")

/** Stripe's answer to a request it refused (4xx) or failed (5xx), mapped with `doing` as the gateway would. */
export function stripeRefusal(
  doing: string,
  raw: {
    statusCode: number
    type: Stripe.RawErrorType
    message: string
    code?: string
    decline_code?: string
    param?: string
    payment_intent?: Stripe.PaymentIntent
    charge?: string
  }
): MedusaError {
  return toMedusaError(Stripe.errors.StripeError.generate({ ...raw, requestId: requestId() }), doing)
}

/** An OAuth refusal (connect.stripe.com's own error format). */
export function oauthRefusal(doing: string, type: "invalid_grant" | "invalid_client", message: string): MedusaError {
  return toMedusaError(
    Stripe.errors.generateOAuthError({ type, message, statusCode: type === "invalid_client" ? 401 : 400, requestId: requestId() }),
    doing
  )
}

export const notFound = (doing: string, resource: string, id: string) =>
  stripeRefusal(doing, {
    statusCode: 404,
    type: "invalid_request_error",
    code: "resource_missing",
    param: "id",
    message: `No such ${resource}: '${id}'`,
  })

export const unexpectedState = (doing: string, message: string, code = "payment_intent_unexpected_state") =>
  stripeRefusal(doing, { statusCode: 400, type: "invalid_request_error", code, message })

export const idempotencyConflict = (doing: string, key: string) =>
  stripeRefusal(doing, {
    statusCode: 400,
    type: "idempotency_error",
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  })

/** What the gateway throws when Stripe never answered (after its retries): the outcome is unknown. */
export const noAnswer = (doing: string) =>
  toMedusaError(new Stripe.errors.StripeConnectionError({ message: "Request aborted due to timeout being reached (40000ms)" }), doing)

export const serverError = (doing: string) =>
  stripeRefusal(doing, { statusCode: 500, type: "api_error", message: "An unknown error occurred" })

export const rateLimited = (doing: string) =>
  stripeRefusal(doing, { statusCode: 429, type: "invalid_request_error", code: "rate_limit", message: "Request rate limit exceeded." })
