import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync, type BigIntStats } from 'node:fs'
import { join } from 'node:path'

/**
 * How a set of files looked, without reading them: a signature per path. Two stamps that are
 * equal mean the files are the same, so a build that saw the first need not read them again.
 */
export type Stamp = Readonly<Record<string, string>>

/**
 * A file changed this close before its stamp was taken could change again within the same tick
 * of the file system's clock and keep its size and times (FAT counts in 2 s, ext4 in a few ms).
 * Such a file is stamped by a digest of its bytes instead, and read again by the next check.
 */
const racyMilliseconds = 2000

/**
 * The signature of one file: size, modification and change times, inode. A file recent enough
 * to be racy is `?`, to be settled by a digest of the bytes the build reads (`settleStamp`); a
 * file whose last stamp was a digest (`digest`) is read and digested again to compare.
 */
export function fileSignature(path: string, stats: BigIntStats, takenAt: number, digest: boolean): string {
  if (digest) return digestOf(readFileSync(path))
  return isRacy(stats, takenAt) ? '?' : statSignature(stats)
}

function statSignature(stats: BigIntStats): string {
  return `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}`
}

/** Whether a file's times are too recent to stand for its bytes. */
function isRacy(stats: BigIntStats, takenAt: number): boolean {
  return Number(stats.mtimeMs) > takenAt - racyMilliseconds || Number(stats.ctimeMs) > takenAt - racyMilliseconds
}

/** A stamp by content; SHA-1 is enough here and several times faster than SHA-256 on a whole site's text. */
export function digestOf(bytes: Uint8Array | string): string {
  return `#${createHash('sha1').update(bytes).digest('base64url')}`
}

/**
 * The stamp with each racy file (`?`) stamped by the bytes the build read; the files the build
 * wrote itself (ingested seeds) added by the bytes written. A racy file the build did not read
 * stays `?`, which matches nothing: the next build reads it.
 */
export function settleStamp(stamp: Stamp, read: ReadonlyArray<{ path: string; bytes: Uint8Array }>, written: ReadonlyArray<{ path: string; bytes: Uint8Array }>): Stamp {
  const settled: Record<string, string> = { ...stamp }
  for (const source of read) if (settled[source.path] === '?') settled[source.path] = digestOf(source.bytes)
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
export function stampFolder(folder: string, prefix: string, keep: (path: string) => boolean, into: Record<string, string>, previous: Stamp | undefined, takenAt: number, refresh?: Record<string, string>): boolean {
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
      if (!stampFolder(full, path, keep, into, previous, takenAt, refresh)) return false
    } else if (entry.isSymbolicLink()) {
      return false
    } else if (entry.isFile() && keep(path)) {
      try {
        const stats = statSync(full, { bigint: true })
        const signature = fileSignature(full, stats, takenAt, previous?.[path]?.startsWith('#') ?? false)
        into[path] = signature
        // Bytes as stamped, and times now old enough to stand for them: the next stamp can use the times.
        if (refresh && signature.startsWith('#') && signature === previous?.[path] && !isRacy(stats, takenAt)) refresh[path] = statSignature(stats)
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
