/** Problems of the whole network that no node or edge can show, e.g. "This network has no loss". */
import { graphLevelIssues } from './flow-model';
import { useProjectAnalysis } from './use-flow-elements';

export function GraphBanner() {
  const { analysis } = useProjectAnalysis();
  const issues = graphLevelIssues(analysis);
  if (issues.length === 0) return null;
  return (
    <div className="graph-banner" role="status" data-testid="graph-issues">
      {issues.map((issue) => (
        <div key={issue.message} className="graph-banner__item">
          <span className="graph-banner__icon" aria-hidden>
            i
          </span>
          <span>
            <strong>{issue.message}</strong>
            {issue.help && <span className="graph-banner__help"> — {issue.help}</span>}
          </span>
        </div>
      ))}
    </div>
  );
}
