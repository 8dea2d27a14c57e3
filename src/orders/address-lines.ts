type AddressLike = {
  company?: string | null
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
}

const clean = (value: string | null | undefined) => (value ?? "").replace(/\s+/g, " ").trim()

/** A postal address as printed lines (invoice and receipt PDFs); null when it has nothing to print. */
export function addressLines(address: AddressLike | null | undefined): string[] | null {
  if (!address) return null
  const town = [clean(address.postal_code), clean(address.city)].filter(Boolean).join(" ")
  const lines = [
    clean(address.company),
    clean(address.address_1),
    clean(address.address_2),
    town,
    clean(address.province),
    clean(address.country_code).toUpperCase(),
  ].filter(Boolean)
  return lines.length ? lines : null
}
