// Currency facts Stripe enforces: decimal places, minimum and maximum charge amounts.

const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
])
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"])

/** Minimum charge amounts in minor units (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts). */
const MINIMUM: Record<string, number> = {
  usd: 50,
  aed: 200,
  aud: 50,
  bgn: 100,
  brl: 50,
  cad: 50,
  chf: 50,
  czk: 1500,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  huf: 17500,
  inr: 50,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
}

/** The currencies the sandbox accepts (Stripe's presentment currencies for cards, most common ones). */
export const SUPPORTED_CURRENCIES = new Set([
  ...Object.keys(MINIMUM),
  ...ZERO_DECIMAL,
  ...THREE_DECIMAL,
  "all",
  "amd",
  "ang",
  "aoa",
  "ars",
  "awg",
  "azn",
  "bam",
  "bbd",
  "bdt",
  "bmd",
  "bnd",
  "bob",
  "bsd",
  "bwp",
  "byn",
  "bzd",
  "cdf",
  "cny",
  "cop",
  "crc",
  "cve",
  "dop",
  "dzd",
  "egp",
  "etb",
  "fjd",
  "fkp",
  "gel",
  "gip",
  "gmd",
  "gtq",
  "gyd",
  "hnl",
  "htg",
  "idr",
  "ils",
  "isk",
  "jmd",
  "kes",
  "kgs",
  "khr",
  "kyd",
  "kzt",
  "lak",
  "lbp",
  "lkr",
  "lrd",
  "lsl",
  "mad",
  "mdl",
  "mkd",
  "mmk",
  "mnt",
  "mop",
  "mur",
  "mvr",
  "mwk",
  "mzn",
  "nad",
  "ngn",
  "nio",
  "npr",
  "pab",
  "pen",
  "pgk",
  "php",
  "pkr",
  "qar",
  "rsd",
  "rub",
  "sar",
  "sbd",
  "scr",
  "shp",
  "sle",
  "sos",
  "srd",
  "std",
  "szl",
  "tjs",
  "top",
  "try",
  "ttd",
  "twd",
  "tzs",
  "uah",
  "uyu",
  "uzs",
  "wst",
  "xcd",
  "yer",
  "zar",
  "zmw",
])

/** Eight digits of minor units, Stripe's ceiling for a single charge. */
export const MAXIMUM_AMOUNT = 99_999_999

export function currencyDecimals(currency: string): number {
  const c = currency.toLowerCase()
  if (ZERO_DECIMAL.has(c)) return 0
  if (THREE_DECIMAL.has(c)) return 3
  return 2
}

export function minimumAmount(currency: string): number {
  return MINIMUM[currency.toLowerCase()] ?? 50
}

const SYMBOLS: Record<string, string> = {
  usd: "$",
  eur: "€",
  gbp: "£",
  jpy: "¥",
  cad: "$",
  aud: "$",
  nzd: "$",
  sgd: "$",
  hkd: "$",
  mxn: "$",
  inr: "₹",
  chf: "CHF ",
  sek: "kr ",
  nok: "kr ",
  dkk: "kr ",
}

/** "$1,234.56" style amount for messages and pages (major units with the currency's decimals). */
export function formatAmount(amount: number, currency: string): string {
  const decimals = currencyDecimals(currency)
  const negative = amount < 0
  const digits = String(Math.abs(amount)).padStart(decimals + 1, "0")
  const whole = decimals ? digits.slice(0, -decimals) : digits
  const fraction = decimals ? `.${digits.slice(-decimals)}` : ""
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  return `${negative ? "-" : ""}${SYMBOLS[currency.toLowerCase()] ?? ""}${grouped}${fraction}`
}
