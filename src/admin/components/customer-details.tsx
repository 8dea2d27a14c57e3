import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import type { BillingAddress, OrderCustomer } from "../lib/stripe-collect-order"

type Props = { customer: OrderCustomer }

function addressLines(address: BillingAddress | null): string[] {
  if (!address) return []
  const cityLine = [address.postal_code, address.city].filter(Boolean).join(" ")
  return [address.address_1, address.address_2, cityLine, address.province, address.country_code?.toUpperCase()].filter(
    (line): line is string => Boolean(line)
  )
}

const Row = ({ term, children }: { term: string; children: ReactNode }) => (
  <>
    <dt className="text-ui-fg-subtle">{term}</dt>
    <dd className="text-ui-fg-base break-words">{children}</dd>
  </>
)

/** Who is being charged, read-only, so the admin can check it against what the customer said. */
export function CustomerDetails({ customer }: Props) {
  const lines = addressLines(customer.billing_address)
  return (
    <section className="flex flex-col gap-y-2" aria-labelledby="stripe-collect-customer-title" data-testid="stripe-collect-customer">
      <Text size="small" weight="plus" id="stripe-collect-customer-title">
        Customer
      </Text>
      <dl className="txt-small grid grid-cols-2 gap-x-4 gap-y-2">
        <Row term="Name">{customer.name ?? "—"}</Row>
        <Row term="Email">{customer.email ?? "—"}</Row>
        <Row term="Phone">{customer.phone ?? "—"}</Row>
        <Row term="Billing address">
          {lines.length
            ? lines.map((line, index) => (
                <span key={index} className="block">
                  {line}
                </span>
              ))
            : "—"}
        </Row>
      </dl>
    </section>
  )
}
