/**
 * OpenTelemetry tracing, off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, and off with `OTEL_SDK_DISABLED=true`. Then spans
 * go by OTLP over HTTP (JSON) to that collector, configured by the standard variables, which the
 * SDK reads itself: `OTEL_EXPORTER_OTLP_HEADERS` and `_TIMEOUT` (and their `_TRACES_` forms),
 * `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_TRACES_SAMPLER` and `_ARG` (default:
 * parent-based, always on), `OTEL_BSP_*` (the batch processor). Incoming and outgoing context is
 * W3C `traceparent`/`tracestate` (and `baggage`).
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { enableTracing } from './spans';

/**
 * The standard variables the OpenTelemetry SDK reads for traces (besides the two that turn it
 * on): what a deployment may set, and all a test of the manifests allows under OTEL_.
 */
export const OTEL_VARIABLES = [
  'OTEL_SDK_DISABLED',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OTEL_EXPORTER_OTLP_TIMEOUT',
  'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
  'OTEL_BSP_SCHEDULE_DELAY',
  'OTEL_BSP_MAX_QUEUE_SIZE',
  'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
  'OTEL_BSP_EXPORT_TIMEOUT',
] as const;

export interface Tracing {
  /** Sends the spans still buffered and stops: called at shutdown, after the last request. */
  shutdown(): Promise<void>;
}

/** The variables that turn tracing on, as the OTLP exporters read them. */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (/^true$/i.test(env.OTEL_SDK_DISABLED?.trim() ?? '')) return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/** Starts tracing when the environment asks for it; null (and nothing started) otherwise. */
export function startTracing(env: NodeJS.ProcessEnv = process.env): Tracing | null {
  if (!tracingRequested(env)) return null;
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': 'eks-pod-identity-gateway' }))
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the defaults.
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // The global provider, W3C trace context and baggage propagation, and AsyncLocalStorage context.
  provider.register();
  enableTracing();
  return { shutdown: () => provider.shutdown() };
}
