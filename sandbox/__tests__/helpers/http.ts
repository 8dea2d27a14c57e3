// Plain HTTP for the hosted pages (no browser): GET a page, POST a form, never follow redirects.

export interface PageResponse {
  status: number
  location: string | null
  body: string
}

export async function getPage(url: string): Promise<PageResponse> {
  const response = await fetch(url, { redirect: "manual" })
  return { status: response.status, location: response.headers.get("location"), body: await response.text() }
}

export async function postForm(url: string, fields: Record<string, string>): Promise<PageResponse> {
  const response = await fetch(url, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" })
  return { status: response.status, location: response.headers.get("location"), body: await response.text() }
}

/** The card form fields of the sandbox's hosted Checkout page. */
export const card = (number: string, extra: Record<string, string> = {}) => ({
  card_number: number,
  card_expiry: "12 / 34",
  card_cvc: "123",
  billing_name: "Jenny Rosen",
  ...extra,
})
