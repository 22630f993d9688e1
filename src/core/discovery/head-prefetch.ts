import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads'
import { decodeManifest, type ReadOutcome } from './read-file.js'

/**
 * Reads the first bytes of many files on a second thread, ahead of the scan.
 *
 * In a large repository most candidates have generic names (`*.json`,
 * `*.yaml`) and need a look at their head before any format claims them.
 * Opening tens of thousands of files is mostly system-call time, which a
 * second core can spend while the main thread parses the manifests whose
 * names settle their format. The main thread then takes the heads in the
 * order it asked for them, waiting only when it catches up.
 *
 * The thread only opens, reads and closes, exactly as `readDiscovered` does
 * for a head (no links followed, one read); it never decodes or interprets
 * what it reads. If it cannot start, fails or stalls, the heads it has not
 * delivered are read on the main thread instead, so the result is the same.
 */

/** Fewer heads than this are read on the main thread: a thread would not pay. */
export const MIN_PREFETCHED_HEADS = 2048

/** A batch closes at this many bytes or this many files, whichever first. */
const BATCH_BYTES = 1024 * 1024
const BATCH_FILES = 1024
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
/** Values of STATE. */
const RUNNING = 0
const FINISHED = 1
const FAILED = 2
const STOPPED = 3

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
  readonly port: MessagePort
}

interface BatchMessage {
  readonly first: number
  readonly lengths: Int32Array
  readonly bytes: ArrayBuffer
}

interface Batch {
  readonly first: number
  readonly lengths: Int32Array
  /** Where each file's head starts in `bytes`. */
  readonly offsets: Int32Array
  readonly bytes: Buffer
}

export interface HeadPrefetch {
  /** The head of a prefetched path; undefined when it must be read directly. */
  take(path: string): ReadOutcome | undefined
  /** Stops the thread; later takes return undefined. Returns how many it answered. */
  stop(): number
}

/**
 * Starts reading the heads of `paths` (relative to `root`) in the order
 * given. Returns undefined when a thread is not worth it or cannot start.
 */
export function prefetchHeads(
  root: string,
  paths: readonly string[],
  headBytes: number,
  flags: number,
  minimum = MIN_PREFETCHED_HEADS,
): HeadPrefetch | undefined {
  if (paths.length === 0 || paths.length < minimum) return undefined
  // The thread loads `fs` through getBuiltinModule, which a bundler leaves
  // alone; Node versions without it read on the main thread.
  if (typeof process.getBuiltinModule !== 'function') return undefined
  const control = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT)
  const { port1, port2 } = new MessageChannel()
  const input: WorkerInput = {
    root,
    paths: paths.join('\0'),
    headBytes,
    flags,
    control,
    port: port2,
  }
  let worker: Worker
  try {
    worker = new Worker(
      `(${readHeads.toString()})(${JSON.stringify({
        BATCH_BYTES,
        BATCH_FILES,
        BYTES_AHEAD,
        POSTED,
        AHEAD,
        STATE,
        RUNNING,
        FINISHED,
        FAILED,
        LINK,
        UNOPENED,
        UNREAD,
      })})`,
      {
        eval: true,
        workerData: input,
        transferList: [port2],
      },
    )
  } catch {
    port1.close()
    return undefined
  }
  worker.unref()
  return new Prefetch(worker, port1, control, paths, headBytes)
}

class Prefetch implements HeadPrefetch {
  private readonly state: Int32Array
  private readonly indexOf = new Map<string, number>()
  private readonly batches: Batch[] = []
  /** Paths below this index have arrived (or been given up on). */
  private received = 0
  private given = false
  private answered = 0

  constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    control: SharedArrayBuffer,
    paths: readonly string[],
    private readonly headBytes: number,
  ) {
    this.state = new Int32Array(control)
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i] as string
      if (!this.indexOf.has(path)) this.indexOf.set(path, i)
    }
  }

  take(path: string): ReadOutcome | undefined {
    const index = this.indexOf.get(path)
    if (index === undefined || this.given) return undefined
    while (index >= this.received) {
      if (!this.receive()) return undefined
    }
    // Heads are taken in order, so batches wholly before this one are done.
    while (this.batches.length > 0) {
      const batch = this.batches[0] as Batch
      if (index < batch.first + batch.lengths.length) break
      this.batches.shift()
    }
    const batch = this.batches.find(
      (b) => index >= b.first && index < b.first + b.lengths.length,
    )
    if (!batch) return undefined
    this.answered += 1
    return this.outcome(batch, index - batch.first)
  }

  stop(): number {
    if (this.given) return this.answered
    this.given = true
    this.batches.length = 0
    Atomics.store(this.state, STATE, STOPPED)
    Atomics.notify(this.state, AHEAD)
    this.port.close()
    void this.worker.terminate()
    return this.answered
  }

  private outcome(batch: Batch, at: number): ReadOutcome {
    const length = batch.lengths[at] as number
    if (length === LINK)
      return { ok: false, reason: 'symbolic link: not followed' }
    if (length === UNOPENED) return { ok: false, reason: 'could not be opened' }
    if (length === UNREAD) return { ok: false, reason: 'could not be read' }
    const start = batch.offsets[at] as number
    return decodeManifest(
      batch.bytes.subarray(start, start + length),
      length === this.headBytes,
    )
  }

  /** Waits for the next batch; false when the thread is given up on. */
  private receive(): boolean {
    let waited = 0
    for (;;) {
      const message = receiveMessageOnPort(this.port)?.message as
        BatchMessage | undefined
      if (message) {
        this.accept(message)
        return true
      }
      const state = Atomics.load(this.state, STATE)
      if (state !== RUNNING || waited >= STALL_MS) {
        // Finished with nothing left to post means nothing is missing, but
        // a path is still wanted: read it directly, as after a failure.
        this.stop()
        return false
      }
      const posted = Atomics.load(this.state, POSTED)
      const started = performance.now()
      Atomics.wait(this.state, POSTED, posted, 100)
      waited += performance.now() - started
    }
  }

  private accept(message: BatchMessage): void {
    const { first, lengths } = message
    const offsets = new Int32Array(lengths.length)
    let at = 0
    for (let i = 0; i < lengths.length; i++) {
      offsets[i] = at
      at += Math.max(0, lengths[i] as number)
    }
    this.batches.push({
      first,
      lengths,
      offsets,
      bytes: Buffer.from(message.bytes),
    })
    this.received = first + lengths.length
    Atomics.sub(this.state, AHEAD, message.bytes.byteLength)
    Atomics.notify(this.state, AHEAD)
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
  FINISHED: number
  FAILED: number
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
    const head = new Uint8Array(input.headBytes)
    let next = 0
    while (next < paths.length && running()) {
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
    Atomics.compareExchange(state, k.STATE, k.RUNNING, k.FINISHED)
  } catch {
    Atomics.compareExchange(state, k.STATE, k.RUNNING, k.FAILED)
  } finally {
    Atomics.notify(state, k.POSTED)
    input.port.close()
  }
}
