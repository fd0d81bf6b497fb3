import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config';

/** Structured JSON logs on stdout. Credentials and tokens never reach them (see `redact`). */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'eks-pod-identity-gateway' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.secretAccessKey'], censor: '[redacted]' },
    },
    destination,
  );
}
