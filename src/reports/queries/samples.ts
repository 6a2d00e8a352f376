// The spread of ratings per activity (count, sum and sum of squares of each
// evaluation's mean objective rating and of relevance), for confidence
// intervals of the means, from the activity summaries: each learner's
// ratings are kept there as a 'rating_sample' bucket (the objective ratings'
// sum and number as an exact fraction, the relevance rating), and the
// triggers sum them into the activity's report buckets as they change
// (ceo_report_rating_samples), so a report reads one value per activity.

/** One activity's samples as ceo_report_rating_samples gives them. */
export interface RatingSampleRow {
  activity_id: string;
  n: number;
  objectives_sum: number;
  objectives_squares: number;
  relevance_sum: number;
  relevance_squares: number;
}
