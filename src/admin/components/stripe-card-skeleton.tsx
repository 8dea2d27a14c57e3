import { Skeleton } from "@medusajs/ui"

/** The card's shape while its data loads, so the side column does not jump. */
export function StripeCardSkeleton() {
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" aria-busy="true" aria-label="Loading Stripe details">
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-7 w-32" />
      <Skeleton className="h-4 w-40" />
      <div className="flex gap-x-2 pt-2">
        <Skeleton className="h-8 w-28" />
        <Skeleton className="h-8 w-36" />
      </div>
      <Skeleton className="h-12 w-full" />
    </div>
  )
}
