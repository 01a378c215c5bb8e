import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

import yazl from 'yazl';

/** Writes a .zip holding the given files (path in the archive → path on disk), as datasets are downloaded. */
export async function zipFiles(target: string, files: Record<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [inArchive, onDisk] of Object.entries(files)) zip.addFile(onDisk, inArchive);
  const out = zip.outputStream.pipe(createWriteStream(target));
  zip.end();
  await once(out, 'close');
}
