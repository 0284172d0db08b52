import type { RunPlan } from '../../../shared/contract/index';
import { formatDuration } from '../format/time';

const windowLabels = { before: 'before the window', inside: 'inside the window', after: 'after the window' };

/** What the run will do: phases and steps, destructive ones, the window and the schedule. */
export function PlanView({ plan }: { plan: RunPlan }) {
  return (
    <section className="plan" aria-label="Plan">
      <h2>Plan</h2>
      <p className="plan-summary">
        {plan.phases.reduce((count, phase) => count + phase.steps.length, 0)} steps · about{' '}
        {formatDuration(plan.totalSeconds)} in all, {formatDuration(plan.windowSeconds)} inside the
        maintenance window ·{' '}
        <span className={plan.destructiveCount > 0 ? 'error' : ''}>{plan.destructiveCount} destructive</span>
      </p>
      {plan.phases.map((phase, phaseIndex) => (
        <details key={phaseIndex} className="plan-phase" open={plan.phases.length <= 12}>
          <summary>
            {phaseIndex + 1}. {phase.title} <span className="badge">{windowLabels[phase.window]}</span>
            <span className="badge">{formatDuration(phase.estimatedSeconds)}</span>
          </summary>
          <table className="plan-steps">
            <tbody>
              {phase.steps.map((step) => (
                <tr
                  key={step.key}
                  className={step.insideWindow ? 'inside-window' : undefined}
                  data-testid="plan-step"
                >
                  <td className="plan-offset" title="Expected start, from the start of the run">
                    +{formatDuration(step.offsetSeconds)}
                  </td>
                  <td>
                    {step.title}
                    {step.commands.length > 0 && (
                      <code className="plan-command" title={step.commands.join('\n')}>
                        {step.commands[0]}
                        {step.commands.length > 1 ? ` (+${step.commands.length - 1})` : ''}
                      </code>
                    )}
                  </td>
                  <td>
                    <span className="badge">{step.kind}</span>
                    {step.destructive && <span className="badge badge-danger">destructive</span>}
                    {step.optional && <span className="badge">optional</span>}
                    {step.insideWindow && <span className="badge">in window</span>}
                  </td>
                  <td className="muted">{formatDuration(step.estimatedSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
