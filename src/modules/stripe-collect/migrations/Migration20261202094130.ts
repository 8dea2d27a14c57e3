import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Payment terms and due dates on links and invoices; the store's time zone and reminder schedule; what reminders a
// link got (the day of the last one, the schedule step last sent).
export class Migration20261202094130 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_payment_link" add column if not exists "terms" text null;`)
    this.addSql(`alter table if exists "stripe_collect_payment_link" add column if not exists "due_date" text null;`)
    this.addSql(`alter table if exists "stripe_collect_payment_link" add column if not exists "last_reminder_on" text null;`)
    this.addSql(`alter table if exists "stripe_collect_payment_link" add column if not exists "reminder_step" integer null;`)
    this.addSql(`alter table if exists "stripe_collect_invoice" add column if not exists "terms" text null;`)
    this.addSql(`alter table if exists "stripe_collect_invoice" add column if not exists "due_date" text null;`)
    this.addSql(`alter table if exists "stripe_collect_connection" add column if not exists "time_zone" text null;`)
    this.addSql(`alter table if exists "stripe_collect_connection" add column if not exists "reminder_schedule" jsonb null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_payment_link" drop column if exists "terms";`)
    this.addSql(`alter table if exists "stripe_collect_payment_link" drop column if exists "due_date";`)
    this.addSql(`alter table if exists "stripe_collect_payment_link" drop column if exists "last_reminder_on";`)
    this.addSql(`alter table if exists "stripe_collect_payment_link" drop column if exists "reminder_step";`)
    this.addSql(`alter table if exists "stripe_collect_invoice" drop column if exists "terms";`)
    this.addSql(`alter table if exists "stripe_collect_invoice" drop column if exists "due_date";`)
    this.addSql(`alter table if exists "stripe_collect_connection" drop column if exists "time_zone";`)
    this.addSql(`alter table if exists "stripe_collect_connection" drop column if exists "reminder_schedule";`)
  }
}
