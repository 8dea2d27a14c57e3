import Stripe from "stripe"
import type { StripeAccountGateway, StripeAccountRef, StripeGateway } from "../../../stripe/gateway"
import { toMedusaError } from "../../../stripe/errors"
import { webhookSignatures } from "../../../stripe/resources/webhook-signatures"
import { paymentIntent, refund, visaCard } from "./stripe-objects"

export const FAKE_WEBHOOK_SECRET = "whsec_provider_unit_tests"

/** One call the provider made through the gateway. */
export type GatewayCall = {
  account: StripeAccountRef
  /** e.g. "paymentIntents.create" */
  method: string
  args: unknown[]
}

export type FakeGateway = {
  gateway: StripeGateway
  calls: GatewayCall[]
  /** The PaymentIntents "at Stripe", by account and id. */
  intents: Map<string, Stripe.PaymentIntent>
  /** Calls on PaymentIntents, refunds, customers, ... (webhook verification is local and not counted). */
  stripeCalls(): string[]
}

// Stripe answers a card it declines with this PaymentMethod id in test mode.
const DECLINED_CARD = "pm_card_chargeDeclined"
const CONFIRMABLE = new Set(["requires_payment_method", "requires_confirmation"])
const CANCELABLE = new Set(["requires_payment_method", "requires_confirmation", "requires_action", "requires_capture", "processing"])

/**
 * A stand-in for Stripe behind the gateway's interface: PaymentIntents that move through Stripe's
 * states (create, confirm, capture, cancel, update), idempotency keys that replay the first answer,
 * Stripe's errors mapped by the real error mapper, and the real webhook signature check. Every call is
 * recorded with the account it was made on.
 */
export function fakeGateway(): FakeGateway {
  const calls: GatewayCall[] = []
  const intents = new Map<string, Stripe.PaymentIntent>()
  const replays = new Map<string, unknown>()
  let sequence = 0

  const onAccount = (account: StripeAccountRef): StripeAccountGateway => {
    const record = (method: string, args: unknown[]) => calls.push({ account, method, args })
    const stored = (id: string): Stripe.PaymentIntent => {
      const intent = intents.get(`${account ?? ""}/${id}`)
      if (!intent) throw stripeError("not found", { code: "resource_missing", message: `No such payment_intent: '${id}'` })
      return intent
    }
    const save = (intent: Stripe.PaymentIntent): Stripe.PaymentIntent => {
      intents.set(`${account ?? ""}/${intent.id}`, intent)
      return { ...intent, payment_method: expandedMethod(intent.payment_method) }
    }
    // The same key gives the first answer again, as at Stripe.
    const once = <T>(key: string, work: () => T): T => {
      const scoped = `${account ?? ""}/${key}`
      if (replays.has(scoped)) return replays.get(scoped) as T
      const answer = work()
      replays.set(scoped, answer)
      return answer
    }
    const confirmNow = (intent: Stripe.PaymentIntent, paymentMethod: string | null): Stripe.PaymentIntent => {
      if (!CONFIRMABLE.has(intent.status)) {
        throw stripeError("invalid", { code: "payment_intent_unexpected_state", message: "already confirmed", payment_intent: intent })
      }
      if (!paymentMethod) throw stripeError("invalid", { message: "You must provide a payment method" })
      if (paymentMethod === DECLINED_CARD) {
        save({
          ...intent,
          payment_method: paymentMethod,
          status: "requires_payment_method",
          last_payment_error: {
            type: "card_error",
            code: "card_declined",
            decline_code: "generic_decline",
            message: "Your card was declined.",
          },
        })
        throw stripeError("card", { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." })
      }
      const manual = intent.capture_method === "manual"
      return save({
        ...intent,
        payment_method: paymentMethod,
        status: manual ? "requires_capture" : "succeeded",
        amount_capturable: manual ? intent.amount : 0,
        amount_received: manual ? 0 : intent.amount,
        latest_charge: `ch_${intent.id.slice(3)}`,
        last_payment_error: null,
      })
    }

    return {
      account,
      paymentIntents: {
        createAndConfirm: async (params, key) => {
          record("paymentIntents.createAndConfirm", [params, key])
          return once(key, () => confirmNow(createIntent(params), params.payment_method ?? null))
        },
        create: async (params, key) => {
          record("paymentIntents.create", [params, key])
          return once(key, () => save(createIntent(params)))
        },
        retrieve: async (id, expand) => {
          record("paymentIntents.retrieve", [id, expand])
          return { ...stored(id), payment_method: expandedMethod(stored(id).payment_method) }
        },
        update: async (id, params, key) => {
          record("paymentIntents.update", [id, params, key])
          return once(key, () => {
            const intent = stored(id)
            return save({ ...intent, amount: params.amount ?? intent.amount, currency: params.currency ?? intent.currency })
          })
        },
        confirm: async (id, params, key) => {
          record("paymentIntents.confirm", [id, params, key])
          return once(key, () => {
            const intent = stored(id)
            return confirmNow(intent, params.payment_method ?? idOf(intent.payment_method))
          })
        },
        capture: async (id, params, key) => {
          record("paymentIntents.capture", [id, params, key])
          return once(key, () => {
            const intent = stored(id)
            if (intent.status !== "requires_capture") {
              throw stripeError("invalid", {
                code: "payment_intent_unexpected_state",
                message: `This PaymentIntent is ${intent.status}`,
                payment_intent: intent,
              })
            }
            const amount = params.amount_to_capture ?? intent.amount_capturable
            const more = params.final_capture === false
            return save({
              ...intent,
              status: more ? "requires_capture" : "succeeded",
              amount_received: intent.amount_received + amount,
              amount_capturable: more ? intent.amount_capturable - amount : 0,
            })
          })
        },
        cancel: async (id, key) => {
          record("paymentIntents.cancel", [id, key])
          return once(key, () => {
            const intent = stored(id)
            if (!CANCELABLE.has(intent.status)) {
              throw stripeError("invalid", {
                code: "payment_intent_unexpected_state",
                message: `This PaymentIntent is ${intent.status}`,
                payment_intent: intent,
              })
            }
            return save({ ...intent, status: "canceled", amount_capturable: 0 })
          })
        },
        searchByMetadata: async (key, value) => {
          record("paymentIntents.searchByMetadata", [key, value])
          return [...intents.values()].filter((intent) => intent.metadata[key] === value)
        },
      },
      checkoutSessions: {
        open: notUsed("checkoutSessions.open"),
        retrieve: notUsed("checkoutSessions.retrieve"),
        expire: notUsed("checkoutSessions.expire"),
      },
      refunds: {
        create: async (params, key) => {
          record("refunds.create", [params, key])
          return once(key, () =>
            refund({ id: `re_${++sequence}`, amount: params.amount ?? 0, payment_intent: params.payment_intent ?? null })
          )
        },
        retrieve: notUsed("refunds.retrieve"),
      },
      disputes: { retrieve: notUsed("disputes.retrieve") },
      events: { list: notUsed("events.list") },
      customers: {
        create: notUsed("customers.create"),
        update: notUsed("customers.update"),
        delete: notUsed("customers.delete"),
        listPaymentMethods: notUsed("customers.listPaymentMethods"),
      },
      paymentMethods: {
        detach: notUsed("paymentMethods.detach"),
        retrieve: notUsed("paymentMethods.retrieve"),
        update: notUsed("paymentMethods.update"),
      },
      setupIntents: { create: notUsed("setupIntents.create") },
      accounts: { retrieveCurrent: notUsed("accounts.retrieveCurrent") },
    }
  }

  function createIntent(params: Stripe.PaymentIntentCreateParams): Stripe.PaymentIntent {
    const id = `pi_fake_${++sequence}`
    return paymentIntent({
      id,
      amount: params.amount,
      currency: params.currency,
      capture_method: params.capture_method === "manual" ? "manual" : "automatic",
      client_secret: `${id}_secret_${sequence}`,
      customer: params.customer ?? null,
      description: params.description ?? null,
      metadata: Object.fromEntries(
        Object.entries(params.metadata ?? {}).flatMap(([key, value]) => (value === null || value === "" ? [] : [[key, String(value)]]))
      ),
      payment_method: params.payment_method ?? null,
      receipt_email: params.receipt_email ?? null,
      setup_future_usage: params.setup_future_usage ?? null,
      status: params.payment_method ? "requires_confirmation" : "requires_payment_method",
    })
  }

  const own = onAccount(undefined)
  const gateway = {
    ...own,
    onAccount,
    oauth: { token: notUsed("oauth.token"), deauthorize: notUsed("oauth.deauthorize") },
    webhooks: webhookSignatures(new Stripe("sk_test_provider_unit_tests"), FAKE_WEBHOOK_SECRET),
    testMode: true,
  } satisfies StripeGateway

  return {
    gateway,
    calls,
    intents,
    stripeCalls: () => calls.map((call) => call.method),
  }
}

function notUsed(method: string): () => never {
  return () => {
    throw new Error(`The fake gateway does not implement ${method}: these tests should not reach it`)
  }
}

function expandedMethod(method: string | Stripe.PaymentMethod | null): Stripe.PaymentMethod | null {
  if (!method) return null
  return typeof method === "string" ? visaCard(method) : method
}

function idOf(value: string | { id: string } | null): string | null {
  if (!value) return null
  return typeof value === "string" ? value : value.id
}

type ErrorKind = "invalid" | "card" | "not found"

/** Stripe's error as the SDK raises it, through the gateway's one mapper (with the SDK's error as cause). */
function stripeError(
  kind: ErrorKind,
  raw: { message: string; code?: string; decline_code?: string; payment_intent?: Stripe.PaymentIntent }
): Error {
  const sdkError =
    kind === "card"
      ? new Stripe.errors.StripeCardError({ ...raw, type: "card_error" })
      : new Stripe.errors.StripeInvalidRequestError({ ...raw, type: "invalid_request_error", statusCode: kind === "not found" ? 404 : 400 })
  return toMedusaError(sdkError, "reach Stripe")
}
