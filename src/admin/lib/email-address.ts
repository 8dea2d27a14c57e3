// A light check that catches typos; the server validates the address for real.
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

export function emailProblem(email: string): string | null {
  if (!email.trim()) return "Enter the customer's email address."
  return EMAIL_ADDRESS.test(email.trim()) ? null : "Enter a valid email address, like name@example.com."
}
