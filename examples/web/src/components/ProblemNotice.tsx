import { problemsOf } from '../errors';

interface Props {
  error: unknown;
  gatewayUrl: string;
  /** Runs the failed request again; the button shows only when a problem is retryable. */
  onRetry?: () => void;
}

/** The problems of a failed request, with their codes, and a Retry button when retrying may help. */
export function ProblemNotice({ error, gatewayUrl, onRetry }: Props) {
  const problems = problemsOf(error, gatewayUrl);
  const retryable = problems.some((p) => p.retryable);
  return (
    <div role="alert" className="problem">
      <ul>
        {problems.map((p) => (
          <li key={p.code}>
            <strong>{p.title}</strong> <code>{p.code}</code>
            {p.retryable ? ' (retryable' + (p.retryAfterSeconds === null ? ')' : `, in ${p.retryAfterSeconds} s)`) : ''}
            {p.detail !== null && p.detail !== p.title ? <span className="detail">{p.detail}</span> : null}
          </li>
        ))}
      </ul>
      {retryable && onRetry ? (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
