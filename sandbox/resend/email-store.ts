// Emails received on the Resend API, kept in arrival order, with their idempotency keys.
import type { SandboxEmail } from "../types"

interface IdempotentSend {
  fingerprint: string
  inProgress: boolean
  ids: string[]
  createdAt: number
}

export class EmailStore {
  private emails: SandboxEmail[] = []
  readonly idempotency = new Map<string, IdempotentSend>()

  add(email: SandboxEmail): void {
    this.emails.push(email)
  }

  addAndId(email: SandboxEmail): string {
    this.add(email)
    return email.id
  }

  get(id: string): SandboxEmail | undefined {
    return this.emails.find((e) => e.id === id)
  }

  all(): SandboxEmail[] {
    return this.emails.map((e) => ({ ...e }))
  }

  clear(): void {
    this.emails = []
    this.idempotency.clear()
  }
}
