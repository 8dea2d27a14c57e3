// The card network's answer for one attempt: approved, declined, or "authenticate first" (3-D Secure).
import type { CardState } from "./state"
import { AUTHENTICATION_REQUIRED, type CardDecline } from "./test-cards"

export type Authorization = { result: "approved" } | { result: "declined"; decline: CardDecline } | { result: "requires_authentication" }

export interface AttemptContext {
  purpose: "payment" | "setup"
  /** The customer is not present (off_session=true), so a challenge cannot happen. */
  offSession: boolean
  /** 3-D Secure already completed for this attempt. */
  authenticated: boolean
  /** payment_method_options.card.request_three_d_secure = "any": challenge every card that supports it. */
  forceAuthentication: boolean
  /** MOTO payments are exempt from Strong Customer Authentication: no challenge, declines still apply. */
  exempt?: boolean
}

export function authorizeCard(state: CardState, attempt: AttemptContext): Authorization {
  const { card } = state
  if (!attempt.authenticated && !attempt.exempt) {
    const needsAuthentication =
      attempt.forceAuthentication ||
      card.authentication === "always" ||
      (card.authentication === "unless_set_up" && (attempt.purpose === "setup" || !attempt.offSession || !state.setUpForOffSession))
    if (needsAuthentication) {
      return attempt.offSession ? { result: "declined", decline: AUTHENTICATION_REQUIRED } : { result: "requires_authentication" }
    }
  }
  if (card.decline && !(attempt.purpose === "setup" && card.declinesOnlyWhenCharged)) return { result: "declined", decline: card.decline }
  return { result: "approved" }
}
