// sdk.client.fetch keeps only an error's message; a charge needs the whole answer (decline code,
// the payment-link offer, retryable), so these requests read the body themselves.

export type AdminErrorBody = {
  message?: string
  type?: string
  code?: string
  decline_code?: string | null
  offer?: string
  retryable?: boolean
  stripe_request_id?: string | null
}

/** A non-2xx answer (status > 0) or no answer at all (status 0) from the Medusa server. */
export class AdminRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: AdminErrorBody
  ) {
    super(body.message || `The server answered ${status}.`)
    this.name = "AdminRequestError"
  }
}

// The same backend the shared js-sdk instance talks to (see ./sdk.ts).
function adminUrl(path: string): string {
  const base = new URL(import.meta.env.VITE_BACKEND_URL || "/", window.location.origin)
  return `${base.origin}${base.pathname.replace(/\/$/, "")}/${path.replace(/^\//, "")}`
}

/** POSTs JSON with the dashboard's session cookie; throws AdminRequestError with the parsed body. */
export async function postAdmin<T>(path: string, body: object, headers: Record<string, string> = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(adminUrl(path), {
      method: "POST",
      credentials: "include",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
    })
  } catch {
    throw new AdminRequestError(0, {
      message: "The server could not be reached. Check your connection and try again.",
      retryable: true,
    })
  }
  const parsed: unknown = await response.json().catch(() => ({}))
  if (!response.ok) {
    throw new AdminRequestError(response.status, typeof parsed === "object" && parsed ? (parsed as AdminErrorBody) : {})
  }
  return parsed as T
}
