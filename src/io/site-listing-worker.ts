import { parentPort, workerData } from 'node:worker_threads'
import { postable, siteFiles } from './site-listing.js'

// The thread `listSiteAside` starts: it lists the site it is given, posts the listing and ends.
parentPort!.postMessage(postable(siteFiles(workerData as string)))
