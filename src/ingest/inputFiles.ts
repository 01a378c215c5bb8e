import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';

import yauzl from 'yauzl';

/**
 * The files a connector reads, from a folder or straight from the .zip a dataset is
 * downloaded as (an entry is found by its base name, in whatever folder of the archive).
 * Either way a file is read as a stream, never whole, and knows its size for the ETA.
 */
export interface InputFile {
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  open(): Promise<Readable>;
}

export interface Input {
  /** The file of that base name (or the first whose base name matches), null when there is none. */
  file(name: string | RegExp): InputFile | null;
  close(): void;
}

const matches = (name: string | RegExp, path: string) => (typeof name === 'string' ? basename(path) === name : name.test(basename(path)));

/** A dataset file that cannot be read as what it claims to be; the message names it and says why. */
export class InputFileError extends Error {}

export async function openInput(path: string): Promise<Input | null> {
  if (!existsSync(path)) return null;
  if (statSync(path).isDirectory()) {
    return {
      file(name) {
        const file = typeof name === 'string' ? join(path, name) : null;
        if (!file || !existsSync(file)) return null;
        return { name: basename(file), size: statSync(file).size, open: async () => createReadStream(file) };
      },
      close() {},
    };
  }
  if (!path.toLowerCase().endsWith('.zip')) {
    return {
      file: (name) => (matches(name, path) || typeof name !== 'string' ? { name: basename(path), size: statSync(path).size, open: async () => createReadStream(path) } : null),
      close() {},
    };
  }
  // A download cut short lacks the archive's directory, at its end: say so, naming the file.
  const damaged = (error: Error) => new InputFileError(`${basename(path)} cannot be read as a .zip archive; it looks truncated or damaged (download it again): ${error.message}`);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, opened) => (error ? reject(damaged(error)) : resolve(opened))),
  );
  const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
    const found: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) found.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', (error: Error) => reject(damaged(error)));
    zip.readEntry();
  });
  return {
    file(name) {
      const entry = entries.find((candidate) => matches(name, candidate.fileName));
      return entry ? { name: basename(entry.fileName), size: entry.uncompressedSize, open: () => zip.openReadStreamPromise(entry) } : null;
    },
    close: () => zip.close(),
  };
}
