import { paymentMethodLabel } from "../payment-method-label"

describe("paymentMethodLabel", () => {
  it("names bank debits with the account's last four digits", () => {
    expect(paymentMethodLabel({ payment_method: { type: "sepa_debit", sepa_debit: { last4: "3000" } } })).toBe(
      "SEPA Direct Debit •••• 3000"
    )
    expect(
      paymentMethodLabel({ latest_charge: { payment_method_details: { type: "us_bank_account", us_bank_account: { last4: "6789" } } } })
    ).toBe("US bank account •••• 6789")
  })

  it("names wallets with the card behind them, and leaves plain cards to brand and last4", () => {
    expect(
      paymentMethodLabel({ payment_method: { type: "card", card: { brand: "visa", last4: "4242", wallet: { type: "apple_pay" } } } })
    ).toBe("Apple Pay · Visa •••• 4242")
    expect(paymentMethodLabel({ payment_method: { type: "card", card: { brand: "visa", last4: "4242", wallet: null } } })).toBeNull()
  })

  it("names methods without digits, reads a failed payment's method, and knows nothing from an id alone", () => {
    expect(paymentMethodLabel({ payment_method: { type: "klarna", klarna: {} } })).toBe("Klarna")
    expect(
      paymentMethodLabel({
        payment_method: null,
        last_payment_error: { payment_method: { type: "sepa_debit", sepa_debit: { last4: "3001" } } },
      })
    ).toBe("SEPA Direct Debit •••• 3001")
    expect(paymentMethodLabel({ payment_method: "pm_123" })).toBeNull()
    expect(paymentMethodLabel(undefined)).toBeNull()
  })
})
