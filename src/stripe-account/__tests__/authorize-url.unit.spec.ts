import { buildAuthorizeUrl } from "../authorize-url"

describe("buildAuthorizeUrl", () => {
  const base = {
    clientId: "ca_test_123",
    state: "abc-DEF_ghi",
    redirectUri: "http://localhost:9000/admin/stripe-collect/connect/callback",
  }

  it("points at connect.stripe.com with every parameter Stripe needs", () => {
    const url = new URL(buildAuthorizeUrl(base))
    expect(url.origin).toBe("https://connect.stripe.com")
    expect(url.pathname).toBe("/oauth/authorize")
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "ca_test_123",
      scope: "read_write",
      state: "abc-DEF_ghi",
      redirect_uri: "http://localhost:9000/admin/stripe-collect/connect/callback",
    })
  })

  it("keeps the port and protocol of an overridden API base (the sandbox)", () => {
    const url = new URL(buildAuthorizeUrl({ ...base, apiBase: { host: "127.0.0.1", port: 54321, protocol: "http" } }))
    expect(url.origin).toBe("http://127.0.0.1:54321")
    expect(url.searchParams.get("redirect_uri")).toBe(base.redirectUri)
  })
})
