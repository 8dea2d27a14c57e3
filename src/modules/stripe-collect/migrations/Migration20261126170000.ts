import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Stripe's idempotency key on charge activity, so a charge whose answer was lost can be matched later (adds a column only).
export class Migration20261126170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_activity" add column if not exists "attempt_key" text null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_activity" drop column if exists "attempt_key";`)
  }
}
