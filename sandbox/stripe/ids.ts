// Stripe-looking ids: the right prefix, then random base62, so tests can tell objects apart by prefix.
import { randomBytes } from "crypto"

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// Random bytes are drawn in blocks: one syscall per few hundred ids instead of one per id.
let pool = randomBytes(8192)
let offset = 0

function nextByte(): number {
  if (offset >= pool.length) {
    pool = randomBytes(8192)
    offset = 0
  }
  return pool[offset++]
}

export function randomToken(length: number): string {
  let out = ""
  for (let i = 0; i < length; i++) out += ALPHABET[nextByte() % ALPHABET.length]
  return out
}

/** Prefixes as Stripe uses them; the digit after the underscore is part of Stripe's real ids too. */
export const newId = {
  paymentIntent: () => `pi_3${randomToken(23)}`,
  charge: () => `ch_3${randomToken(23)}`,
  customer: () => `cus_${randomToken(14)}`,
  paymentMethod: () => `pm_1${randomToken(23)}`,
  refund: () => `re_3${randomToken(23)}`,
  dispute: () => `du_1${randomToken(23)}`,
  setupIntent: () => `seti_1${randomToken(23)}`,
  setupAttempt: () => `setatt_1${randomToken(23)}`,
  mandate: () => `mandate_1${randomToken(23)}`,
  checkoutSession: () => `cs_test_a1${randomToken(56)}`,
  lineItem: () => `li_1${randomToken(23)}`,
  product: () => `prod_${randomToken(14)}`,
  price: () => `price_1${randomToken(23)}`,
  event: () => `evt_3${randomToken(23)}`,
  webhookEndpoint: () => `we_1${randomToken(23)}`,
  webhookSecret: () => `whsec_${randomToken(32)}`,
  balanceTransaction: () => `txn_3${randomToken(23)}`,
  account: () => `acct_1${randomToken(15)}`,
  request: () => `req_${randomToken(14)}`,
  authorizationCode: () => `ac_${randomToken(32)}`,
  accessToken: () => `sk_test_oauth${randomToken(40)}`,
  refreshToken: () => `rt_${randomToken(40)}`,
  publishableKey: () => `pk_test_oauth${randomToken(40)}`,
  fingerprint: () => randomToken(16),
  clientSecret: (id: string) => `${id}_secret_${randomToken(25)}`,
  receiptNumber: () => `${1000 + Math.floor(Math.random() * 9000)}-${1000 + Math.floor(Math.random() * 9000)}`,
}

/** Seconds since the epoch, the unit of every Stripe timestamp. */
export const nowSeconds = () => Math.floor(Date.now() / 1000)
