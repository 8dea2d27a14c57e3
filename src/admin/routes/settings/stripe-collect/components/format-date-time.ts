/** A date and time in the admin's locale, or a dash when there is none. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) {
    return "—"
  }
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value))
}
