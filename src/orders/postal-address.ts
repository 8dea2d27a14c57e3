type AddressLike = {
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
}

/** A billing address as the popup shows it and Stripe's customer takes it: the postal fields only. */
export function postalAddress(address: AddressLike | null | undefined) {
  if (!address) return null
  return {
    address_1: address.address_1 ?? null,
    address_2: address.address_2 ?? null,
    city: address.city ?? null,
    province: address.province ?? null,
    postal_code: address.postal_code ?? null,
    country_code: address.country_code ?? null,
  }
}
