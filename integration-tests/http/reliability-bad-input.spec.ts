import fc from "fast-check"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"
import { latestUpdates, tableCounts } from "../reliability/helpers"

/**
 * Bad input never reaches money: for every admin and public route, at least RUNS generated
 * malformed requests (wrong types, missing fields, huge strings, unicode, negative, NaN, Infinity
 * and too-precise amounts, injection strings, header injection in emails) each answer 4xx with a
 * readable message, and leave the database and Stripe's request log exactly as they were.
 */

jest.setTimeout(300_000)

const RUNS = Number(process.env.RELIABILITY_BAD_INPUT_RUNS ?? 200)
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261126)

const sandbox = useSandbox()

// ---- Generators of bad values, from the routes' own schemas (validators.ts) ----------------------

const injections = fc.constantFrom(
  "'; DROP TABLE payment; --",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "{{7*7}}",
  "${process.env.STRIPE_API_KEY}",
  "../../../etc/passwd",
  "%00",
  "\u0000",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "👩‍👩‍👧‍👦".repeat(50)
)
const weirdStrings = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  injections,
  fc.constantFrom("", " ", "\r\n", "x".repeat(100_000 / 2))
)
const notANumber = fc.oneof(
  weirdStrings,
  fc.constantFrom("NaN", "Infinity", "-Infinity", "1e309", "30", "0x1F", null, true, false, [], {}, [30], { value: 30 })
)
/** Amounts no route accepts: zero, negative, more decimals than the currency, beyond the outstanding, not numbers. */
const badAmount = fc.oneof(
  fc.constantFrom(0, -0, -1, -0.01, 1e309, -1e309, 10.001, 0.001, 99.999, 100.01, 1e21, Number.MAX_VALUE, 5e-324),
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  fc.double({ min: 100.01, noNaN: true }),
  fc.integer({ min: 1, max: 99 }).map((n) => n + 0.0001),
  notANumber
)
const badPaymentMethod = fc.oneof(
  weirdStrings,
  fc.constantFrom(
    "visa",
    "pm_",
    "pm_card_visa ",
    "pm_card visa",
    "tok_visa",
    `pm_${"a".repeat(300)}`,
    "pm_card_visa\r\nX: y",
    42,
    null,
    [],
    {}
  )
)
/** Header injection and other addresses no mailer should be given. */
const badEmail = fc.oneof(
  weirdStrings,
  fc.constantFrom(
    "a@b.co\r\nBcc: victim@example.com",
    "a@b.co\nSubject: hi",
    "a@b.co%0d%0aBcc:x@y.co",
    "<a@b.co>",
    "a@b",
    "@b.co",
    "a@@b.co",
    "a b@c.co",
    `${"a".repeat(250)}@b.co`,
    "a@b.co, c@d.co",
    '"a"@b.co',
    42,
    null,
    [],
    {}
  )
)
const badDate = fc.oneof(
  weirdStrings,
  fc.constantFrom("2026-13-45", "tomorrow", "31/12/2026", 1767225600, null, {}, "2026-12-31T25:00:00Z")
)
const extraKey = fc
  .string({ minLength: 1, maxLength: 20 })
  .filter(
    (k) => !["amount", "payment_method", "email", "message", "expires_at", "store_name", "error_email", "hours", "__proto__"].includes(k)
  )

/** A valid body with at least one field broken, removed, or an unknown field added. */
function brokenBody(valid: Record<string, unknown>, bad: Record<string, fc.Arbitrary<unknown>>, { required }: { required: string[] }) {
  const fields = Object.keys(bad)
  const mutation = fc.oneof(
    ...fields.map((field) => bad[field].map((value) => ({ ...valid, [field]: value }))),
    ...required.map((field) => fc.constant(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field)))),
    fc.tuple(extraKey, fc.jsonValue()).map(([key, value]) => ({ ...valid, [key]: value }))
  )
  const notAnObject = fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), weirdStrings, fc.integer(), fc.constant(null))
  return fc.oneof({ weight: 8, arbitrary: mutation }, { weight: 1, arbitrary: notAnObject })
}

/** Raw request bodies that are not JSON at all, sent as JSON. */
const rawGarbage = fc.oneof(
  fc.constantFrom("{", '{"amount": 10,', "[1,2", "undefined", "{'amount': 10}", '{"amount": NaN}', '{"amount": Infinity}'),
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }).map((s) => `{${s}`)
)

/** Bodies sent as JSON, or (one in ten) raw text that is not JSON at all. */
function orRawGarbage<T>(body: fc.Arbitrary<T>): fc.Arbitrary<{ raw: boolean; b: unknown }> {
  return fc.oneof(
    { weight: 9, arbitrary: body.map((b) => ({ raw: false, b: b as unknown })) },
    { weight: 1, arbitrary: rawGarbage.map((b) => ({ raw: true, b: b as unknown })) }
  )
}

/** Strings that can travel in a URL path (no lone surrogates), of a length servers accept in a request line. */
const urlSafe = (s: string) => {
  try {
    encodeURIComponent(s)
    return s.length <= 2_000
  } catch {
    return false
  }
}

type Sent = { status: number; text: string }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let baseURL: string

    async function send(method: "GET" | "POST", path: string, body?: unknown, raw = false): Promise<Sent> {
      const response = await fetch(`${baseURL}${path}`, {
        method,
        headers: { ...headers, "content-type": "application/json" },
        // `null` goes out as the JSON text null: a body that is not an object must be refused too.
        body: method === "POST" ? (raw ? String(body) : body === undefined ? "{}" : JSON.stringify(body)) : undefined,
        redirect: "manual",
      })
      return { status: response.status, text: await response.text() }
    }

    /** A readable refusal: 4xx, and a message a person can act on (JSON `message`, or a page/text). */
    function expectReadableRefusal(answer: Sent, input: unknown) {
      const label = JSON.stringify(input)?.slice(0, 200)
      expect({ input: label, status: answer.status, ok: answer.status >= 400 && answer.status < 500 }).toEqual({
        input: label,
        status: answer.status,
        ok: true,
      })
      let message = answer.text
      try {
        const json = JSON.parse(answer.text) as { message?: unknown }
        message = typeof json.message === "string" ? json.message : ""
      } catch {
        // Pages and plain text answers are read as they are.
      }
      expect(message.trim().length).toBeGreaterThan(0)
    }

    /** Sends every generated input, then checks nothing changed: rows, update times, the order, Stripe's log. */
    async function fuzz<T>(name: string, arbitrary: fc.Arbitrary<T>, request: (input: T) => Promise<Sent>, orderId?: string) {
      const container = getContainer()
      const counts = await tableCounts(container)
      const updates = await latestUpdates(container)
      const summary = orderId ? (await api.get(`/admin/orders/${orderId}?fields=+summary,+payment_status`, { headers })).data.order : null
      sandbox.current().clearRequests()
      let tried = 0
      await fc.assert(
        fc.asyncProperty(arbitrary, async (input) => {
          tried++
          expectReadableRefusal(await request(input), input)
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true }
      )
      expect(await tableCounts(container)).toEqual(counts)
      expect(await latestUpdates(container)).toEqual(updates)
      if (orderId) {
        const after = (await api.get(`/admin/orders/${orderId}?fields=+summary,+payment_status`, { headers })).data.order
        expect({ summary: after.summary, status: after.payment_status }).toEqual({
          summary: summary.summary,
          status: summary.payment_status,
        })
      }
      expect(
        sandbox
          .current()
          .requests()
          .map((r) => `${r.method} ${r.path}`)
      ).toEqual([])
      console.log(`[reliability] bad input: ${name}: ${tried} malformed requests, all 4xx, nothing changed`)
    }

    const badId = fc.oneof(
      weirdStrings.filter((s) => s.trim().length > 0 && urlSafe(s)),
      fc.constantFrom("order_01NOTREAL", "paylink_01NOTREAL", "1", "-1", "null", "%2e%2e", "..", "*")
    )
    const pathOf = (id: string) => encodeURIComponent(id)

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      baseURL = api.defaults.baseURL as string
    })

    it("POST charges: malformed bodies and raw garbage answer 4xx; no charge, no Stripe call", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const body = brokenBody(
        { amount: 10, payment_method: "pm_card_visa" },
        { amount: badAmount, payment_method: badPaymentMethod },
        { required: ["amount", "payment_method"] }
      )
      await fuzz(
        "charges",
        orRawGarbage(body),
        ({ raw, b }) => send("POST", `/admin/stripe-collect/orders/${order.id}/charges`, b, raw),
        order.id
      )
      // Unknown or malformed order ids with a good body.
      await fuzz("charges (order id)", badId, (id) =>
        send("POST", `/admin/stripe-collect/orders/${pathOf(id)}/charges`, { amount: 10, payment_method: "pm_card_visa" })
      )
    })

    it("POST payment-links: malformed bodies (incl. header injection in emails) answer 4xx; no link, no email", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const body = brokenBody(
        { amount: 10, email: "buyer@example.test", message: "Thanks", expires_at: "2030-01-01" },
        {
          amount: badAmount,
          email: badEmail,
          message: fc.oneof(fc.constantFrom("x".repeat(1001), 42, [], {}, true), fc.string({ minLength: 1001, maxLength: 1200 })),
          expires_at: badDate,
        },
        { required: [] }
      )
        // Every field is optional, so a JSON `null` body means "no fields" (a link for the whole outstanding amount): valid.
        .filter((b) => b !== null)
      const emailsBefore = sandbox.current().emails().length
      await fuzz(
        "payment-links",
        orRawGarbage(body),
        ({ raw, b }) => send("POST", `/admin/stripe-collect/orders/${order.id}/payment-links`, b, raw),
        order.id
      )
      expect(sandbox.current().emails()).toHaveLength(emailsBefore)
    })

    it("resend, cancel and order summary with unknown or malformed ids answer 4xx", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      await fuzz("payment-links/:id/resend", badId, (id) => send("POST", `/admin/stripe-collect/payment-links/${pathOf(id)}/resend`, {}))
      await fuzz("payment-links/:id/cancel", badId, (id) => send("POST", `/admin/stripe-collect/payment-links/${pathOf(id)}/cancel`, {}))
      await fuzz("orders/:id", badId, (id) => send("GET", `/admin/stripe-collect/orders/${pathOf(id)}`), order.id)
    })

    it("settings, connect, disconnect and reconcile refuse malformed bodies with 4xx", async () => {
      const settings = brokenBody(
        { store_name: "Shop", error_email: "ops@example.test" },
        {
          store_name: fc.oneof(fc.constantFrom("", "   ", 42, null, [], {}), fc.string({ minLength: 201, maxLength: 400 })),
          error_email: badEmail,
        },
        { required: ["store_name", "error_email"] }
      )
      await fuzz("settings", orRawGarbage(settings), ({ raw, b }) => send("POST", "/admin/stripe-collect/settings", b, raw))
      const notEmpty = orRawGarbage(
        fc.oneof(
          fc.dictionary(extraKey, fc.jsonValue(), { minKeys: 1, maxKeys: 3 }),
          fc.array(fc.jsonValue(), { minLength: 1, maxLength: 3 })
        )
      )
      await fuzz("connect", notEmpty, ({ raw, b }) => send("POST", "/admin/stripe-collect/connect", b, raw))
      await fuzz("disconnect", notEmpty, ({ raw, b }) => send("POST", "/admin/stripe-collect/disconnect", b, raw))
      const reconcile = brokenBody(
        { hours: 24 },
        { hours: fc.oneof(notANumber, fc.constantFrom(0, -1, 1.5, 721, 1e309, -1e309, 5e-324)) },
        { required: [] }
      )
      await fuzz("reconcile", orRawGarbage(reconcile), ({ raw, b }) => send("POST", "/admin/stripe-collect/reconcile", b, raw))
    })

    it("public pay routes answer unknown, malformed and guessed tokens with 4xx; a real link's return refuses foreign sessions", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "fuzz@example.test" })
      const created = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 10 }, { headers })
      const url: string = created.data.payment_link.url
      const token = url.split("/").pop()!
      const tokens = fc.oneof(
        badId,
        fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).filter((t) => t !== token),
        fc.integer({ min: 0, max: 42 }).map((i) => `${token.slice(0, i)}${token[i] === "A" ? "B" : "A"}${token.slice(i + 1)}`)
      )
      await fuzz("GET pay/:token", tokens, (t) => send("GET", `/stripe-collect/pay/${pathOf(t)}`))
      await fuzz("POST pay/:token", tokens, (t) => send("POST", `/stripe-collect/pay/${pathOf(t)}`, {}))
      await fuzz("GET pay/:token/return", tokens, (t) => send("GET", `/stripe-collect/pay/${pathOf(t)}/return?session_id=cs_test_x`))
      await fuzz(
        "GET pay/<real token>/return?session_id=<not its session>",
        fc.oneof(weirdStrings.filter(urlSafe), fc.stringMatching(/^cs_test_[A-Za-z0-9]{10,40}$/)),
        (s) => send("GET", `/stripe-collect/pay/${token}/return?session_id=${encodeURIComponent(s)}`),
        order.id
      )
    })
  },
})
