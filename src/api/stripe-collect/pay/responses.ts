import type { MedusaResponse } from "@medusajs/framework/http"
import type { Invoice } from "../../../payment-links/invoice"
import { formatMoney, renderNoticePage } from "./pay-page"

/** Pay pages carry a secret in their URL: never cache them, never leak it in a Referer. */
export function sendPage(res: MedusaResponse, status: number, html: string) {
  res.status(status)
  res.setHeader("Content-Type", "text/html; charset=utf-8")
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Referrer-Policy", "no-referrer")
  res.setHeader("X-Robots-Tag", "noindex, nofollow")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'")
  res.send(html)
}

/** An unknown token: the same plain 404 as any unknown page, saying nothing about links. */
export function sendUnknownLink(res: MedusaResponse) {
  res.status(404)
  res.setHeader("Content-Type", "text/plain; charset=utf-8")
  res.setHeader("Cache-Control", "no-store")
  res.send("Not Found")
}

export type NoticeState = "paid" | "processing" | "order_paid" | "canceled" | "expired" | "closed"

export function stateNotice(state: NoticeState, invoice: Invoice): string {
  switch (state) {
    case "paid":
      return renderNoticePage({ invoice, title: "This link has been paid", text: "Thank you — nothing more is due on this link." })
    case "processing":
      return renderNoticePage({
        invoice,
        title: "A payment is processing",
        text: "A bank payment for this order was received and is being processed; banks take a few business days. Please do not pay again: you will get an email if it does not go through.",
      })
    case "order_paid":
      return renderNoticePage({ invoice, title: "This order is paid", text: "Nothing is outstanding on this order. Thank you!" })
    case "canceled":
      return renderNoticePage({
        invoice,
        title: "This payment link was canceled",
        text: `Please contact ${invoice.store_name} for a new link if you still need to pay.`,
      })
    case "expired":
      return renderNoticePage({
        invoice,
        title: "This payment link has expired",
        text: `Please contact ${invoice.store_name} for a new link if you still need to pay.`,
      })
    case "closed":
      return renderNoticePage({
        invoice,
        title: "This link no longer takes payments",
        text: `The store has settled this amount another way. Outstanding on the order: ${formatMoney(invoice.outstanding, invoice.currency_code)}. Please contact ${invoice.store_name}.`,
      })
  }
}

/** Too many Pay presses (on this link or from this address): nothing was charged; wait, then press again. */
export function tooManyPressesNotice(invoice: Invoice | undefined, retryAfterSeconds: number): string {
  const wait = retryAfterSeconds <= 60 ? "a minute" : `${Math.ceil(retryAfterSeconds / 60)} minutes`
  return renderNoticePage({
    invoice,
    title: "Please wait a moment",
    text: `Pay was pressed many times in a short while, so this page is paused. Nothing was charged. Please wait ${wait}, then open the link again and press Pay.`,
  })
}

/** Too many invoice downloads (of this link or from this address): wait, then download again. */
export function tooManyDownloadsNotice(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds <= 60 ? "a minute" : `${Math.ceil(retryAfterSeconds / 60)} minutes`
  return renderNoticePage({
    title: "Please wait a moment",
    text: `The invoice was downloaded many times in a short while, so downloads are paused. Please wait ${wait}, then download it again.`,
  })
}

/** Stripe failed or did not answer while opening Checkout: nothing was charged, a retry is safe. */
export function stripeUnavailableNotice(invoice: Invoice, action: string): string {
  return renderNoticePage({
    invoice,
    title: "The payment page could not be opened",
    text: "Our payment processor did not answer in time. Nothing was charged. Please try again in a moment.",
    action: { href: action, label: "Try again" },
  })
}
