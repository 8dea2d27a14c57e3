import { pruneHandledStripeEvents, type StripeEventRows } from "../prune-stripe-events"

type Row = { id: string; status: string; received_at: Date }

/** The two service methods the pruning uses, over rows in memory, filtered as the ORM would. */
function fakeService(rows: Row[]) {
  const deleted: string[][] = []
  return {
    deleted,
    rows,
    service: {
      listStripeEvents: async (filter, config) =>
        rows.filter((r) => filter.status.some((s) => s === r.status) && r.received_at < filter.received_at.$lt).slice(0, config.take),
      deleteStripeEvents: async (ids) => {
        deleted.push(ids)
        for (const id of ids)
          rows.splice(
            rows.findIndex((r) => r.id === id),
            1
          )
      },
    } satisfies StripeEventRows,
  }
}

describe("pruneHandledStripeEvents", () => {
  const now = new Date("2026-12-02T03:43:00.000Z")
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000)

  it("forgets events handled more than 30 days ago and keeps unfinished ones, however old", async () => {
    const { service, rows } = fakeService([
      { id: "old_processed", status: "processed", received_at: daysAgo(31) },
      { id: "old_ignored", status: "ignored", received_at: daysAgo(90) },
      { id: "old_failed", status: "failed", received_at: daysAgo(60) },
      { id: "old_received", status: "received", received_at: daysAgo(45) },
      { id: "recent_processed", status: "processed", received_at: daysAgo(29) },
    ])
    expect(await pruneHandledStripeEvents(service, now)).toBe(2)
    expect(rows.map((r) => r.id).sort()).toEqual(["old_failed", "old_received", "recent_processed"])
  })

  it("deletes a backlog in batches", async () => {
    const backlog = Array.from({ length: 2_500 }, (_, i) => ({ id: `e${i}`, status: "processed", received_at: daysAgo(40) }))
    const { service, deleted, rows } = fakeService(backlog)
    expect(await pruneHandledStripeEvents(service, now)).toBe(2_500)
    expect(deleted.map((ids) => ids.length)).toEqual([1_000, 1_000, 500])
    expect(rows).toEqual([])
  })
})
