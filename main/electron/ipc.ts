// Every IPC handler goes through one wrapper (checklist #17):
// trusted sender, validated request, validated response, errors as values.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { ipcContract, type IpcMethod, type IpcRequest, type IpcResponse, type IpcResult } from '../../shared/ipc/contract';
import type { Logger } from '../host/log';
import { isAppUrl } from './appOrigin';

export type IpcHandler<M extends IpcMethod> = (request: IpcRequest<M>) => Promise<IpcResponse<M>>;
export type IpcHandlers = { [M in IpcMethod]: IpcHandler<M> };

/** The parts of an invoke event the sender check reads. */
export type IpcSenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Only our own page's top frame may call main: not an iframe, not a page that navigated away. */
export function isTrustedSender(event: IpcSenderEvent): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame) return false;
    const isTopFrame = frame === event.sender.mainFrame || frame.parent === null;
    return isTopFrame && isAppUrl(frame.url);
  } catch {
    // A destroyed frame or webContents throws on access: treat it as untrusted.
    return false;
  }
}

function senderUrl(event: IpcSenderEvent): string | undefined {
  try {
    return event.senderFrame?.url;
  } catch {
    return undefined;
  }
}

/** Runs one call through every check; exported so tests need no ipcMain. */
export async function handleIpcCall<M extends IpcMethod>(
  method: M,
  handler: IpcHandler<M>,
  event: IpcSenderEvent,
  args: readonly unknown[],
  log: Logger,
): Promise<IpcResult<IpcResponse<M>>> {
  if (!isTrustedSender(event)) {
    log.warn('ipc.forbidden', { method, url: senderUrl(event) });
    return { ok: false, error: 'error.forbidden' };
  }
  const schemas: { request: z.ZodType; response: z.ZodType } = ipcContract[method];
  const request = args.length <= 1 ? schemas.request.safeParse(args[0]) : undefined;
  if (!request?.success) {
    // Issue paths and codes only: the payload itself may hold what people typed.
    const issues = request?.error.issues.map(({ path, code }) => ({ path: path.join('.'), code })) ?? 'too many arguments';
    log.warn('ipc.badRequest', { method, issues });
    return { ok: false, error: 'error.badRequest' };
  }
  let value: unknown;
  try {
    value = await handler(request.data as IpcRequest<M>);
  } catch (error) {
    log.error('ipc.failed', { method, error });
    return { ok: false, error: 'error.internal' };
  }
  const response = schemas.response.safeParse(value);
  if (!response.success) {
    log.error('ipc.badResponse', { method, issues: response.error.issues.map(({ path, code }) => ({ path: path.join('.'), code })) });
    return { ok: false, error: 'error.internal' };
  }
  return { ok: true, value: response.data as IpcResponse<M> };
}

/** Registers one `ipcMain.handle` per contract method, each behind `handleIpcCall`. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, handlers: IpcHandlers, log: Logger): void {
  const register = <M extends IpcMethod>(method: M): void => {
    const handler: IpcHandler<M> = handlers[method];
    ipcMain.handle(ipcContract[method].channel, (event, ...args: unknown[]) => handleIpcCall(method, handler, event, args, log));
  };
  for (const method of Object.keys(ipcContract) as IpcMethod[]) register(method);
}
