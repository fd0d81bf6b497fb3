import { useLazyQuery } from '@apollo/client/react';
import { PortalDiagnosisDocument } from '../operations';
import { ProblemNotice } from './ProblemNotice';

interface Props {
  id: string;
  gatewayUrl: string;
}

/**
 * Whether the association can deliver credentials, check by check (`diagnosis`), on demand:
 * a diagnosis costs the gateway EKS and IAM calls, so it is asked for only when "Diagnose" is
 * pressed, and each press asks again (the role's trust may have been fixed since).
 */
export function DiagnosisSection({ id, gatewayUrl }: Props) {
  const [diagnose, result] = useLazyQuery(PortalDiagnosisDocument, {
    fetchPolicy: 'network-only',
    errorPolicy: 'all',
  });
  const run = () => void diagnose({ variables: { id } }).catch(() => undefined);
  const node = result.data?.node;
  const diagnosis = node?.__typename === 'PodIdentityAssociation' ? node.diagnosis : null;

  return (
    <section aria-labelledby="diagnosis-heading">
      <h4 id="diagnosis-heading">Diagnosis</h4>
      <button type="button" onClick={run} disabled={result.loading}>
        Diagnose
      </button>
      {result.loading ? (
        <p className="meta" role="status">
          Diagnosing…
        </p>
      ) : null}
      {result.error ? <ProblemNotice error={result.error} gatewayUrl={gatewayUrl} onRetry={run} /> : null}
      {diagnosis && !result.loading ? (
        <>
          <p role="status" className={diagnosis.ready ? 'notice' : 'warning'}>
            {diagnosis.ready
              ? 'Ready: no check fails.'
              : 'Not ready: pods will not get these credentials until the failing checks are fixed.'}
          </p>
          <ul aria-label="Diagnosis checks" className="checks">
            {diagnosis.checks.map((check) => (
              <li key={check.code} className={`check check-${check.status.toLowerCase()}`}>
                <strong className="status">{check.status}</strong> <code>{check.code}</code>
                <span className="message">{check.message}</span>
                {check.remedy ? (
                  <div className="remedy">
                    <span className="remedy-label">Remedy: </span>
                    <pre>{check.remedy}</pre>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
