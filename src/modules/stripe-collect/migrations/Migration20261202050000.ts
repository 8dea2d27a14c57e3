import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Which payment methods a payment link's Checkout offers: cards only (default) or the Stripe account's own (adds columns only).
export class Migration20261202050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "stripe_collect_connection" add column if not exists "link_payment_methods" text check ("link_payment_methods" in ('cards', 'all')) not null default 'cards', add column if not exists "payment_method_configuration" text null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "stripe_collect_connection" drop column if exists "link_payment_methods", drop column if exists "payment_method_configuration";`
    )
  }
}
