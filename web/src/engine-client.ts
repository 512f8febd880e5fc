import type { Method, Request, Response, Snapshot } from './protocol';

/** The page's side of the worker: promise-based requests, one engine for every provider. */
export class EngineClient {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(url: string) {
    this.worker = new Worker(url);
    this.worker.onmessage = (ev: MessageEvent<Response>) => {
      const p = this.pending.get(ev.data.id);
      if (!p) return;
      this.pending.delete(ev.data.id);
      if (ev.data.error !== undefined) p.reject(new Error(ev.data.error));
      else p.resolve(ev.data.result);
    };
  }

  request<T>(method: Method, params: unknown): Promise<T> {
    const id = this.next++;
    const msg: Request = { id, method, params };
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage(msg);
    });
  }

  open(files: Record<string, string>): Promise<Snapshot> {
    return this.request('open', { files });
  }

  update(path: string, text: string): Promise<Snapshot> {
    return this.request('update', { path, text });
  }
}
