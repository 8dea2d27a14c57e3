import { linkSecretProblem, readLinkSecrets } from "../link-secrets"
import { maskPayTokens } from "../token"

const strong = "a-strong-dedicated-link-secret-of-48-characters!"

describe("link secrets", () => {
  it("refuses, in production, a missing, default, short or shared secret", () => {
    expect(linkSecretProblem({ NODE_ENV: "production" })).toMatch(/STRIPE_COLLECT_LINK_SECRET must be set in production/)
    expect(linkSecretProblem({ NODE_ENV: "production", STRIPE_COLLECT_LINK_SECRET: "supersecret" })).toMatch(/"supersecret"/)
    expect(linkSecretProblem({ NODE_ENV: "production", STRIPE_COLLECT_LINK_SECRET: "short-one" })).toMatch(/at least 32 characters/)
    expect(linkSecretProblem({ NODE_ENV: "production", STRIPE_COLLECT_LINK_SECRET: strong }, [strong])).toMatch(/not Medusa's cookie/)
    expect(linkSecretProblem({ NODE_ENV: "production", STRIPE_COLLECT_LINK_SECRET: strong }, ["supersecret"])).toBeNull()
  })

  it("works without configuration outside production, but never with a short secret", () => {
    expect(linkSecretProblem({ NODE_ENV: "development" })).toBeNull()
    expect(linkSecretProblem({ NODE_ENV: "test", STRIPE_COLLECT_LINK_SECRET: "short" })).toMatch(/at least 32/)
  })

  it("reads the current secret and the previous ones, each with a stable public id", () => {
    const secrets = readLinkSecrets({
      STRIPE_COLLECT_LINK_SECRET: strong,
      STRIPE_COLLECT_PREVIOUS_LINK_SECRETS: ` old-one-${strong} , ${strong}, `,
    })
    expect(secrets.current.secret).toBe(strong)
    expect(secrets.previous.map((s) => s.secret)).toEqual([`old-one-${strong}`])
    expect(secrets.current.id).toMatch(/^[A-Za-z0-9_-]{8}$/)
    expect(readLinkSecrets({ STRIPE_COLLECT_LINK_SECRET: strong }).current.id).toBe(secrets.current.id)
    expect(secrets.current.id).not.toBe(secrets.previous[0].id)
  })

  it("masks pay tokens in anything written down", () => {
    const token = "A".repeat(43)
    expect(maskPayTokens(`POST /stripe-collect/pay/${token}/return?session_id=cs_1`)).toBe(
      "POST /stripe-collect/pay/[token]/return?session_id=cs_1"
    )
    expect(maskPayTokens(`https://shop.example/stripe-collect/pay/${token}`)).not.toContain(token)
    expect(maskPayTokens(`GET /stripe-collect/return/paylink_01ABC.1800000000.${token}?session_id=cs_1`)).toBe(
      "GET /stripe-collect/return/[nonce]?session_id=cs_1"
    )
  })
})
