// An insertion-ordered store of Stripe objects; lists read it newest first, as Stripe lists do.

export interface Identified {
  id: string
  created: number
}

export class Collection<T extends Identified> {
  private readonly items = new Map<string, T>()

  /** `limit`: keep only the newest items (for logs such as events), so long demos stay within memory. */
  constructor(private readonly limit = Infinity) {}

  get(id: string): T | undefined {
    return this.items.get(id)
  }

  has(id: string): boolean {
    return this.items.has(id)
  }

  add(item: T): T {
    this.items.set(item.id, item)
    if (this.items.size > this.limit) {
      const oldest = this.items.keys().next().value
      if (oldest !== undefined) this.items.delete(oldest)
    }
    return item
  }

  delete(id: string): boolean {
    return this.items.delete(id)
  }

  get size(): number {
    return this.items.size
  }

  newestFirst(): T[] {
    return Array.from(this.items.values()).reverse()
  }

  clear(): void {
    this.items.clear()
  }
}
