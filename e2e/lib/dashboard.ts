// The Medusa dashboard as an admin sees it: the login, an order page and the plugin's Stripe card on it.
import type { Locator, Page } from "playwright-core"
import type { E2EContext } from "./context"

/** The first view of a fresh server makes Vite bundle the dashboard; later views are quick. */
const FIRST_VIEW_TIMEOUT_MS = 150_000

export async function logIn(page: Page, context: E2EContext): Promise<void> {
  // On a fresh install Vite may reload the page once when it finds more dependencies to bundle: one retry.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(`${context.urls.dashboard}/login`, { timeout: FIRST_VIEW_TIMEOUT_MS })
      const email = page.locator('input[name="email"]')
      await email.waitFor({ timeout: FIRST_VIEW_TIMEOUT_MS })
      await email.fill(context.admin.email)
      await page.locator('input[name="password"]').fill(context.admin.password)
      await page.getByRole("button", { name: "Continue with Email" }).click()
      await page.waitForURL(/\/app\/orders/, { timeout: 60_000 })
      return
    } catch (error) {
      if (attempt >= 2) throw error
    }
  }
}

export function stripeCard(page: Page) {
  const root = page.getByTestId("stripe-collect-order-card")
  return {
    root,
    status: root.getByTestId("stripe-collect-payment-status"),
    outstanding: root.getByTestId("stripe-collect-outstanding"),
    paid: root.getByTestId("stripe-collect-paid"),
    chargeButton: root.getByTestId("stripe-collect-charge-button"),
    linkButton: root.getByTestId("stripe-collect-link-button"),
    activity: root.getByTestId("stripe-collect-activity"),
    links: root.getByTestId("stripe-collect-links"),
  }
}

export async function openOrder(page: Page, context: E2EContext, orderId: string) {
  await page.goto(`${context.urls.dashboard}/orders/${orderId}`)
  const card = stripeCard(page)
  await card.outstanding.waitFor({ timeout: 60_000 })
  return card
}

/**
 * The promise: the admin sees the Stripe card — amount and both buttons — on opening the order,
 * without scrolling (at the browser's 1280×800).
 */
export async function expectVisibleWithoutScrolling(page: Page, card: ReturnType<typeof stripeCard>) {
  const { height } = page.viewportSize()!
  const scrolled = await page.evaluate(() => window.scrollY + (document.scrollingElement?.scrollTop ?? 0))
  if (scrolled !== 0) throw new Error(`The page was scrolled by ${scrolled}px`)
  for (const [name, part] of [
    ["outstanding amount", card.outstanding],
    ["Charge card", card.chargeButton],
    ["Send payment link", card.linkButton],
  ] as const) {
    const box = await part.boundingBox()
    if (!box || box.y < 0 || box.y + box.height > height) {
      throw new Error(`The Stripe card's ${name} is not in the first view (${JSON.stringify(box)}, viewport height ${height})`)
    }
  }
}

/** Medusa's own Payments section of the order page (not the plugin's card): its payments and totals. */
export function medusaPaymentSection(page: Page): Locator {
  return page
    .locator("div.shadow-elevation-card-rest")
    .filter({ has: page.getByRole("heading", { name: "Payments", exact: true }) })
    .first()
}

/** Reloads the order page until `check` passes: webhooks settle a payment a moment after the customer pays. */
export async function waitForOrder(
  page: Page,
  check: () => Promise<boolean>,
  { timeoutMs = 60_000, intervalMs = 2_000 } = {}
): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (await check().catch(() => false)) return
    if (Date.now() > until) throw new Error(`The order page did not show the expected state within ${timeoutMs / 1000} s`)
    await page.waitForTimeout(intervalMs)
    await page.reload()
    await stripeCard(page)
      .outstanding.waitFor({ timeout: 30_000 })
      .catch(() => undefined)
  }
}

/** Waits for a popup to close after its submit, failing with the popup's own error message when it shows one. */
export async function waitForPopupToClose(popup: Locator, errorTestId: string, timeoutMs = 60_000): Promise<void> {
  const error = popup.getByTestId(errorTestId)
  const outcome = await Promise.race([
    popup.waitFor({ state: "hidden", timeout: timeoutMs }).then(
      () => "closed" as const,
      () => "timeout" as const
    ),
    error.waitFor({ timeout: timeoutMs }).then(
      () => "error" as const,
      () => "timeout" as const
    ),
  ])
  if (outcome === "timeout") throw new Error(`The popup neither closed nor showed an error within ${timeoutMs / 1000} s`)
  if (outcome === "error") throw new Error(`The popup stayed open with: "${(await error.innerText()).trim()}"`)
}

/** Waits for the popup's success message, failing with its error message when the server refused instead. */
export async function waitForPopupSuccess(popup: Locator, successTestId: string, errorTestId: string, timeoutMs = 60_000): Promise<void> {
  const error = popup.getByTestId(errorTestId)
  const outcome = await Promise.race([
    popup
      .getByTestId(successTestId)
      .waitFor({ timeout: timeoutMs })
      .then(
        () => "success" as const,
        () => "timeout" as const
      ),
    error.waitFor({ timeout: timeoutMs }).then(
      () => "error" as const,
      () => "timeout" as const
    ),
  ])
  if (outcome === "timeout") throw new Error(`The popup showed neither ${successTestId} nor an error within ${timeoutMs / 1000} s`)
  if (outcome === "error") throw new Error(`The popup showed: "${(await error.innerText()).trim()}"`)
}
