/**
 * Received values in messages, one way for every module that reports them (the emulator's
 * errors, the trust-policy reader): quoted and shortened, or named by their JSON type. A leaf
 * module: it imports nothing of the project.
 */

/** Quote a received value for an error message, shortened so a huge input cannot flood a message. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const short = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return `'${short}'`;
}

/** The JSON type name of a value, for "must be a string; received number" messages. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
