import { ArrowUpRightMini } from "@medusajs/icons"

type Props = { href: string }

/** Opens the object in the Stripe dashboard, in a new tab. */
export function StripeDashboardLink({ href }: Props) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="txt-compact-xsmall-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover inline-flex w-fit items-center gap-x-0.5 rounded outline-none focus-visible:shadow-borders-focus"
    >
      View in Stripe
      <ArrowUpRightMini aria-hidden="true" />
      <span className="sr-only">(opens in a new tab)</span>
    </a>
  )
}
