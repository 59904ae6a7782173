import type { MethodName, Params, Result } from '../contract';

export type Handler<M extends MethodName> = (params: Params<M>) => Promise<Result<M>>;

/** Every contract method must have exactly one handler. */
export type Handlers = { [M in MethodName]: Handler<M> };
