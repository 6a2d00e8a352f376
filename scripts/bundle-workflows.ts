// Builds the workflow bundle of the current code into DATA_DIR/bundles (the
// Docker image does this at build time), and prints its path.
//
//   npm run bundle
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { cachedWorkflowBundle, workflowCodeVersion } from '../src/platform/temporal/bundle.js';

const started = Date.now();
const { codePath } = await cachedWorkflowBundle(join(loadConfig().DATA_DIR, 'bundles'));
console.log(`workflow bundle ${workflowCodeVersion()}: ${codePath} (${Date.now() - started} ms)`);
