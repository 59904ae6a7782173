import { RequestMessage, describeIssue, isMethodName, methods } from '../contract';
import type { MethodName, ResponseMessage } from '../contract';
import { ConnectError } from '../connect/connectError';
import { ContractError, connectErrorToWire } from './contractError';
import type { Handler, Handlers } from './handlers';

export type InternalErrorSink = (method: string, error: unknown) => void;

export interface Dispatcher {
  dispatch(raw: unknown): Promise<ResponseMessage>;
}

/** Validates a raw request against the contract, runs its handler, validates the answer. */
export function createDispatcher(handlers: Handlers, onInternalError: InternalErrorSink): Dispatcher {
  async function run(request: RequestMessage): Promise<unknown> {
    const { method } = request;
    if (!isMethodName(method)) {
      throw new ContractError('unknown_method', `Unknown method "${method}".`, 'method');
    }
    const spec = methods[method];
    const params = spec.params.safeParse(request.params ?? {});
    if (!params.success) {
      const { field, message } = describeIssue(params.error, 'params');
      throw new ContractError('invalid_params', `Invalid parameters for ${method}: ${message}`, field);
    }
    const handler = handlers[method] as Handler<MethodName>;
    const result = await handler(params.data as never);
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      const { field, message } = describeIssue(checked.error, 'result');
      onInternalError(method, new Error(`result failed the contract: ${message}`));
      throw new ContractError('invalid_result', `The engine answered ${method} with data that breaks the contract.`, field);
    }
    return checked.data;
  }

  return {
    async dispatch(raw) {
      const request = RequestMessage.safeParse(raw);
      if (!request.success) {
        const { field, message } = describeIssue(request.error, 'message');
        const id = extractId(raw);
        return { id, ok: false, error: { code: 'bad_message', message: `Malformed request: ${message}`, field } };
      }
      const { id } = request.data;
      try {
        return { id, ok: true, result: await run(request.data) };
      } catch (error) {
        if (error instanceof ContractError) return { id, ok: false, error: error.toWire() };
        if (error instanceof ConnectError) return { id, ok: false, error: connectErrorToWire(error) };
        onInternalError(request.data.method, error);
        return {
          id,
          ok: false,
          error: { code: 'internal', message: `${request.data.method} failed inside the engine. The engine log has the details.` },
        };
      }
    },
  };
}

function extractId(raw: unknown): number | string | null {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  const { id } = raw as { id: unknown };
  return (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) || (typeof id === 'string' && id.length > 0 && id.length <= 64)
    ? id
    : null;
}
