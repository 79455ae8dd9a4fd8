import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding policy-desk's package.json, found from this file whether it runs from src/ or dist/. */
export function findPackageRoot(startUrl: string = import.meta.url): string {
  let directory = dirname(fileURLToPath(startUrl));
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'policy-desk') {
      return directory;
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error('policy-desk package.json not found above ' + fileURLToPath(startUrl));
    directory = parent;
  }
}
