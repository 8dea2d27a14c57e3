import { PAYMENT_RECEIVED_TEMPLATE, renderEmail } from "../index"

describe("payment received email", () => {
  it("confirms the amount paid and what is still due", async () => {
    const email = await renderEmail(PAYMENT_RECEIVED_TEMPLATE, {
      store_name: "Acme Outfitters",
      order_display_id: 1001,
      customer_name: "Jane Doe",
      amount_paid: 40,
      remaining_balance: 60,
      currency_code: "usd",
      paid_at: "2026-11-26T09:05:00Z",
    })

    expect(email.subject).toBe("Payment received for order #1001 from Acme Outfitters: $40.00")
    expect(email.text).toContain("Thank you, Jane Doe. Acme Outfitters received your payment of $40.00 for order #1001.")
    expect(email.text).toMatch(/Amount paid\s+\$40\.00/)
    expect(email.text).toMatch(/Remaining balance\s+\$60\.00/)
    expect(email.text).toContain("$60.00 is still due on this order.")
    expect(email.text).toMatch(/Paid on\s+November 26, 2026 at 9:05:00\sAM UTC/)
    expect(email.text).not.toContain("Paid with")
    expect(email.text).not.toContain("attached")
  })

  it("names the receipt, the order's date and how the customer paid, and says the PDF is attached", async () => {
    const email = await renderEmail(PAYMENT_RECEIVED_TEMPLATE, {
      store_name: "Acme Outfitters",
      order_display_id: 1003,
      order_date: "2026-11-20T12:00:00Z",
      amount_paid: 25.5,
      remaining_balance: 0.004,
      currency_code: "eur",
      payment_method: "SEPA Direct Debit •••• 3000",
      receipt_number: "INV-2026-0007-2",
    })

    expect(email.text).toMatch(/Receipt\s+INV-2026-0007-2/)
    expect(email.text).toMatch(/Order date\s+November 20, 2026/)
    expect(email.text).toMatch(/Paid with\s+SEPA Direct Debit •••• 3000/)
    // Less than a cent left is nothing left.
    expect(email.text).toContain("Your order is now paid in full.")
    expect(email.text).toContain("Your receipt is attached as a PDF.")
    expect(email.html).not.toContain("<script")
  })

  it("says the order is paid in full when nothing remains", async () => {
    const email = await renderEmail(PAYMENT_RECEIVED_TEMPLATE, {
      store_name: "Acme Outfitters",
      order_display_id: "1002",
      amount_paid: 14080,
      remaining_balance: 0,
      currency_code: "jpy",
    })

    expect(email.subject).toBe("Payment received for order #1002 from Acme Outfitters: ¥14,080")
    expect(email.text).toMatch(/Remaining balance\s+¥0\n/)
    expect(email.text).toContain("Your order is now paid in full.")
    expect(email.text).not.toContain("Paid on")
  })
})
