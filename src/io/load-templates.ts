import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { assetFiles, templateFiles, type TemplateAssets, type Templates, type TemplateSource } from '../templates.js'
import { packageRoot } from '../version.js'
import { racySince, stampFolder } from './stamp.js'
import { BuildStopped } from '../diagnostics.js'

/** Gazette's own templates, used for every file a root does not provide. */
export const defaultTemplatesDir = join(packageRoot, 'templates')

/** Gazette's compiled code (the bundle in lib/): part of what a build's output depends on. */
const codeDir = join(packageRoot, 'lib')

/**
 * The root's templates, to load when a build needs them, stamped together with Gazette's own
 * templates and code without reading them: an up-to-date check costs a few dozen metadata calls.
 */
export function templateSource(root: string): TemplateSource {
  const since = racySince()
  const stamp: Record<string, string> = {}
  const any = () => true
  const stamped = stampFolder(join(root, 'templates'), 'templates', any, stamp, undefined, since) && stampFolder(defaultTemplatesDir, 'gazette/templates', any, stamp, undefined, since) && stampFolder(codeDir, 'gazette/lib', (path) => path.endsWith('.js'), stamp, undefined, since)
  // A template changed a moment ago could change again unseen: such a build is not recorded.
  const settled = stamped && !Object.values(stamp).includes('?')
  return { stamp: settled ? createHash('sha256').update(JSON.stringify(Object.entries(stamp).sort())).digest('base64url') : undefined, load: () => loadTemplates(root) }
}

/** Load templates and their assets: each file from `<root>/templates/` if there, else Gazette's. */
export async function loadTemplates(root: string): Promise<{ templates: Templates; assets: TemplateAssets; files: string[]; fingerprint: string }> {
  const own = join(root, 'templates')
  const files: string[] = []
  async function locate(name: string): Promise<string> {
    for (const dir of [own, defaultTemplatesDir]) {
      const path = join(dir, name)
      try {
        if ((await stat(path)).isFile()) return path
      } catch {
        // Not in this folder; try the next.
      }
    }
    throw new Error(`template ${name} is missing from ${defaultTemplatesDir}`)
  }
  const templates = {} as Record<string, unknown>
  for (const [name, fileName] of Object.entries(templateFiles)) {
    const path = await locate(fileName)
    files.push(path)
    // The modification time busts Node's module cache, so the dev server sees edits.
    let module: { default: unknown }
    try {
      module = (await import(`${pathToFileURL(path).href}?v=${(await stat(path)).mtimeMs}`)) as { default: unknown }
    } catch (cause) {
      // A root's own template that does not load is the root's mistake: named, with its place when the error gives one.
      const line = new RegExp(`${escapeRegExp(pathToFileURL(path).href)}[^:]*:(\\d+)`).exec(String((cause as Error).stack))?.[1]
      throw new BuildStopped(path, 'template-invalid', `${line ? `Line ${line}: the` : 'The'} template could not be loaded (${(cause as Error).message}). Fix it, or remove it to use Gazette's own.`)
    }
    if (typeof module.default !== 'function') throw new BuildStopped(path, 'template-invalid', `The template must export a default function, (ctx, props) => tree. Fix it, or remove it to use Gazette's own.`)
    templates[name] = module.default
  }
  const assets = {} as Record<string, Uint8Array>
  for (const [name, fileName] of Object.entries(assetFiles)) {
    const path = await locate(fileName)
    files.push(path)
    assets[name] = await readFile(path)
  }
  // Pages depend on the templates' code: any change to any file renders every page again.
  const fingerprint = createHash('sha256')
  for (const path of files) fingerprint.update(path).update('\0').update(await readFile(path))
  return { templates: templates as unknown as Templates, assets: assets as unknown as TemplateAssets, files, fingerprint: fingerprint.digest('hex').slice(0, 32) }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
