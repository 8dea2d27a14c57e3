// The sandbox's inbox: the emails Medusa sent through the (fake) Resend API.
import type { SandboxEmail } from "../../sandbox/types"

export async function listEmails(sandboxUrl: string): Promise<SandboxEmail[]> {
  const response = await fetch(`${sandboxUrl}/_sandbox/emails`)
  if (!response.ok) throw new Error(`The sandbox answered ${response.status} for its emails`)
  const body: unknown = await response.json()
  const list = Array.isArray(body) ? body : (body as { data?: unknown }).data
  if (!Array.isArray(list)) throw new Error(`Unexpected emails answer: ${JSON.stringify(body).slice(0, 200)}`)
  return list as SandboxEmail[]
}

/** Waits for the first email that matches: sending happens in a workflow, a moment after the click. */
export async function waitForEmail(
  sandboxUrl: string,
  matches: (email: SandboxEmail) => boolean,
  timeoutMs = 30_000
): Promise<SandboxEmail> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const found = (await listEmails(sandboxUrl)).find(matches)
    if (found) return found
    if (Date.now() > until) throw new Error(`No matching email reached the sandbox inbox within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}
