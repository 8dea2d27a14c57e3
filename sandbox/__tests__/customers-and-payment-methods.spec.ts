// Contract: customers and PaymentMethods — create/update/list/delete, attach/detach, test ids and tokens.
import { failure, useContractTarget } from "./helpers/contract"

const target = useContractTarget()

describe("Customers", () => {
  it("creates, retrieves, updates, lists by email and deletes a customer", async () => {
    const { stripe } = target()
    const email = `jenny.${Date.now()}@example.com`
    const created = await stripe.customers.create({ email, name: "Jenny Rosen", metadata: { medusa_customer_id: "cus_01" } })
    expect(created).toMatchObject({
      object: "customer",
      email,
      name: "Jenny Rosen",
      livemode: false,
      metadata: { medusa_customer_id: "cus_01" },
    })
    expect(created.id).toMatch(/^cus_/)
    const updated = await stripe.customers.update(created.id, { phone: "+15555550100", metadata: { medusa_customer_id: "" } })
    expect(updated.phone).toBe("+15555550100")
    expect(updated.metadata).toEqual({})
    const listed = await stripe.customers.list({ email })
    expect(listed.data.map((c) => c.id)).toEqual([created.id])
    const deleted = await stripe.customers.del(created.id)
    expect(deleted).toMatchObject({ id: created.id, deleted: true })
    const afterDelete = await stripe.customers.retrieve(created.id)
    expect(afterDelete.deleted).toBe(true)
  })

  it("rejects an invalid email", async () => {
    const error = await failure(() => target().stripe.customers.create({ email: "not-an-email" }))
    expect(error.statusCode).toBe(400)
    expect(error.param).toBe("email")
  })
})

describe("PaymentMethods", () => {
  it("attaches test cards to a customer, lists, retrieves and detaches them", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "cards@example.com" })
    const visa = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id })
    const mastercard = await stripe.paymentMethods.attach("pm_card_mastercard", { customer: customer.id })
    expect(visa).toMatchObject({ object: "payment_method", type: "card", customer: customer.id, card: { brand: "visa", last4: "4242" } })
    expect(visa.id).toMatch(/^pm_/)
    expect(visa.id).not.toBe("pm_card_visa")
    expect(visa.card?.exp_year).toBeGreaterThanOrEqual(new Date().getUTCFullYear())

    const list = await stripe.paymentMethods.list({ customer: customer.id, type: "card" })
    expect(list.data.map((pm) => pm.id).sort()).toEqual([visa.id, mastercard.id].sort())
    const viaCustomer = await stripe.customers.listPaymentMethods(customer.id)
    expect(viaCustomer.data).toHaveLength(2)
    const retrieved = await stripe.paymentMethods.retrieve(mastercard.id)
    expect(retrieved.card?.brand).toBe("mastercard")

    const detached = await stripe.paymentMethods.detach(visa.id)
    expect(detached.customer).toBeNull()
    const after = await stripe.paymentMethods.list({ customer: customer.id })
    expect(after.data.map((pm) => pm.id)).toEqual([mastercard.id])
    const again = await failure(() => stripe.paymentMethods.detach(visa.id))
    expect(again.statusCode).toBe(400)
  })

  it("creates a card PaymentMethod from a test token and sets it as the customer's default", async () => {
    const { stripe } = target()
    const pm = await stripe.paymentMethods.create({ type: "card", card: { token: "tok_amex" }, billing_details: { name: "Jenny Rosen" } })
    expect(pm.card).toMatchObject({ brand: "amex", last4: "0005" })
    expect(pm.billing_details.name).toBe("Jenny Rosen")
    const customer = await stripe.customers.create({ email: "default@example.com" })
    await stripe.paymentMethods.attach(pm.id, { customer: customer.id })
    const updated = await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } })
    expect(updated.invoice_settings.default_payment_method).toBe(pm.id)
    const expanded = await stripe.customers.retrieve(customer.id, { expand: ["invoice_settings.default_payment_method"] })
    expect(expanded.deleted).toBeUndefined()
  })

  it("refuses to attach a card that declines, and one attached to another customer", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "declined@example.com" })
    const declined = await failure(() => stripe.paymentMethods.attach("pm_card_chargeDeclined", { customer: customer.id }))
    expect(declined.type).toBe("StripeCardError")
    expect(declined.code).toBe("card_declined")
    const ok = await stripe.paymentMethods.attach("pm_card_chargeCustomerFail", { customer: customer.id })
    expect(ok.customer).toBe(customer.id)
    const other = await stripe.customers.create({ email: "other@example.com" })
    const taken = await failure(() => stripe.paymentMethods.attach(ok.id, { customer: other.id }))
    expect(taken.statusCode).toBe(400)
  })

  it("answers 404 for unknown PaymentMethods and customers", async () => {
    const { stripe } = target()
    const pm = await failure(() => stripe.paymentMethods.retrieve("pm_1DoesNotExist000000000000"))
    expect(pm.statusCode).toBe(404)
    expect(pm.code).toBe("resource_missing")
    const customer = await failure(() => stripe.paymentMethods.attach("pm_card_visa", { customer: "cus_DoesNotExist" }))
    expect(customer.statusCode).toBe(404)
  })
})
