import { writeSync } from 'node:fs'

/**
 * Writes text straight to a file descriptor of the process, all of it,
 * before returning, so that stdout and stderr stay in order and a reader
 * that has gone away is noticed at once rather than as a later stream error.
 * A descriptor in non-blocking mode (a terminal, some pipes) is waited on.
 *
 * Returns false when the reader has gone away (EPIPE): the caller stops.
 */
export function writeToFd(fd: number, text: string): boolean {
  let rest = Buffer.from(text)
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(fd, rest))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EPIPE') return false
      if (code !== 'EAGAIN') throw error
      // A non-blocking pipe that is full: wait for the reader a moment.
      Atomics.wait(PAUSE, 0, 0, 5)
    }
  }
  return true
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4))
