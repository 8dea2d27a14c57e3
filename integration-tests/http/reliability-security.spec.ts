import { existsSync, readdirSync, readFileSync, statSync } from "fs"
import { join } from "path"
import jwt from "jsonwebtoken"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, SANDBOX_RESEND_KEY, SANDBOX_WEBHOOK_SECRET, useSandbox } from "../helpers/sandbox"
import { payOnSandboxCheckout, pressPay } from "../helpers/checkout"
import { postWebhook, signPayload, tableCounts } from "../reliability/helpers"

/**
 * Security: admin routes need a session; public pages show the invoice and nothing else about the
 * customer; link tokens are long, random and stored hashed; a guess looks and costs like a miss;
 * no secret reaches a response, a log line or the admin bundle.
 */

jest.setTimeout(240_000)

const sandbox = useSandbox()

/** What must never leave the server. The JWT/cookie secret is the dev default in tests. */
const SECRETS = [SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET, SANDBOX_RESEND_KEY, process.env.JWT_SECRET || "supersecret"]
/** Shapes of Stripe and Resend secrets, whatever their value. */
const SECRET_SHAPES = [
  /\bsk_(test|live)_[A-Za-z0-9]{8,}/,
  /\brk_(test|live)_[A-Za-z0-9]{8,}/,
  /\bwhsec_[A-Za-z0-9_]{8,}/,
  /\bre_[A-Za-z0-9_]{16,}/,
]

/** The customer's private details on the test order: none may show on a public page. */
const PRIVATE_DETAILS = ["1 Main Street", "Springfield", "12345", "555 0100", "+1 555"]

const ADMIN_ROUTES: [string, string][] = [
  ["GET", "/admin/stripe-collect/settings"],
  ["POST", "/admin/stripe-collect/settings"],
  ["POST", "/admin/stripe-collect/connect"],
  ["GET", "/admin/stripe-collect/connect/callback?code=ac_x&state=y"],
  ["POST", "/admin/stripe-collect/disconnect"],
  ["POST", "/admin/stripe-collect/reconcile"],
  ["GET", "/admin/stripe-collect/orders/:order"],
  ["GET", "/admin/stripe-collect/orders/:order/invoice"],
  ["POST", "/admin/stripe-collect/orders/:order/charges"],
  ["POST", "/admin/stripe-collect/orders/:order/payment-links"],
  ["POST", "/admin/stripe-collect/payment-links/:link/resend"],
  ["POST", "/admin/stripe-collect/payment-links/:link/cancel"],
]

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let baseURL: string
    /** Every response body this spec saw, checked for secrets at the end of each test. */
    let seen: string[]

    async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}) {
      const response = await fetch(`${baseURL}${path}`, {
        method,
        headers: { "content-type": "application/json", ...init.headers },
        body: method === "POST" ? JSON.stringify(init.body ?? {}) : undefined,
        redirect: "manual",
      })
      const text = await response.text()
      seen.push(text, JSON.stringify([...response.headers.entries()]))
      return { status: response.status, text, headers: response.headers }
    }

    function expectNoSecrets(texts: string[]) {
      for (const text of texts) {
        for (const secret of SECRETS) expect(text.includes(secret) ? `${secret} in ${text.slice(0, 200)}` : "").toBe("")
        for (const shape of SECRET_SHAPES) expect(text.match(shape)?.[0] ?? "").toBe("")
      }
    }

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      baseURL = api.defaults.baseURL as string
      seen = []
    })

    afterEach(() => expectNoSecrets(seen))

    it("answers 401 on every admin route without a session, or with a forged or expired token, and changes nothing", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const link = (await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 10 }, { headers })).data.payment_link
      const counts = await tableCounts(getContainer())
      sandbox.current().clearRequests()

      const forged = jwt.sign({ actor_id: "user_x", actor_type: "user", auth_identity_id: "authid_x" }, "not-the-server-secret")
      const config = getContainer().resolve(ContainerRegistrationKeys.CONFIG_MODULE)
      const expired = jwt.sign(
        { actor_id: "user_x", actor_type: "user", auth_identity_id: "authid_x", exp: Math.floor(Date.now() / 1000) - 60 },
        config.projectConfig.http.jwtSecret as string
      )
      const customer = jwt.sign(
        { actor_id: "cus_x", actor_type: "customer", auth_identity_id: "authid_y" },
        config.projectConfig.http.jwtSecret as string
      )
      const credentials: [string, Record<string, string>][] = [
        ["none", {}],
        ["forged", { authorization: `Bearer ${forged}` }],
        ["expired", { authorization: `Bearer ${expired}` }],
        ["a customer's", { authorization: `Bearer ${customer}` }],
        ["garbage", { authorization: "Bearer not.a.jwt" }],
        ["a cookie that is not a session", { cookie: "connect.sid=s%3Aforged.sig" }],
      ]
      const bodies: Record<string, unknown> = {
        "/admin/stripe-collect/settings": { store_name: "Evil", error_email: "evil@example.test" },
        "/admin/stripe-collect/orders/:order/charges": { amount: 10, payment_method: "pm_card_visa" },
        "/admin/stripe-collect/orders/:order/payment-links": { amount: 10 },
      }
      const answers: string[] = []
      for (const [method, template] of ADMIN_ROUTES) {
        const path = template.replace(":order", order.id).replace(":link", link.id)
        for (const [name, auth] of credentials) {
          const answer = await call(method, path, { headers: auth, body: bodies[template] })
          answers.push(`${method} ${template} (${name} credentials): ${answer.status}`)
        }
      }
      expect(answers.filter((a) => !a.endsWith(": 401"))).toEqual([])
      expect(await tableCounts(getContainer())).toEqual(counts)
      expect(sandbox.current().requests()).toEqual([])
      console.log(`[reliability] security: ${answers.length} unauthenticated admin requests, all 401`)
    })

    it("pay pages and the webhook route show the invoice and nothing private about the customer", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "private-buyer@example.test" })
      const created = await call("POST", `/admin/stripe-collect/orders/${order.id}/payment-links`, { headers, body: { amount: 40 } })
      const url: string = JSON.parse(created.text).payment_link.url
      const path = new URL(url).pathname

      const page = await call("GET", path)
      expect(page.status).toBe(200)
      expect(page.text).toContain("$40.00")
      const pressed = await call("POST", path)
      expect(pressed.status).toBe(303)
      const checkoutUrl = pressed.headers.get("location")!
      const unknownReturn = await call("GET", `${path}/return?session_id=cs_test_not_this_one`)
      sandbox.current().setWebhookUrl(null)
      await payOnSandboxCheckout(checkoutUrl, "4242424242424242")
      const paidPage = await call("GET", path)
      const unknown = await call("GET", `/stripe-collect/pay/${"A".repeat(43)}`)

      // The webhook route's answers, refused and accepted, say nothing about the order either.
      const event = JSON.stringify({
        id: "evt_private",
        object: "event",
        type: "customer.updated",
        data: { object: { id: "cus_1", email: "private-buyer@example.test" } },
      })
      const refused = await postWebhook(baseURL, event, "t=1,v1=00")
      const accepted = await postWebhook(baseURL, event, signPayload(event, SANDBOX_WEBHOOK_SECRET))
      expect(refused.status).toBe(400)
      expect(accepted.status).toBe(200)
      seen.push(refused.text, accepted.text)

      for (const [name, text] of [
        ["pay page", page.text],
        ["pay redirect", pressed.text],
        ["return with a foreign session", unknownReturn.text],
        ["paid page", paidPage.text],
        ["unknown token", unknown.text],
        ["webhook refused", refused.text],
        ["webhook accepted", accepted.text],
      ]) {
        for (const detail of PRIVATE_DETAILS) expect(text.includes(detail) ? `${name} shows "${detail}"` : "").toBe("")
      }
      for (const text of [unknownReturn.text, unknown.text, refused.text, accepted.text]) {
        expect(text).not.toContain("private-buyer@example.test")
      }
      // Pages carrying the token are neither cached nor leaked through a Referer.
      expect(page.headers.get("cache-control")).toContain("no-store")
      expect(page.headers.get("referrer-policy")).toBe("no-referrer")
    })

    it("link tokens carry 256 random bits, are stored only as a hash, and a guess answers and costs like a miss", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 1000 })
      const tokens: string[] = []
      const ids: string[] = []
      for (let i = 0; i < 12; i++) {
        const created = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 1 }, { headers })
        tokens.push(created.data.payment_link.url.split("/").pop())
        ids.push(created.data.payment_link.id)
        seen.push(JSON.stringify(created.data))
      }
      for (const token of tokens) {
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
        expect(Buffer.from(token, "base64url").length * 8).toBeGreaterThanOrEqual(128)
      }
      expect(new Set(tokens).size).toBe(tokens.length)
      // No shared structure between tokens: every position varies across links.
      const positionsThatNeverVary = Array.from({ length: 43 }, (_, i) => i).filter((i) => new Set(tokens.map((t) => t[i])).size === 1)
      expect(positionsThatNeverVary).toEqual([])

      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const rows = await knex("stripe_collect_payment_link").whereIn("id", ids)
      expect(rows).toHaveLength(tokens.length)
      const { createHash } = await import("crypto")
      for (const [index, id] of ids.entries()) {
        const row = rows.find((r: { id: string }) => r.id === id)
        const token = tokens[index]
        expect(row.token_hash).toBe(createHash("sha256").update(token).digest("hex"))
        expect(JSON.stringify(row)).not.toContain(token)
      }

      // A guess, a near miss of a real token and a malformed token: the same answer, byte for byte.
      const real = tokens[0]
      const nearMiss = `${real.slice(0, 42)}${real[42] === "A" ? "B" : "A"}`
      const guess = "Z".repeat(43)
      const answers = await Promise.all([nearMiss, guess, "short", `${real}x`].map((t) => call("GET", `/stripe-collect/pay/${t}`)))
      for (const answer of answers) {
        expect({ status: answer.status, text: answer.text, type: answer.headers.get("content-type") }).toEqual({
          status: answers[0].status,
          text: answers[0].text,
          type: answers[0].headers.get("content-type"),
        })
      }
      expect(answers[0].status).toBe(404)

      // Timing: near misses of a real token cost what random guesses cost (lookups compare hashes).
      const samples = { nearMiss: [] as number[], guess: [] as number[] }
      for (let i = 0; i < 60; i++) {
        for (const kind of i % 2 ? (["nearMiss", "guess"] as const) : (["guess", "nearMiss"] as const)) {
          const candidate =
            kind === "nearMiss"
              ? `${real.slice(0, 40)}${String(i)
                  .padStart(3, "0")
                  .replace(/\d/g, (d) => "abcdefghij"[Number(d)])}`
              : `${"Q".repeat(40)}${String(i)
                  .padStart(3, "0")
                  .replace(/\d/g, (d) => "klmnopqrst"[Number(d)])}`
          const started = process.hrtime.bigint()
          const response = await fetch(`${baseURL}/stripe-collect/pay/${candidate}`)
          await response.text()
          samples[kind].push(Number(process.hrtime.bigint() - started) / 1e6)
        }
      }
      const [near, random] = [median(samples.nearMiss), median(samples.guess)]
      console.log(
        `[reliability] security: token miss timing, median near-miss ${near.toFixed(2)} ms vs random guess ${random.toFixed(2)} ms (60 each)`
      )
      expect(Math.abs(near - random)).toBeLessThan(Math.max(5, 0.5 * Math.max(near, random)))
    })

    it("never puts a secret in a response, an email or a log line, nor in the built admin bundle", async () => {
      const logged: string[] = []
      const original = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) }
      const capture = (write: typeof process.stdout.write) =>
        ((chunk: string | Uint8Array, ...rest: unknown[]) => {
          logged.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"))
          return (write as (...args: unknown[]) => boolean)(chunk, ...rest)
        }) as typeof process.stdout.write
      process.stdout.write = capture(original.out)
      process.stderr.write = capture(original.err)
      try {
        const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "secrets@example.test" })
        await call("POST", "/admin/stripe-collect/settings", { headers, body: { store_name: "Shop", error_email: "ops@example.test" } })
        await call("GET", "/admin/stripe-collect/settings", { headers })
        await call("POST", "/admin/stripe-collect/connect", { headers })
        await call("GET", "/admin/stripe-collect/connect/callback?code=ac_bad&state=bad", { headers })
        await call("POST", `/admin/stripe-collect/orders/${order.id}/charges`, {
          headers,
          body: { amount: 10, payment_method: "pm_card_visa" },
        })
        await call("POST", `/admin/stripe-collect/orders/${order.id}/charges`, {
          headers,
          body: { amount: 10, payment_method: "pm_card_chargeDeclined" },
        })
        sandbox.current().addFault({ method: "POST", path: "/v1/payment_intents", status: 401, times: "always" })
        await call("POST", `/admin/stripe-collect/orders/${order.id}/charges`, {
          headers,
          body: { amount: 10, payment_method: "pm_card_visa" },
        })
        sandbox.current().clearFaults()
        const created = await call("POST", `/admin/stripe-collect/orders/${order.id}/payment-links`, { headers, body: { amount: 10 } })
        const link = JSON.parse(created.text).payment_link
        await call("POST", `/admin/stripe-collect/payment-links/${link.id}/resend`, { headers })
        await call("GET", new URL(link.url).pathname)
        await call("POST", `/admin/stripe-collect/payment-links/${link.id}/cancel`, { headers })
        await call("GET", `/admin/stripe-collect/orders/${order.id}`, { headers })
        await postWebhook(baseURL, "{}", "t=1,v1=00").then((r) => seen.push(r.text))
        await call("POST", "/admin/stripe-collect/disconnect", { headers })
        await call("GET", "/admin/stripe-collect/settings", { headers })
      } finally {
        process.stdout.write = original.out
        process.stderr.write = original.err
      }
      expect(seen.length).toBeGreaterThan(20)
      expectNoSecrets(seen)
      expectNoSecrets(
        sandbox
          .current()
          .emails()
          .map((e) => JSON.stringify(e))
      )
      expectNoSecrets(logged)

      // The admin bundle ships to every browser: built by `medusa plugin:build` into .medusa/server/src/admin.
      const bundleDirs = [".medusa/server/src/admin", ".medusa/client"].filter((dir) => existsSync(dir))
      const bundle = bundleDirs.flatMap(filesUnder).filter((file) => /\.(m?js|css|html|map)$/.test(file))
      // The admin sources too, so a secret cannot slip in between builds.
      const sources = filesUnder("src/admin")
      expect(bundle.length + sources.length).toBeGreaterThan(10)
      expectNoSecrets([...bundle, ...sources].map((file) => readFileSync(file, "utf8")))
      console.log(
        `[reliability] security: ${seen.length} responses, ${logged.length} log writes, ${bundle.length} bundle files, ${sources.length} admin sources: no secret`
      )
    })
  },
})
