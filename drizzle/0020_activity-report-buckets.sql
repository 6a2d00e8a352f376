CREATE TABLE "activity_report_buckets" (
	"activity_id" text PRIMARY KEY NOT NULL,
	"buckets" json NOT NULL,
	"samples" json
);
--> statement-breakpoint
ALTER TABLE "activity_report_buckets" ADD CONSTRAINT "activity_report_buckets_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;