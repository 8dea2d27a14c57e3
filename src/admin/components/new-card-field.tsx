import { Alert, Button, Checkbox, Hint, Label, Skeleton, Text, clx } from "@medusajs/ui"
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react"
import {
  stripeJsFor,
  type BillingDetails,
  type PaymentMethodResult,
  type StripeCardElement,
  type StripeCardElementOptions,
  type StripeJs,
} from "../lib/load-stripe-js"
import type { NewCardSetup } from "../lib/stripe-collect-order"

/** How long the card field may take to appear once Stripe.js has loaded. */
const READY_TIMEOUT_MS = 20_000

export type NewCardHandle = {
  /** Stripe.js makes the PaymentMethod from what was typed; nothing goes to our server. */
  createPaymentMethod(): Promise<PaymentMethodResult>
}

type Props = {
  setup: NewCardSetup
  /** Sent to Stripe with the card (name, email, billing address), so the postal code is not asked again. */
  billingDetails: BillingDetails
  disabled?: boolean
  /** The order has a customer to keep the card for. */
  canSaveCard: boolean
  /** The consent sentence shown under "Save the card" (the server records it). */
  consentText?: string
  saveCard: boolean
  onSaveCardChange: (saveCard: boolean) => void
  /** The card details changed: a PaymentMethod made from the earlier details no longer matches them. */
  onCardEdited: () => void
}

// Stripe's field lives in an iframe: it takes the dashboard's text colors (light or dark) as options.
function fieldStyle(node: HTMLElement): StripeCardElementOptions["style"] {
  const root = getComputedStyle(document.documentElement)
  const own = getComputedStyle(node)
  const token = (name: string, fallback: string) => root.getPropertyValue(name).trim() || fallback
  return {
    base: {
      color: token("--fg-base", own.color),
      fontFamily: own.fontFamily,
      fontSize: own.fontSize,
      "::placeholder": { color: token("--fg-muted", "#71717a") },
    },
    invalid: { color: token("--fg-error", "#e11d48") },
  }
}

/** "New card": Stripe's own card field (Stripe.js Elements), its messages, and the customer's consent to keep the card. */
export const NewCardField = forwardRef<NewCardHandle, Props>(function NewCardField(
  { setup, billingDetails, disabled = false, canSaveCard, consentText, saveCard, onSaveCardChange, onCardEdited },
  ref
) {
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading")
  const [loadProblem, setLoadProblem] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  const [cardError, setCardError] = useState<string | null>(null)
  const [focused, setFocused] = useState(false)
  const containerRef = useRef<HTMLDivElement>(null)
  const mounted = useRef<{ stripe: StripeJs; card: StripeCardElement } | null>(null)
  // Tab from the card choices reaches the field next; it does not take the focus by itself.
  const latest = useRef({ disabled, onCardEdited })
  latest.current = { disabled, onCardEdited }

  useEffect(() => {
    let cancelled = false
    let card: StripeCardElement | null = null
    const fail = (message: string) => {
      if (cancelled) return
      window.clearTimeout(readyTimer)
      setLoadProblem(message)
      setStatus("error")
    }
    const readyTimer = window.setTimeout(() => fail("Stripe did not answer in time."), READY_TIMEOUT_MS)
    setCardError(null)
    stripeJsFor(setup.stripe_js_url, setup.publishable_key, setup.stripe_account)
      .then((stripe) => {
        const node = containerRef.current
        if (cancelled || !node) return
        card = stripe.elements().create("card", { hidePostalCode: true, style: fieldStyle(node), disabled: latest.current.disabled })
        const created = card
        card.on("ready", () => {
          if (cancelled) return
          window.clearTimeout(readyTimer)
          mounted.current = { stripe, card: created }
          setStatus("ready")
        })
        card.on("change", (event) => {
          setCardError(event.error?.message ?? null)
          latest.current.onCardEdited()
        })
        // Esc inside Stripe's iframe never reaches this page: pass it on, so the popup closes as usual.
        card.on("escape", () => node.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })))
        card.on("focus", () => setFocused(true))
        card.on("blur", () => setFocused(false))
        card.mount(node)
      })
      .catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
    return () => {
      cancelled = true
      window.clearTimeout(readyTimer)
      mounted.current = null
      card?.destroy()
    }
  }, [setup.stripe_js_url, setup.publishable_key, setup.stripe_account, attempt])

  useEffect(() => {
    mounted.current?.card.update({ disabled })
  }, [disabled, status])

  useImperativeHandle(
    ref,
    () => ({
      createPaymentMethod: async () => {
        const current = mounted.current
        if (!current) return { error: { type: "not_ready", message: "Stripe's card field is not ready yet." } }
        try {
          return await current.stripe.createPaymentMethod({ type: "card", card: current.card, billing_details: billingDetails })
        } catch (error) {
          return { error: { type: "integration_error", message: error instanceof Error ? error.message : String(error) } }
        }
      },
    }),
    [billingDetails]
  )

  const retry = () => {
    setStatus("loading")
    setLoadProblem(null)
    setAttempt((n) => n + 1)
  }

  return (
    <section className="flex flex-col gap-y-2" aria-labelledby="stripe-collect-new-card-title" data-testid="stripe-collect-new-card">
      <Label id="stripe-collect-new-card-title" size="small" weight="plus">
        Card details
      </Label>
      {status === "error" && (
        <Alert variant="error" data-testid="stripe-collect-new-card-load-error">
          <div className="flex flex-col items-start gap-y-2" role="alert">
            <Text size="small">
              Stripe's card field could not load. {loadProblem} Check the connection (and that nothing blocks Stripe.js), then retry.
            </Text>
            <Button size="small" variant="secondary" type="button" onClick={retry}>
              Retry
            </Button>
          </div>
        </Alert>
      )}
      <div className={clx("relative", status === "error" && "hidden")}>
        {status === "loading" && <Skeleton className="h-8 w-full rounded-md" aria-busy="true" aria-label="Loading Stripe's card field" />}
        <div
          ref={containerRef}
          role="group"
          aria-labelledby="stripe-collect-new-card-title"
          aria-describedby="stripe-collect-new-card-hint"
          data-testid="stripe-collect-new-card-field"
          className={clx(
            "txt-compact-small bg-ui-bg-field shadow-borders-base text-ui-fg-base transition-fg rounded-md px-2 py-2",
            focused && "shadow-borders-interactive-with-active",
            cardError && "!shadow-borders-error",
            disabled && "!bg-ui-bg-disabled",
            status !== "ready" && "pointer-events-none absolute inset-0 opacity-0"
          )}
        />
      </div>
      {status === "error" ? null : cardError ? (
        <Hint variant="error" id="stripe-collect-new-card-hint" role="alert" data-testid="stripe-collect-new-card-error">
          {cardError}
        </Hint>
      ) : (
        <Hint id="stripe-collect-new-card-hint">Typed into Stripe's own field: the number goes to Stripe, never to this store.</Hint>
      )}
      {status === "error" ? null : canSaveCard ? (
        <div className="flex items-start gap-x-2 pt-1">
          <Checkbox
            id="stripe-collect-save-card"
            checked={saveCard}
            onCheckedChange={(checked) => onSaveCardChange(checked === true)}
            disabled={disabled}
            data-testid="stripe-collect-save-card"
          />
          <div className="flex flex-col gap-y-0.5">
            <Label htmlFor="stripe-collect-save-card" size="small">
              Save the card for future charges — the customer agreed
            </Label>
            {consentText && (
              <Text size="xsmall" className="text-ui-fg-subtle" data-testid="stripe-collect-save-card-consent">
                {consentText}
              </Text>
            )}
          </div>
        </div>
      ) : (
        <Text size="xsmall" className="text-ui-fg-subtle">
          A guest order: the card is used for this charge only (there is no customer account to save it on).
        </Text>
      )}
    </section>
  )
})
