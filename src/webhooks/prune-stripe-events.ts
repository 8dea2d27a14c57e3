/** Handled events are kept this long: past Stripe's 3 days of redeliveries, and a month to look back on. */
export const HANDLED_EVENT_RETENTION_DAYS = 30

const BATCH = 1_000
// One run deletes at most this many batches; a backlog is worked off over the following runs.
const MAX_BATCHES_PER_RUN = 50

/** The two generated methods of the module service the pruning needs. */
export type StripeEventRows = {
  listStripeEvents(
    filter: { status: Array<"processed" | "ignored">; received_at: { $lt: Date } },
    config: { select: ["id"]; take: number }
  ): Promise<Array<{ id: string }>>
  deleteStripeEvents(ids: string[]): Promise<void>
}

/**
 * Deletes rows of events handled (processed or ignored) more than 30 days before `now`; rows still
 * received or failed stay, as evidence of handling that did not finish. Answers how many were deleted.
 */
export async function pruneHandledStripeEvents(service: StripeEventRows, now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - HANDLED_EVENT_RETENTION_DAYS * 86_400_000)
  let deleted = 0
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const rows = await service.listStripeEvents(
      { status: ["processed", "ignored"], received_at: { $lt: before } },
      { select: ["id"], take: BATCH }
    )
    if (!rows.length) break
    await service.deleteStripeEvents(rows.map((row) => row.id))
    deleted += rows.length
    if (rows.length < BATCH) break
  }
  return deleted
}
