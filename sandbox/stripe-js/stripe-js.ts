// Stripe.js for the sandbox: what https://js.stripe.com/v3/ is for Stripe, so a card form built on
// Stripe Elements works offline. The subset and its API shape are described in assets/stripe-v3.js.
//
//   GET /v3/                             the library (application/javascript), sets window.Stripe
//   GET /v3/elements-inner-card.html     the card Element's iframe: the inputs live only here, on the
//                                        sandbox's origin, and post to POST /v1/payment_methods with
//                                        the publishable key (and Stripe-Account when given)
import { readFileSync } from "fs"
import { join } from "path"
import type { ServerResponse } from "http"
import { sendHtml } from "../http/respond"
import type { PageRequest, SandboxServices } from "../services"

export const STRIPE_JS_PATH = "/v3/"
export const CARD_FRAME_PATH = "/v3/elements-inner-card.html"

const asset = (name: string) => readFileSync(join(__dirname, "assets", name), "utf8")

let cached: { library: string; frame: string } | undefined

function assets() {
  cached ??= { library: asset("stripe-v3.js"), frame: cardFrameHtml(asset("card-frame.js")) }
  return cached
}

// One row like Stripe's card Element: number, expiry, CVC and (unless hidden) postal code.
function cardFrameHtml(script: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Secure card payment input frame</title>
<style>
html,body{margin:0;padding:0;background:transparent;overflow:hidden}
body{font:16px/1.2 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#32325d}
.row{display:flex;gap:8px;align-items:center}
input{font:inherit;color:inherit;background:transparent;border:0;outline:0;padding:0;margin:0;min-width:0;line-height:1.2em;height:1.2em}
input::placeholder{color:#aab7c4}input.invalid{color:#fa755a}input:disabled{opacity:.6}
input[name=cardnumber]{flex:1 1 auto}input[name=exp-date]{flex:0 0 5.2em}input[name=cvc]{flex:0 0 3.4em}input[name=postal]{flex:0 0 5em}
</style><style id="element-style"></style></head>
<body><div class="row" role="group" aria-label="Credit or debit card">
<input name="cardnumber" autocomplete="cc-number" autocorrect="off" spellcheck="false" type="text" inputmode="numeric" aria-label="Credit or debit card number" placeholder="Card number">
<input name="exp-date" autocomplete="cc-exp" autocorrect="off" spellcheck="false" type="text" inputmode="numeric" aria-label="Credit or debit card expiration date" placeholder="MM / YY">
<input name="cvc" autocomplete="cc-csc" autocorrect="off" spellcheck="false" type="text" inputmode="numeric" aria-label="Credit or debit card CVC/CVV" placeholder="CVC">
<input name="postal" autocomplete="postal-code" autocorrect="off" spellcheck="false" type="text" aria-label="ZIP" placeholder="ZIP">
</div><script>${script}</script></body></html>`
}

function sendScript(res: ServerResponse, script: string, head: boolean): void {
  res.writeHead(200, {
    "Content-Type": "application/javascript; charset=utf-8",
    "Content-Length": Buffer.byteLength(script),
    "Cache-Control": "no-cache",
    // Like js.stripe.com: any site may load it.
    "Access-Control-Allow-Origin": "*",
  })
  res.end(head ? undefined : script)
}

/** Serves Stripe.js and its card frame; returns false for other paths. */
export function handleStripeJs(_services: SandboxServices, request: PageRequest): boolean {
  const { method, pathname, res } = request
  if (method !== "GET" && method !== "HEAD") return false
  if (pathname === "/v3" || pathname === STRIPE_JS_PATH) {
    sendScript(res, assets().library, method === "HEAD")
    return true
  }
  if (pathname === CARD_FRAME_PATH) {
    sendHtml(res, 200, assets().frame)
    return true
  }
  return false
}
