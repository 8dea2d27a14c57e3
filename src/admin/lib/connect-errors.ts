/**
 * What the settings page says for each outcome code the Connect callback sends back. The URL carries only
 * a code: anything else in it is ignored, so a crafted link cannot put its own words on this page.
 */
const CONNECT_ERRORS: Record<string, string> = {
  oauth_state_missing: "This Stripe authorization was not started here or was already used. Press Done to connect again.",
  oauth_state_mismatch: "This Stripe authorization was not started here or was already used. Press Done to connect again.",
  oauth_state_other_admin: "This Stripe authorization was started by another admin. Press Done to connect again.",
  oauth_state_expired: "This Stripe authorization expired after 10 minutes. Press Done to connect again.",
  cancelled_in_stripe: "Authorization was cancelled in Stripe.",
  not_authorized: "Stripe did not authorize the connection. Press Done to connect again.",
  no_code: "Stripe sent no authorization code. Press Done to connect again.",
  stripe_access_rejected: "Stripe refused the connection. Press Done to connect again; the server log has Stripe's answer.",
  stripe_unreachable: "Stripe could not be reached. Press Done to try again in a moment.",
}

const GENERIC = "Stripe could not be connected. Press Done to try again; if it keeps failing, check the server log."

/** The message for a `?error=` code, or null when there is none. */
export function connectErrorMessage(code: string | null): string | null {
  if (!code) return null
  return CONNECT_ERRORS[code] ?? GENERIC
}
