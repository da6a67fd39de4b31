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
 * The signature of one file: size, modification and change times, inode; or, when the file is
 * recent enough to be racy (or was at the last stamp, `digest`), a digest of its bytes.
 */
export function fileSignature(path: string, stats: BigIntStats, takenAt: number, digest: boolean): string {
  const racy = Number(stats.mtimeMs) > takenAt - racyMilliseconds || Number(stats.ctimeMs) > takenAt - racyMilliseconds
  if (racy || digest) return `#${createHash('sha256').update(readFileSync(path)).digest('base64url')}`
  return `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}`
}

/**
 * Stamp every file under `folder` that `keep` accepts (by its path below `prefix`) into `into`.
 * Symbolic links, and anything that cannot be listed, make the folder unstampable (false): the
 * reader's rules for links are the build's to apply, so such a root is simply always read.
 */
export function stampFolder(folder: string, prefix: string, keep: (path: string) => boolean, into: Record<string, string>, previous: Stamp | undefined, takenAt: number): boolean {
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
      if (!stampFolder(full, path, keep, into, previous, takenAt)) return false
    } else if (entry.isSymbolicLink()) {
      return false
    } else if (entry.isFile() && keep(path)) {
      try {
        into[path] = fileSignature(full, statSync(full, { bigint: true }), takenAt, previous?.[path]?.startsWith('#') ?? false)
      } catch {
        return false
      }
    }
  }
  return true
}

/** Whether two stamps name the same files with the same signatures. */
export function sameStamp(a: Stamp, b: Stamp): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}
