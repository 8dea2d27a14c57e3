// One key per charge attempt, so a double click or a retry after a timeout charges once.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return `sc-admin-${crypto.randomUUID()}`
  // randomUUID exists only on HTTPS or localhost; getRandomValues works everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return `sc-admin-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`
}
