import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads'
import {
  decodeHead,
  NO_FOLLOW,
  openFailure,
  READ_FAILURE,
  readDiscovered,
  type ReadOutcome,
} from './read-file.js'

/**
 * Reads the first bytes of many files with the help of a second thread.
 *
 * In a large repository most candidates have generic names (`*.json`,
 * `*.yaml`) and need a look at their head before any format claims them.
 * Opening tens of thousands of files is mostly system-call time, which a
 * second core can spend while the main thread parses the manifests whose
 * names settle their format. The thread reads from the front of the list;
 * when the main thread is free, it reads from the back itself, and each file
 * is claimed by exactly one of them.
 *
 * The thread only opens, reads and closes, exactly as `readDiscovered` does
 * for a head (no links followed, one read); it never decodes or interprets
 * what it reads. If it cannot start, fails or stalls, the main thread reads
 * whatever it did not deliver, so the heads are the same either way.
 */

/** Fewer heads than this are read on the main thread: a thread would not pay. */
export const MIN_PREFETCHED_HEADS = 2048

/** A batch closes at this many bytes or this many files, whichever first. */
const BATCH_BYTES = 1024 * 1024
const BATCH_FILES = 512
/**
 * Bytes posted and not yet taken before the thread waits: bounds memory
 * while letting the thread run far ahead of a main thread that is parsing.
 */
const BYTES_AHEAD = 16 * 1024 * 1024
/**
 * With no batch for this long, the thread is given up on and the main thread
 * reads the rest itself. A thread that fails says so at once; this is for one
 * that dies without a word (killed, out of memory), which the main thread
 * cannot otherwise see while it waits.
 */
const STALL_MS = 2000

/** Slots of the shared control array. */
const POSTED = 0
const AHEAD = 1
const STATE = 2
/** Values of STATE: the thread ended (done or failed), or was stopped. */
const RUNNING = 0
const ENDED = 1
const STOPPED = 2

/** Values of a file's claim. */
const BY_THREAD = 1
const BY_MAIN = 2

/** Negative lengths: why a file gave no head. */
const LINK = -1
const UNOPENED = -2
const UNREAD = -3

interface WorkerInput {
  readonly root: string
  /** The paths joined by NUL, which no path holds: one string clones fast. */
  readonly paths: string
  readonly headBytes: number
  readonly flags: number
  readonly control: SharedArrayBuffer
  /** One byte a path: who claimed it (0 for nobody yet). */
  readonly claims: SharedArrayBuffer
  readonly port: MessagePort
}

interface BatchMessage {
  readonly first: number
  readonly lengths: Int32Array
  readonly bytes: ArrayBuffer
}

export interface ReadAheadOptions {
  /** Fewer paths than this are left to the main thread (MIN_PREFETCHED_HEADS). */
  readonly minimum?: number
  /** How the main thread reads a head; readDiscovered unless a test says. */
  readonly readHead?: (path: string) => ReadOutcome
}

export interface HeadReader {
  /**
   * Calls `each` once for every path, with its index and head, in no
   * particular order; returns how many heads the thread read.
   */
  drain(each: (index: number, head: ReadOutcome) => void): number
}

/**
 * Starts a thread reading the heads of `paths` (relative to `root`). Returns
 * undefined when a thread is not worth it or cannot start: read them on the
 * main thread then.
 */
export function readHeadsAhead(
  root: string,
  paths: readonly string[],
  headBytes: number,
  options: ReadAheadOptions = {},
): HeadReader | undefined {
  const minimum = options.minimum ?? MIN_PREFETCHED_HEADS
  if (paths.length === 0 || paths.length < minimum) return undefined
  // The thread loads `fs` through getBuiltinModule, which a bundler leaves
  // alone; Node versions without it read on the main thread.
  if (typeof process.getBuiltinModule !== 'function') return undefined
  const control = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT)
  const claims = new SharedArrayBuffer(paths.length)
  const { port1, port2 } = new MessageChannel()
  const input: WorkerInput = {
    root,
    paths: paths.join('\0'),
    headBytes,
    flags: NO_FOLLOW,
    control,
    claims,
    port: port2,
  }
  const constants = {
    BATCH_BYTES,
    BATCH_FILES,
    BYTES_AHEAD,
    POSTED,
    AHEAD,
    STATE,
    RUNNING,
    ENDED,
    BY_THREAD,
    LINK,
    UNOPENED,
    UNREAD,
  }
  let worker: Worker
  try {
    worker = new Worker(
      `(${readHeads.toString()})(${JSON.stringify(constants)})`,
      { eval: true, workerData: input, transferList: [port2] },
    )
  } catch {
    port1.close()
    return undefined
  }
  worker.unref()
  return new AheadReader(
    worker,
    port1,
    control,
    claims,
    paths,
    headBytes,
    options.readHead ?? ((path) => readDiscovered(root, path, 0, headBytes)),
  )
}

class AheadReader implements HeadReader {
  private readonly state: Int32Array
  private readonly claims: Int8Array
  private readonly done: Uint8Array
  private drained = false

  constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    control: SharedArrayBuffer,
    claims: SharedArrayBuffer,
    private readonly paths: readonly string[],
    private readonly headBytes: number,
    private readonly readHead: (path: string) => ReadOutcome,
  ) {
    this.state = new Int32Array(control)
    this.claims = new Int8Array(claims)
    this.done = new Uint8Array(paths.length)
  }

  drain(each: (index: number, head: ReadOutcome) => void): number {
    if (this.drained) throw new Error('the heads were already drained')
    this.drained = true
    let fromThread = 0
    const deliver = (index: number, head: ReadOutcome): void => {
      this.done[index] = 1
      each(index, head)
    }
    const takeBatches = (): void => {
      for (;;) {
        const message = receiveMessageOnPort(this.port)?.message as
          BatchMessage | undefined
        if (!message) return
        fromThread += this.takeBatch(message, deliver)
      }
    }
    let back = this.paths.length - 1
    let posted = -1
    let waited = 0
    for (;;) {
      const seen = Atomics.load(this.state, POSTED)
      if (seen !== posted) {
        posted = seen
        waited = 0
        takeBatches()
      }
      if (Atomics.load(this.state, STATE) !== RUNNING) {
        // Its last batch was posted before it said so.
        takeBatches()
        break
      }
      if (
        back >= 0 &&
        Atomics.compareExchange(this.claims, back, 0, BY_MAIN) === 0
      ) {
        deliver(back, this.readHead(this.paths[back] as string))
        back -= 1
        continue
      }
      // The two ends have met: only the thread's last batches are to come.
      if (waited >= STALL_MS) break
      const started = performance.now()
      Atomics.wait(this.state, POSTED, posted, 100)
      waited += performance.now() - started
    }
    this.stop()
    // Whatever the thread claimed and did not deliver (it failed or
    // stalled) is read here.
    for (let i = 0; i < this.paths.length; i++)
      if (this.done[i] === 0) deliver(i, this.readHead(this.paths[i] as string))
    return fromThread
  }

  private stop(): void {
    Atomics.store(this.state, STATE, STOPPED)
    Atomics.notify(this.state, AHEAD)
    this.port.close()
    void this.worker.terminate()
  }

  /** Hands out one batch's heads; returns how many it held. */
  private takeBatch(
    message: BatchMessage,
    deliver: (index: number, head: ReadOutcome) => void,
  ): number {
    const { first, lengths } = message
    const bytes = Buffer.from(message.bytes)
    // Taken off the thread's allowance first, so it reads on meanwhile.
    Atomics.sub(this.state, AHEAD, bytes.byteLength)
    Atomics.notify(this.state, AHEAD)
    let at = 0
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i] as number
      deliver(first + i, this.outcome(bytes, at, length))
      at += Math.max(0, length)
    }
    return lengths.length
  }

  private outcome(bytes: Buffer, at: number, length: number): ReadOutcome {
    if (length === LINK) return openFailure('ELOOP')
    if (length === UNOPENED) return openFailure(undefined)
    if (length === UNREAD) return READ_FAILURE
    return decodeHead(bytes.subarray(at, at + length), this.headBytes)
  }
}

/**
 * The thread's whole program. It runs from its source text, so it uses
 * nothing from this module: constants come in as `k`, modules through
 * getBuiltinModule.
 */
function readHeads(k: {
  BATCH_BYTES: number
  BATCH_FILES: number
  BYTES_AHEAD: number
  POSTED: number
  AHEAD: number
  STATE: number
  RUNNING: number
  ENDED: number
  BY_THREAD: number
  LINK: number
  UNOPENED: number
  UNREAD: number
}): void {
  const threads = process.getBuiltinModule('node:worker_threads')
  const fs = process.getBuiltinModule('node:fs')
  const input = threads.workerData as WorkerInput
  const state = new Int32Array(input.control)
  const running = (): boolean => Atomics.load(state, k.STATE) === k.RUNNING
  try {
    const paths = input.paths.split('\0')
    const claims = new Int8Array(input.claims)
    const head = new Uint8Array(input.headBytes)
    let next = 0
    let met = false
    while (!met && next < paths.length && running()) {
      for (;;) {
        const ahead = Atomics.load(state, k.AHEAD)
        if (ahead < k.BYTES_AHEAD) break
        if (!running()) return
        Atomics.wait(state, k.AHEAD, ahead, 100)
      }
      const first = next
      const bytes = new Uint8Array(Math.max(k.BATCH_BYTES, head.length))
      const lengths: number[] = []
      let used = 0
      while (
        next < paths.length &&
        lengths.length < k.BATCH_FILES &&
        used + head.length <= bytes.length
      ) {
        if (Atomics.compareExchange(claims, next, 0, k.BY_THREAD) !== 0) {
          // The main thread, reading from the back, got here first.
          met = true
          break
        }
        let fd: number
        try {
          fd = fs.openSync(`${input.root}/${paths[next]}`, input.flags)
        } catch (error) {
          const code = (error as { code?: string }).code
          lengths.push(code === 'ELOOP' ? k.LINK : k.UNOPENED)
          next += 1
          continue
        }
        let length: number
        try {
          length = fs.readSync(fd, head, 0, head.length, 0)
        } catch {
          length = k.UNREAD
        } finally {
          fs.closeSync(fd)
        }
        if (length > 0) bytes.set(head.subarray(0, length), used)
        used += Math.max(0, length)
        lengths.push(length)
        next += 1
      }
      if (lengths.length === 0) break
      const message = {
        first,
        lengths: Int32Array.from(lengths),
        bytes: bytes.buffer.slice(0, used),
      }
      input.port.postMessage(message, [message.lengths.buffer, message.bytes])
      Atomics.add(state, k.AHEAD, used)
      Atomics.add(state, k.POSTED, 1)
      Atomics.notify(state, k.POSTED)
    }
  } catch {
    // Ended all the same: the main thread reads what was not delivered.
  } finally {
    Atomics.compareExchange(state, k.STATE, k.RUNNING, k.ENDED)
    Atomics.notify(state, k.POSTED)
    input.port.close()
  }
}
