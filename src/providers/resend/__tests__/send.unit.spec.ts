import { createServer, type IncomingHttpHeaders, type Server } from "http"
import type { AddressInfo } from "net"
import { logger } from "@medusajs/framework/logger"
import { MedusaError } from "@medusajs/framework/utils"
import ResendNotificationProviderService from "../service"

// A stand-in for Resend's HTTP API at the process edge: the real SDK talks to it over HTTP.
type Reply = { status: number; body: unknown; headers?: Record<string, string> }
type Received = { method?: string; url?: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }

let server: Server
let baseUrl: string
let replies: Reply[]
let received: Received[]

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = ""
    req.on("data", (chunk) => (raw += chunk))
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(raw || "{}") })
      const reply = replies.shift() ?? { status: 200, body: { id: `email_${received.length}` } }
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers })
      res.end(JSON.stringify(reply.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  replies = []
  received = []
})

function provider(base = baseUrl) {
  return new ResendNotificationProviderService({ logger }, { api_key: "re_unit_test", from: "Acme <payments@acme.example>", baseUrl: base })
}

const receipt = {
  store_name: "Acme Outfitters",
  order_display_id: 1001,
  amount_paid: 40,
  remaining_balance: 60,
  currency_code: "usd",
}

function notification(overrides: Record<string, unknown> = {}) {
  return {
    id: "noti_01TEST",
    to: "jane@example.com",
    channel: "email",
    template: "stripe-collect.payment-received",
    data: receipt,
    ...overrides,
  }
}

describe("Resend provider send", () => {
  it("sends the rendered email with HTML, text and the notification's idempotency key, and returns Resend's id", async () => {
    replies.push({ status: 200, body: { id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" } })

    const result = await provider().send(notification())

    expect(result).toEqual({ id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" })
    expect(received).toHaveLength(1)
    const [request] = received
    expect(request.method).toBe("POST")
    expect(request.url).toBe("/emails")
    expect(request.headers.authorization).toBe("Bearer re_unit_test")
    expect(request.headers["idempotency-key"]).toBe("medusa-notification/noti_01TEST")
    expect(request.body).toMatchObject({
      from: "Acme <payments@acme.example>",
      to: "jane@example.com",
      subject: "Payment received for order #1001 from Acme Outfitters: $40.00",
    })
    expect(request.body.html).toEqual(expect.stringContaining("<!DOCTYPE html"))
    expect(request.body.html).toEqual(expect.stringContaining("$60.00"))
    expect(request.body.text).toEqual(expect.stringContaining("$60.00 is still due on this order."))
  })

  it("uses the caller's idempotency key and sender when the notification has them", async () => {
    await provider().send(notification({ idempotency_key: "receipt/pay_01", from: "Billing <billing@acme.example>" }))
    expect(received[0].headers["idempotency-key"]).toBe("medusa-notification/receipt/pay_01")
    expect(received[0].body.from).toBe("Billing <billing@acme.example>")
  })

  it("throws a MedusaError when Resend refuses the email, without retrying", async () => {
    replies.push({
      status: 422,
      body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." },
    })

    const attempt = provider().send(notification({ to: "not-an-address" }))

    await expect(attempt).rejects.toBeInstanceOf(MedusaError)
    await expect(attempt).rejects.toMatchObject({ type: MedusaError.Types.INVALID_DATA })
    await expect(attempt).rejects.toThrow(
      'Resend did not send the "stripe-collect.payment-received" email (notification noti_01TEST): Invalid `to` field. [validation_error, HTTP 422]'
    )
    expect(received).toHaveLength(1)
  })

  it("reports a rejected API key as unauthorized", async () => {
    replies.push({ status: 401, body: { statusCode: 401, name: "invalid_api_key", message: "API key is invalid" } })
    await expect(provider().send(notification())).rejects.toMatchObject({ type: MedusaError.Types.UNAUTHORIZED })
  })

  it("retries a rate-limited send with the same idempotency key", async () => {
    replies.push({
      status: 429,
      body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" },
      headers: { "retry-after": "1" },
    })
    replies.push({ status: 200, body: { id: "email_after_wait" } })

    await expect(provider().send(notification())).resolves.toEqual({ id: "email_after_wait" })
    expect(received).toHaveLength(2)
    expect(received[1].headers["idempotency-key"]).toBe(received[0].headers["idempotency-key"])
    expect(received[1].body).toEqual(received[0].body)
  })

  it("gives up after three attempts when Resend keeps failing", async () => {
    const failure = { status: 500, body: { statusCode: 500, name: "application_error", message: "Something broke" } }
    replies.push(failure, failure, failure, { status: 200, body: { id: "too_late" } })

    await expect(provider().send(notification())).rejects.toMatchObject({
      type: MedusaError.Types.UNEXPECTED_STATE,
      message: expect.stringContaining("Something broke [application_error, HTTP 500]"),
    })
    expect(received).toHaveLength(3)
  })

  it("fails when Resend cannot be reached", async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))

    await expect(provider(`http://127.0.0.1:${port}`).send(notification())).rejects.toThrow(/no response/)
  })

  it("refuses an unknown template before calling Resend", async () => {
    await expect(provider().send(notification({ template: "order.placed" }))).rejects.toThrow(/Unknown email template "order\.placed"/)
    expect(received).toHaveLength(0)
  })

  it("refuses template data the template cannot render, before calling Resend", async () => {
    await expect(provider().send(notification({ data: { ...receipt, currency_code: "dollars" } }))).rejects.toThrow(/currency_code/)
    expect(received).toHaveLength(0)
  })
})
