DROP INDEX "enrollments_unsummarized";--> statement-breakpoint
ALTER TABLE "enrollments" DROP COLUMN "summarized";