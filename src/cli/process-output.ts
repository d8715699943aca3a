/**
 * The process's stdout or stderr as a run's output (bin/papers.cjs makes them). A pipe, a socket (what
 * node's and libuv's spawn make for a 'pipe': an editor, a test runner, a node script running papers), a
 * regular file or /dev/null (a script's `papers done x >/dev/null`) is written with writeSync: node's
 * process.stdout over a pipe or socket is a net.Socket, over a file or device a SyncWriteStream, and
 * loading net and stream for them costs ~6-7 ms of CPU a run (`node -e 0` is ~65 ms). A write that would
 * block (a descriptor another process left non-blocking) hands the rest to node's stream. A terminal or
 * any other device (/dev/full, a serial line) gets node's own stream, as before.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import type { OutputStream } from './context.js';

/** An output whose failure the process reports (see bin/papers.cjs), as a node stream's. */
export interface ProcessOutput extends OutputStream {
  /** The first error a write met (then later writes are dropped), as a node stream's `errored`. */
  readonly errored: NodeJS.ErrnoException | null;
  /** What is still queued to be written (0 unless node's stream took over). */
  readonly writableLength: number;
}

/**
 * fd 1 or 2 of the process. `onError` is called once, on the next tick, with the first error a write
 * meets: as a node stream's 'error' event (and attached as one when node's stream is used).
 */
export function processOutput(fd: 1 | 2, onError: (error: NodeJS.ErrnoException) => void): ProcessOutput {
  const nodeStream = () => {
    const stream = fd === 1 ? process.stdout : process.stderr;
    stream.on('error', onError);
    return stream;
  };
  let written: boolean;
  try {
    const stat = fstatSync(fd);
    written =
      stat.isFIFO() || stat.isSocket() || stat.isFile() || (stat.isCharacterDevice() && stat.rdev === devNull());
  } catch {
    written = false;
  }
  return written ? new DescriptorOutput(fd, nodeStream, onError) : nodeStream();
}

/**
 * Whether a failed write means the reader went away (`papers list | head`): not an error, nothing to say.
 * On a socket (what node's spawn gives for 'pipe') a reader that closes with output still unread can
 * make the next write fail with ECONNRESET rather than EPIPE (found by review: a 1.5 MB `list` read by a
 * node program that stopped reading exited 1, "connection reset by peer").
 */
export function readerGone(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EPIPE' || error.code === 'ECONNRESET';
}

/** The device number of /dev/null (-1 where there is none): output written there is thrown away. */
function devNull(): number {
  try {
    return statSync('/dev/null').rdev;
  } catch {
    return -1;
  }
}

/** Writes to a pipe, socket, file or /dev/null with writeSync. */
class DescriptorOutput implements ProcessOutput {
  readonly isTTY = false;
  errored: NodeJS.ErrnoException | null = null;
  /** Node's stream for the rest, once a write would have blocked (a pipe another process left non-blocking). */
  private rest: NodeJS.WriteStream | null = null;

  constructor(
    private readonly fd: number,
    private readonly nodeStream: () => NodeJS.WriteStream,
    private readonly onError: (error: NodeJS.ErrnoException) => void,
  ) {}

  get writableLength(): number {
    return this.rest?.writableLength ?? 0;
  }

  write(text: string): boolean {
    if (this.rest) return this.rest.write(text);
    if (this.errored) return true;
    let pending: string | Buffer = text;
    try {
      // (A write to a pipe or file takes it all, unless a signal or a full disk cuts it short.)
      const done = writeSync(this.fd, text);
      if (done === Buffer.byteLength(text)) return true;
      pending = Buffer.from(text).subarray(done);
      while (pending.length > 0) pending = pending.subarray(writeSync(this.fd, pending));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        this.rest = this.nodeStream();
        return this.rest.write(pending);
      }
      this.errored = error as NodeJS.ErrnoException;
      process.nextTick(this.onError, error);
      return true;
    }
  }

  once(event: 'drain', listener: () => void): void {
    if (this.rest) this.rest.once(event, listener);
    else process.nextTick(listener);
  }
}
