import { ARG_VALIDATORS, INVOKE_CHANNELS, type InvokeArgs, type InvokeChannel, type InvokeResult } from '../contract';

export type Handlers = { [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>> };

/** The part of an IPC event main looks at: which frame sent it. */
export interface IpcEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
}

export class IpcRefusedError extends Error {}

/**
 * Registers every contract channel, and only those, behind two checks: the sender must be the
 * app's own top-level page, and the arguments must pass the contract's validator. A refused call
 * never reaches a handler.
 */
export function registerIpc(ipcMain: IpcMainLike, handlers: Handlers, isTrusted: (url: string | undefined) => boolean): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, ...args) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent || !isTrusted(frame.url)) {
        throw new IpcRefusedError(`${channel}: refused a call from an untrusted sender`);
      }
      if (!ARG_VALIDATORS[channel](args)) {
        throw new IpcRefusedError(`${channel}: refused invalid arguments`);
      }
      return (handlers[channel] as (...a: unknown[]) => Promise<unknown>)(...args);
    });
  }
}
