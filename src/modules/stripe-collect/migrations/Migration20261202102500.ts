import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Settings → Stripe: the store's postal address, printed on invoice and receipt PDFs.
export class Migration20261202102500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_connection" add column if not exists "store_address" text null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_connection" drop column if exists "store_address";`)
  }
}
