// Runs a TypeScript file in a child process: `node tsxLauncher.mjs <file.ts> [args…]`.
// h5wasm is imported natively BEFORE tsx registers, so tsx does not re-transform its large
// Emscripten bundle (4 s → 0.1 s per child start on the CI machine); the script sees its own
// arguments at process.argv.slice(2).
import 'h5wasm/node';
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import process from 'node:process';

register();
const [script] = process.argv.splice(2, 1);
await import(pathToFileURL(resolve(script)).href);
