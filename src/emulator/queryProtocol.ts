/**
 * The AWS query protocol, as STS and IAM speak it on this endpoint: `POST /` with a
 * form-urlencoded body `Action=<operation>&Version=<api version>&...` (the query string may carry
 * parameters too), answered in XML: `<OperationResponse xmlns=...><OperationResult>...` or
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
 */
import { quote } from './errors';

/** An XML element's children, in order: text, nested elements, or a list (`<member>` elements). */
export interface XmlElement {
  [name: string]: string | XmlElement | XmlElement[];
}

/** A query-protocol error: its code (the SDK's error name, or the modeled exception's), HTTP status and message. */
export class QueryError extends Error {
  override readonly name: string = 'QueryError';

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** Sender for the caller's mistakes, Receiver for the service's. */
  get type(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** The parameters of a query-protocol request: the query string, then the form body. */
export function queryParameters(
  contentType: string | undefined,
  body: Buffer,
  query: URLSearchParams,
): URLSearchParams {
  const parameters = new URLSearchParams(query);
  if (isForm(contentType))
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) parameters.append(name, value);
  return parameters;
}

/**
 * The operation a request names, of those `isOperation` knows at `version`. Throws what
 * `error(code, message)` makes: MissingAction without an Action, InvalidAction for another
 * action or version, as STS and IAM answer.
 */
export function queryOperationOf<T extends string>(
  parameters: URLSearchParams,
  contentType: string | undefined,
  version: string,
  isOperation: (action: string) => action is T,
  error: (code: 'MissingAction' | 'InvalidAction', message: string) => QueryError,
): T {
  const action = parameters.get('Action');
  if (action === null || action === '') {
    const form = isForm(contentType)
      ? ''
      : ` (send the parameters form-urlencoded, with content-type application/x-www-form-urlencoded; received ${contentType === undefined ? 'none' : quote(contentType)})`;
    throw error('MissingAction', `Missing Action${form}`);
  }
  const given = parameters.get('Version') ?? '';
  if (!isOperation(action) || given !== version) {
    throw error(
      'InvalidAction',
      `Could not find operation ${action} for version ${given === '' ? 'NO_VERSION_SPECIFIED' : given}`,
    );
  }
  return action;
}

/** The message of a ValidationError listing the model's constraints a request violates, worded as AWS does. */
export function validationMessage(violations: readonly string[]): string {
  return `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`;
}

export function nullValue(member: string): string {
  return `Value null at '${member}' failed to satisfy constraint: Member must not be null`;
}

export function constraint(value: string, member: string, rule: string): string {
  return `Value '${value.length > 120 ? `${value.slice(0, 117)}...` : value}' at '${member}' failed to satisfy constraint: ${rule}`;
}

function isForm(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

export function successXml(namespace: string, operation: string, result: XmlElement, requestId: string): string {
  return `<${operation}Response xmlns="${namespace}">${render({ [`${operation}Result`]: result, ResponseMetadata: { RequestId: requestId } })}</${operation}Response>\n`;
}

export function errorXml(namespace: string, error: QueryError, requestId: string): string {
  return `<ErrorResponse xmlns="${namespace}">${render({
    Error: { Type: error.type, Code: error.code, Message: error.message },
    RequestId: requestId,
  })}</ErrorResponse>\n`;
}

/** The answer with every member of the result replaced by text, as a broken proxy might send it. */
export function malformedResult(result: XmlElement): XmlElement {
  return Object.fromEntries(Object.keys(result).map((name) => [name, 'malformed']));
}

function render(element: XmlElement): string {
  return Object.entries(element)
    .map(([name, content]) => `<${name}>${renderContent(content)}</${name}>`)
    .join('');
}

function renderContent(content: string | XmlElement | XmlElement[]): string {
  if (typeof content === 'string') return escapeXml(content);
  if (Array.isArray(content)) return content.map((member) => `<member>${render(member)}</member>`).join('');
  return render(content);
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}
