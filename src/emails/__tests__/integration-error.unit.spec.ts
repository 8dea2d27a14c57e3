import { INTEGRATION_ERROR_TEMPLATE, renderEmail, type IntegrationErrorEmailData } from "../index"

function incident(overrides: Partial<IntegrationErrorEmailData> = {}): IntegrationErrorEmailData {
  return {
    store_name: "Acme Outfitters",
    what_happened: "Stripe took a payment that Medusa could not record",
    details: "Payment collection pay_col_01 is already captured",
    operation: "Record checkout payment",
    order_id: "order_01JD8ZK3N5",
    order_display_id: 1042,
    stripe_request_id: "req_9aF3kLm2",
    occurred_at: "2026-11-26T13:47:05.000Z",
    what_to_do: "Refund the payment in Stripe or record it on the order by hand.",
    dashboard_url: "https://admin.shop.example/app/orders/order_01JD8ZK3N5",
    ...overrides,
  }
}

describe("integration error email", () => {
  it("says what happened, during which operation, on which order, with the Stripe request id, when and what to do", async () => {
    const email = await renderEmail(INTEGRATION_ERROR_TEMPLATE, incident())

    expect(email.subject).toBe("Stripe integration error: Stripe took a payment that Medusa could not record")
    for (const part of [email.html, email.text]) {
      expect(part).toContain("Stripe took a payment that Medusa could not record")
      expect(part).toContain("Payment collection pay_col_01 is already captured")
      expect(part).toContain("Record checkout payment")
      expect(part).toContain("#1042 (order_01JD8ZK3N5)")
      expect(part).toContain("req_9aF3kLm2")
      expect(part).toMatch(/November 26, 2026 at 1:47:05\sPM UTC/)
      expect(part).toContain("Refund the payment in Stripe or record it on the order by hand.")
      expect(part).toContain("https://admin.shop.example/app/orders/order_01JD8ZK3N5")
    }
  })

  it("says so when there is no order or Stripe was never reached", async () => {
    const email = await renderEmail(
      INTEGRATION_ERROR_TEMPLATE,
      incident({ order_id: null, order_display_id: undefined, stripe_request_id: null, dashboard_url: null })
    )
    expect(email.text).toMatch(/Order\n+Not tied to an order/)
    expect(email.text).toMatch(/Stripe request id\n+None \(Stripe was not reached\)/)
    expect(email.text).not.toContain("Open the dashboard")
  })

  it("names the order by id alone when its number is unknown", async () => {
    const email = await renderEmail(INTEGRATION_ERROR_TEMPLATE, incident({ order_display_id: null }))
    expect(email.text).toMatch(/Order\n+order_01JD8ZK3N5\n/)
  })

  it("escapes error details that contain markup", async () => {
    const email = await renderEmail(INTEGRATION_ERROR_TEMPLATE, incident({ details: "<html><body>502 Bad Gateway</body></html>" }))
    expect(email.html).toContain("&lt;html&gt;&lt;body&gt;502 Bad Gateway&lt;/body&gt;&lt;/html&gt;")
    expect(email.text).toContain("<html><body>502 Bad Gateway</body></html>")
  })

  it("keeps a long summary to a readable subject", async () => {
    const email = await renderEmail(INTEGRATION_ERROR_TEMPLATE, incident({ what_happened: "x".repeat(500) }))
    expect(email.subject.length).toBe(140)
    expect(email.subject.endsWith("…")).toBe(true)
  })
})
