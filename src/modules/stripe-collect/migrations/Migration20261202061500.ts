import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Reconciliation's cursor over Stripe's refund and dispute events.
export class Migration20261202061500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_connection" add column if not exists "money_out_event_cursor" text null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_connection" drop column if exists "money_out_event_cursor";`)
  }
}
