import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Settings → Stripe: the payment-notifications address and the customer receipt switch.
export class Migration20261202094000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_connection" add column if not exists "payment_notification_email" text null;`)
    this.addSql(`alter table if exists "stripe_collect_connection" add column if not exists "customer_receipts" boolean not null default true;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_connection" drop column if exists "payment_notification_email";`)
    this.addSql(`alter table if exists "stripe_collect_connection" drop column if exists "customer_receipts";`)
  }
}
