import { METHODS, validArgs, type Implementations, type Method, type Reply } from '../contract';
import { problemText } from '../core/errors';

/** The part of an IPC event main looks at: which frame sent it. */
export interface IpcEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
}

export class IpcRefusedError extends Error {}

/**
 * Registers every contract method, and only those, each on the channel of its name, behind two
 * checks: the sender must be the app's own top-level page, and the arguments must pass the
 * contract's validators. A refused call never reaches its implementation. What the
 * implementation returns goes back as a Reply; what it throws goes back as the one sentence
 * problemText words it in, so the renderer always has a message to show.
 */
export function registerIpc(ipcMain: IpcMainLike, implementations: Implementations, isTrusted: (url: string | undefined) => boolean): void {
  for (const method of METHODS) {
    const implementation = implementations[method] as (...args: unknown[]) => unknown;
    ipcMain.handle(method, (event, ...args) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent || !isTrusted(frame.url)) {
        throw new IpcRefusedError(`${method}: refused a call from an untrusted sender`);
      }
      if (!validArgs(method as Method, args)) {
        throw new IpcRefusedError(`${method}: refused invalid arguments`);
      }
      return reply(() => implementation(...args));
    });
  }
}

async function reply(run: () => unknown): Promise<Reply<unknown>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, message: problemText(error) };
  }
}
