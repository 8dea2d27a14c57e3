import { checkOAuthState, createOAuthState, hashOAuthState, OAUTH_STATE_TTL_MS, type PendingOAuthState } from "../oauth-state"

const now = new Date("2026-11-26T12:00:00Z")

function pendingFor(state: string, userId = "user_1", expiresAt = new Date(now.getTime() + OAUTH_STATE_TTL_MS)): PendingOAuthState {
  return { oauth_state_hash: hashOAuthState(state), oauth_state_user_id: userId, oauth_state_expires_at: expiresAt }
}

describe("Connect OAuth state", () => {
  it("is at least 128 random bits, URL-safe, and different every time", () => {
    const states = new Set(Array.from({ length: 200 }, () => createOAuthState()))
    expect(states.size).toBe(200)
    for (const state of states) {
      expect(state).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(Buffer.from(state, "base64url").length * 8).toBeGreaterThanOrEqual(128)
    }
  })

  it("is stored only as a hash that does not contain it", () => {
    const state = createOAuthState()
    const hash = hashOAuthState(state)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(hash).not.toContain(state)
    expect(hashOAuthState(state)).toBe(hash)
  })

  it("accepts the state this admin started before it expires", () => {
    const state = createOAuthState()
    expect(checkOAuthState(pendingFor(state), state, "user_1", now)).toEqual({ ok: true })
  })

  it("refuses a different state, another admin, an expired one, or none pending", () => {
    const state = createOAuthState()
    expect(checkOAuthState(pendingFor(state), createOAuthState(), "user_1", now)).toEqual({ ok: false, reason: "mismatch" })
    expect(checkOAuthState(pendingFor(state), state, "user_2", now)).toEqual({ ok: false, reason: "other_admin" })
    expect(checkOAuthState(pendingFor(state, "user_1", now), state, "user_1", now)).toEqual({ ok: false, reason: "expired" })
    expect(checkOAuthState(pendingFor(state, "user_1", new Date(now.getTime() - 1)), state, "user_1", now)).toEqual({
      ok: false,
      reason: "expired",
    })
    expect(checkOAuthState(undefined, state, "user_1", now)).toEqual({ ok: false, reason: "missing" })
    expect(checkOAuthState(pendingFor(state), undefined, "user_1", now)).toEqual({ ok: false, reason: "missing" })
    expect(
      checkOAuthState({ oauth_state_hash: null, oauth_state_user_id: null, oauth_state_expires_at: null }, state, "user_1", now)
    ).toEqual({ ok: false, reason: "missing" })
  })

  it("reads an expiry stored as an ISO string", () => {
    const state = createOAuthState()
    const pending = pendingFor(state)
    const asString = { ...pending, oauth_state_expires_at: new Date(now.getTime() + 1000).toISOString() }
    expect(checkOAuthState(asString, state, "user_1", now)).toEqual({ ok: true })
  })
})
