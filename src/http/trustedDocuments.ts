import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Kind, parse } from 'graphql';

import { ErrorCode } from '../errors.js';
import { sendErrors } from './errorResponse.js';

/**
 * Trusted-documents mode: only operations listed in a manifest run. The manifest is a JSON
 * object mapping the SHA-256 (hex) of each operation's text to the text. A client sends
 * either the hash (`extensions.persistedQuery.sha256Hash`, or `documentId`) or a text whose
 * hash is listed. Anything else is refused with FORBIDDEN before GraphQL sees it.
 */
export function loadManifest(path: string): Map<string, string> {
  const content = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  const manifest = new Map<string, string>();
  for (const [hash, text] of Object.entries(content)) {
    const actual = sha256(text);
    if (actual !== hash.toLowerCase()) throw new Error(`Trusted documents manifest ${path}: the hash of entry ${hash} is ${actual}.`);
    manifest.set(actual, text);
  }
  return manifest;
}

/** The names of the operations a manifest holds (the only ones metrics then label by name). */
export function operationNamesOf(manifest: Map<string, string>): string[] {
  const names: string[] = [];
  for (const text of manifest.values()) {
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.push(definition.name.value);
    }
  }
  return names;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function refuse(reply: FastifyReply, message: string) {
  return sendErrors(reply, 403, [{ message, extensions: { code: ErrorCode.FORBIDDEN } }]);
}

interface OperationRequest {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/** A preHandler hook of the GraphQL route. */
export function trustedDocuments(manifest: Map<string, string>): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'POST') return;
    const parameters = request.query as Record<string, unknown>;
    const fromQueryString = (name: string) => (typeof parameters[name] === 'string' ? (parameters[name] as string) : undefined);
    const body: OperationRequest =
      request.method === 'POST'
        ? ((request.body ?? {}) as OperationRequest)
        : {
            query: fromQueryString('query'),
            documentId: fromQueryString('documentId'),
            extensions: fromQueryString('extensions') ? (safeJson(fromQueryString('extensions')!) as OperationRequest['extensions']) : undefined,
          };
    const hash =
      typeof body.documentId === 'string' ? body.documentId.replace(/^sha256:/, '') : typeof body.extensions?.persistedQuery?.sha256Hash === 'string' ? body.extensions.persistedQuery.sha256Hash : undefined;
    const text = typeof body.query === 'string' ? body.query : undefined;
    const trusted = hash ? manifest.get(hash.toLowerCase()) : text !== undefined ? manifest.get(sha256(text)) : undefined;
    if (trusted === undefined) {
      await refuse(reply, 'This server only runs trusted documents, and this operation is not one of them.');
      return;
    }
    if (request.method === 'POST') {
      const { documentId: _documentId, extensions, ...rest } = body;
      const { persistedQuery: _persisted, ...otherExtensions } = extensions ?? {};
      request.body = { ...rest, query: trusted, ...(Object.keys(otherExtensions).length > 0 ? { extensions: otherExtensions } : {}) };
    } else {
      const query: Record<string, unknown> = { ...parameters, query: trusted };
      delete query.documentId;
      delete query.extensions;
      request.query = query;
    }
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
