// Builds the workflow bundle of the current code into DATA_DIR/bundles and the
// compiled email templates into DATA_DIR/templates (the Docker image does this
// at build time, so a worker starts without bundling or loading MJML), and
// prints the bundle's path.
//
//   npm run bundle
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { cachedWorkflowBundle, workflowCodeVersion } from '../src/platform/temporal/bundle.js';
import { precompileEmailTemplates } from '../src/platform/mail/render.js';

const started = Date.now();
const { DATA_DIR } = loadConfig();
const { codePath } = await cachedWorkflowBundle(join(DATA_DIR, 'bundles'));
await precompileEmailTemplates(join(DATA_DIR, 'templates'));
console.log(`workflow bundle ${workflowCodeVersion()}: ${codePath} (${Date.now() - started} ms)`);
