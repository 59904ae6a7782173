import type { MethodName, Params, Result } from '../contract';

export type Handler<M extends MethodName> = (params: Params<M>) => Promise<Result<M>>;

/** Every contract method must have exactly one handler. */
export type Handlers = { [M in MethodName]: Handler<M> };

/** The same handlers, each followed by `after` with its params once it succeeded. */
export function afterEach<H extends Partial<Handlers>>(handlers: H, after: (params: unknown) => void): H {
  const wrapped: Record<string, (params: never) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(handlers) as Array<[string, (params: never) => Promise<unknown>]>) {
    wrapped[method] = async (params) => {
      const result = await handler(params);
      after(params);
      return result;
    };
  }
  return wrapped as unknown as H;
}
