// Contract (sandbox): the 3-D Secure page behind next_action, for PaymentIntents and SetupIntents.
import { cardIntent, itSandboxOnly, useContractTarget } from "./helpers/contract"
import { getPage, postForm } from "./helpers/http"

const target = useContractTarget()

describe("3-D Secure page", () => {
  itSandboxOnly("completes a PaymentIntent and redirects to return_url like Stripe", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(
      cardIntent({ payment_method: "pm_card_authenticationRequired", confirm: true, return_url: "https://shop.example/return" })
    )
    const url = intent.next_action?.redirect_to_url?.url ?? ""
    expect((await getPage(url)).status).toBe(200)
    const answer = await postForm(url, { action: "approve" })
    expect(answer.status).toBe(303)
    const back = new URL(answer.location ?? "")
    expect(back.searchParams.get("payment_intent")).toBe(intent.id)
    expect(back.searchParams.get("payment_intent_client_secret")).toBe(intent.client_secret)
    expect(back.searchParams.get("redirect_status")).toBe("succeeded")
    const after = await stripe.paymentIntents.retrieve(intent.id, { expand: ["latest_charge"] })
    expect(after.status).toBe("succeeded")
    expect(after.latest_charge).toMatchObject({ payment_method_details: { card: { three_d_secure: { result: "authenticated" } } } })
  })

  itSandboxOnly("fails authentication: the PaymentIntent needs a new payment method", async () => {
    const { stripe } = target()
    const intent = await stripe.paymentIntents.create(cardIntent({ payment_method: "pm_card_threeDSecure2Required", confirm: true }))
    expect(intent.status).toBe("requires_action")
    const url =
      intent.next_action?.use_stripe_sdk && "stripe_js" in intent.next_action.use_stripe_sdk
        ? String(intent.next_action.use_stripe_sdk.stripe_js)
        : ""
    const answer = await postForm(url, { action: "fail" })
    expect(answer.status).toBe(200)
    const after = await stripe.paymentIntents.retrieve(intent.id)
    expect(after.status).toBe("requires_payment_method")
    expect(after.last_payment_error?.code).toBe("payment_intent_authentication_failure")
  })

  itSandboxOnly("after setting up 4000 0025 0000 3155 with authentication, charges it off-session without asking again", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "sca-setup@example.com" })
    const setup = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: "pm_card_authenticationRequiredOnSetup",
      allowed_payment_method_types: ["card"],
      confirm: true,
      return_url: "https://shop.example/setup-done",
    })
    expect(setup.status).toBe("requires_action")
    const answer = await postForm(setup.next_action?.redirect_to_url?.url ?? "", { action: "approve" })
    expect(new URL(answer.location ?? "").searchParams.get("setup_intent")).toBe(setup.id)
    const done = await stripe.setupIntents.retrieve(setup.id)
    expect(done.status).toBe("succeeded")
    const paid = await stripe.paymentIntents.create(
      cardIntent({ customer: customer.id, payment_method: String(done.payment_method), off_session: true, confirm: true })
    )
    expect(paid.status).toBe("succeeded")
    const onSession = await stripe.paymentIntents.create(
      cardIntent({ customer: customer.id, payment_method: String(done.payment_method), confirm: true })
    )
    expect(onSession.status).toBe("requires_action")
  })
})
