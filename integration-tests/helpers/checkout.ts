/** Presses "Pay" on a pay page as a browser would and returns where it redirects (Stripe Checkout). */
export async function pressPay(payPageUrl: string): Promise<string> {
  const response = await fetch(payPageUrl, { method: "POST", redirect: "manual" })
  if (response.status !== 303) {
    throw new Error(`Pay answered ${response.status}: ${(await response.text()).slice(0, 500)}`)
  }
  return response.headers.get("location")!
}

/**
 * Fills the sandbox's hosted Checkout form with a card number, as a customer would, and follows
 * the redirect back to the shop's return page unless told not to.
 */
export async function payOnSandboxCheckout(
  checkoutUrl: string,
  cardNumber: string,
  { followReturn = true, save = false }: { followReturn?: boolean; save?: boolean } = {}
): Promise<{ status: number; html: string; url: string }> {
  const page = await fetch(checkoutUrl)
  const form = await page.text()
  const action = /<form method="post" action="([^"]+)"[^>]*data-testid="checkout-form"/.exec(form)?.[1]
  if (!action) throw new Error(`No checkout form at ${checkoutUrl}: ${form.slice(0, 300)}`)
  const target = new URL(action, checkoutUrl).toString()
  const body = new URLSearchParams({
    email: "customer@example.test",
    card_number: cardNumber,
    card_expiry: "12 / 34",
    card_cvc: "123",
    billing_name: "Bea Buyer",
    // Checkout's own "save my card" box, when the session offers it.
    ...(save ? { save_payment_method: "1" } : {}),
  })
  const submitted = await fetch(target, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  })
  if (submitted.status !== 303 && submitted.status !== 302) {
    return { status: submitted.status, html: await submitted.text(), url: target }
  }
  const location = new URL(submitted.headers.get("location")!, target).toString()
  if (!followReturn) return { status: submitted.status, html: "", url: location }
  const back = await fetch(location)
  return { status: back.status, html: await back.text(), url: location }
}

/** Polls until the check passes (webhooks arrive asynchronously), or fails after the timeout. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000, intervalMs = 500) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`Condition not met within ${timeoutMs} ms`)
}
