import { parentPort, workerData } from 'node:worker_threads'
import { postable, siteFiles, siteHolds } from './site-listing.js'

// The thread `listSiteAside` or `siteHoldsAside` starts: it lists the site it is given, or says
// whether the site holds the files it is given, posts the answer and ends.
const asked = workerData as string | { readonly out: string; readonly paths: readonly string[] }
parentPort!.postMessage(typeof asked === 'string' ? postable(siteFiles(asked)) : siteHolds(asked.out, asked.paths))
