/**
 * Run in a fresh process by npm run bench: prints, as JSON, the milliseconds from process start to the
 * matcher being ready, and the part of that spent loading and indexing the packs.
 */
import { performance } from 'node:perf_hooks';
import { createPolicyAnswerer } from '../src/answers/create-policy-answerer.js';
import { readConfig } from '../src/config/read-config.js';
import { loadPolicyLibrary } from '../src/policies/load-policy-library.js';

const started = performance.now();
const answerer = createPolicyAnswerer(loadPolicyLibrary(readConfig().policiesDirectory), () => new Date());
const ready = performance.now();
process.stdout.write(JSON.stringify({ loadAndIndexMs: ready - started, sinceProcessStartMs: ready, councils: answerer.councils().length }) + '\n');
