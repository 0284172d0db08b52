import { useMemo, useState } from 'react';
import type { ReviewState, ReviewedRun } from '../../../shared/contract/index';
import type { Step } from '../../../shared/runbook/index';
import { KindBadge } from '../environments/KindBadge';
import { useHost } from '../host-client/HostProvider';
import { NoteList } from '../run-screen/NoteList';
import { PracticeBadge, PracticeBanner } from '../run-screen/PracticeBanner';
import { detailByKey, modelOfDetail, stepAt } from '../run-screen/run-model';
import { ProductionBanner } from '../run-screen/RunHeaderBar';
import { StepList } from '../run-screen/StepList';
import { StepPanel } from '../run-screen/StepPanel';
import { runbookStepFor } from '../run-screen/use-runbook-steps';
import { SignoffDialog } from '../reports/SignoffDialog';
import { AssessmentPanel } from './AssessmentPanel';
import { ReviewComments } from './ReviewComments';
import { rememberReviewer, rememberedReviewer } from './reviewer-name';
import { useReview } from './use-review';
import '../run-screen/run-screen.css';
import './review.css';

/**
 * Review mode: the run as recorded, read-only (a local run or an imported bundle), with the
 * mentor's comments beside each step and an overall assessment. Nothing here changes the run:
 * comments are kept apart from the operator's notes and signed on their own.
 */
export function ReviewScreen({ runId }: { runId: string }) {
  const handle = useReview(runId);
  if (handle.reviewed === undefined || handle.review === undefined)
    return handle.error !== undefined ? (
      <p className="error section-full" role="alert">
        {handle.error}
      </p>
    ) : (
      <p className="muted section-full">Loading the run…</p>
    );
  return (
    <LoadedReview
      reviewed={handle.reviewed}
      review={handle.review}
      runbookSteps={handle.runbookSteps}
      update={handle.update}
    />
  );
}

interface LoadedReviewProps {
  reviewed: ReviewedRun;
  review: ReviewState;
  runbookSteps: Map<string, Step>;
  update(work: Promise<ReviewState>): Promise<void>;
}

function LoadedReview({ reviewed, review, runbookSteps, update }: LoadedReviewProps) {
  const { client } = useHost();
  const model = useMemo(() => modelOfDetail(reviewed.detail), [reviewed.detail]);
  const { run } = model;
  const [selectedKey, setSelectedKey] = useState<string | undefined>(() => stepAt(model, 0)?.key);
  const [reviewer, setReviewer] = useState(rememberedReviewer);
  const [signing, setSigning] = useState(false);
  const step = detailByKey(model, selectedKey);
  const call = client;
  const comment = (stepKey: string | null) => async (text: string) => {
    if (call === undefined) throw new Error('not connected to the host');
    rememberReviewer(reviewer);
    await update(call.call('reviews.addComment', { runId: run.id, stepKey, author: reviewer, text }));
  };
  const commentsOn = (stepKey: string | null) =>
    review.entries.filter((entry) => entry.kind === 'comment' && entry.stepKey === stepKey);

  return (
    <div className="run-screen review-screen" aria-label="Review">
      <ProductionBanner run={run} />
      <PracticeBanner run={run} />
      <header className="run-header">
        <div className="run-title">
          <h1>Review: {run.runbookTitle}</h1>
          <span className="muted">revision {run.revision}</span>
          <span>
            {run.environment.name} <KindBadge kind={run.environment.kind} colour={run.environment.colour} />
          </span>
          {run.mode === 'practice' ? <PracticeBadge /> : <span className="badge">{run.mode}</span>}
          <span className={`run-status run-status-${run.status}`}>{run.status}</span>
          {reviewed.origin === 'imported' && <span className="badge">imported bundle</span>}
          <span>operator {run.operator}</span>
          <a href={`#/compare/${run.id}`}>Compare with a reference run</a>
          {reviewed.origin === 'local' && <a href={`#/runs/${run.id}`}>Open the run</a>}
        </div>
        <label className="review-field reviewer">
          Reviewer
          <input value={reviewer} onChange={(event) => setReviewer(event.target.value)} />
        </label>
      </header>
      <div className="run-body review-body">
        <StepList model={model} selectedKey={selectedKey} onSelect={setSelectedKey} />
        <div className="run-main">
          {step === undefined ? (
            <p className="muted">This run has no steps.</p>
          ) : (
            <>
              <StepPanel
                run={run}
                step={step}
                runbookStep={runbookStepFor(runbookSteps, step.key)}
                notes={model.notes.filter((note) => note.stepKey === step.key)}
                readOnly
                error={undefined}
                onAction={() => undefined}
                onEditCommand={() => undefined}
                onNote={() => undefined}
              />
              <ReviewComments
                key={step.key}
                title="Mentor’s comments on this step"
                entries={commentsOn(step.key)}
                onAdd={comment(step.key)}
                canAdd={reviewer.trim() !== ''}
              />
            </>
          )}
        </div>
        <aside className="review-side" aria-label="Review of the run">
          <AssessmentPanel
            run={run}
            review={review}
            reviewer={reviewer}
            assess={async (verdict, text) => {
              if (call === undefined) throw new Error('not connected to the host');
              rememberReviewer(reviewer);
              await update(call.call('reviews.assess', { runId: run.id, author: reviewer, verdict, text }));
            }}
            onSign={() => setSigning(true)}
          />
          <ReviewComments
            title="Mentor’s comments on the run"
            entries={commentsOn(null)}
            onAdd={comment(null)}
            canAdd={reviewer.trim() !== ''}
          />
          <section aria-label="Operator’s run notes">
            <h3>Operator’s notes on the run</h3>
            <NoteList
              notes={model.notes.filter((note) => note.stepKey === null)}
              empty="No notes on the run."
            />
          </section>
        </aside>
      </div>
      {signing && (
        <SignoffDialog
          request={{
            runId: run.id,
            kind: 'review',
            subject: run.runbookTitle,
            initialName: reviewer,
            rolePlaceholder: 'mentor, trainer, lead…',
          }}
          onClose={() => setSigning(false)}
          onSigned={() => {
            // The signature is stored; a failed refresh only delays showing it until the next load.
            if (call !== undefined)
              update(call.call('reviews.get', { runId: run.id })).catch(() => undefined);
          }}
        />
      )}
    </div>
  );
}
