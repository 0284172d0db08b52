import type { Handlers } from '../../../shared/rpc/server';
import type { ReviewService } from '../review/review-service';

/** Mentor review of any run (local or imported) and comparison with a reference run (issue 9). */
export function reviewHandlers(reviews: ReviewService): Handlers {
  return {
    'reviews.run': ({ runId }) => reviews.run(runId),
    'reviews.get': ({ runId }) => {
      reviews.run(runId);
      return reviews.review(runId);
    },
    'reviews.addComment': (params) => reviews.addComment(params),
    'reviews.assess': (params) => reviews.assess(params),
    'reviews.references': ({ runId }) => reviews.references(runId),
    'reviews.compare': ({ runId, referenceRunId }) => reviews.compare(runId, referenceRunId),
  };
}
