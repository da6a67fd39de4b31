import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, type BigIntStats } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * How a set of files looked, without reading them: a signature per path. Two stamps that are
 * equal mean the files are the same, so a build that saw the first need not read them again.
 */
export type Stamp = Readonly<Record<string, string>>

/**
 * A file changed in the same tick of the file system's clock as the stamp is taken could change
 * again within that tick and keep its size and times (FAT counts in 2 s, ext4 in a few ms). Such
 * a file is "racy": it is stamped by a digest of the bytes the build read, and read again by the
 * next check. `racySince` finds the tick: the time the file system gives a file written just
 * before the stamp (as git compares with its index file's time), or without one, two seconds ago.
 */
export function racySince(clock?: string): bigint {
  if (clock) {
    try {
      mkdirSync(dirname(clock), { recursive: true })
      writeFileSync(clock, '')
      // A hair earlier, should the clock file sit on another file system than the sources.
      return statSync(clock, { bigint: true }).mtimeNs - 10_000_000n
    } catch {
      // Not writable: fall back to the clock of this process.
    }
  }
  return BigInt(Date.now() - 2000) * 1_000_000n
}

/**
 * The signature of one file: size, modification and change times, inode. A racy file (changed
 * at or after `since`, in nanoseconds) is `?`, to be settled by a digest of the bytes the build
 * reads (`settleStamp`); a file whose last stamp was a digest (`digest`) is read and digested
 * again to compare.
 */
export function fileSignature(path: string, stats: BigIntStats, since: bigint, digest: boolean): string {
  if (digest) return digestOf(readFileSync(path))
  return isRacy(stats, since) ? '?' : statSignature(stats)
}

function statSignature(stats: BigIntStats): string {
  return `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}`
}

/** Whether a file's times are too recent to stand for its bytes. */
function isRacy(stats: BigIntStats, since: bigint): boolean {
  return stats.mtimeNs >= since || stats.ctimeNs >= since
}

/** A stamp by content. SHA-1 is enough: it only tells a build whether the bytes it read have changed since. */
export function digestOf(bytes: Uint8Array | string): string {
  return `#${createHash('sha1').update(bytes).digest('base64url')}`
}

/**
 * The stamp with each racy file (`?`) stamped by the bytes the build read (`read`: their digests,
 * by path); the files the build wrote itself (ingested seeds) added by the bytes written. A racy
 * file the build did not read stays `?`, which matches nothing: the next build reads it.
 */
export function settleStamp(stamp: Stamp, read: ReadonlyMap<string, string>, written: ReadonlyArray<{ path: string; bytes: Uint8Array }>): Stamp {
  const settled: Record<string, string> = { ...stamp }
  for (const [path, digest] of read) if (settled[path] === '?') settled[path] = digest
  for (const source of written) settled[source.path] = digestOf(source.bytes)
  return settled
}

/**
 * Stamp every file under `folder` that `keep` accepts (by its path below `prefix`) into `into`;
 * into `refresh`, the signatures by times of files that `previous` stamped by bytes and that still
 * hold those bytes.
 * Symbolic links, and anything that cannot be listed, make the folder unstampable (false): the
 * reader's rules for links are the build's to apply, so such a root is simply always read.
 */
export function stampFolder(folder: string, prefix: string, keep: (path: string) => boolean, into: Record<string, string>, previous: Stamp | undefined, since: bigint, refresh?: Record<string, string>): boolean {
  let entries
  try {
    entries = readdirSync(folder, { withFileTypes: true })
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'ENOENT'
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = `${prefix}/${entry.name}`
    const full = join(folder, entry.name)
    if (entry.isDirectory()) {
      if (!stampFolder(full, path, keep, into, previous, since, refresh)) return false
    } else if (entry.isSymbolicLink()) {
      return false
    } else if (entry.isFile() && keep(path)) {
      try {
        const stats = statSync(full, { bigint: true })
        const signature = fileSignature(full, stats, since, previous?.[path]?.startsWith('#') ?? false)
        into[path] = signature
        // Bytes as stamped, and times now old enough to stand for them: the next stamp can use the times.
        if (refresh && signature.startsWith('#') && signature === previous?.[path] && !isRacy(stats, since)) refresh[path] = statSignature(stats)
      } catch {
        return false
      }
    }
  }
  return true
}

/** Whether two stamps name the same files with the same signatures (a racy `?` is never the same). */
export function sameStamp(a: Stamp, b: Stamp): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key] && a[key] !== '?')
}
