/**
 * The KGX export over HTTP: `GET /api/kg/export/{edges,nodes}.jsonl` with the filters
 * of `GET /api/kg/edges`. The route only streams: the command reads the next database batch when
 * the socket has taken the previous one, so a slow client slows the cursor instead of filling memory.
 */
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse } from '../http/schemas.ts';
import { edgeFilterOf, KgxExportQuery } from './edge.schemas.ts';
import { exportKgx, type KgxFile } from './kgx-export.service.ts';

const NDJSON = 'application/x-ndjson';

async function* textOf(chunks: AsyncIterable<{ text: string }>): AsyncGenerator<string> {
  for await (const chunk of chunks) yield chunk.text;
}

/** Registers the two KGX export routes. */
export function registerKgxExportRoutes(app: App, deps: RouteDeps) {
  const files: [KgxFile, string][] = [
    ['edges', 'The matching edges as KGX JSON Lines, with their Biolink fields'],
    ['nodes', 'Every subject and object of the matching edges as a KGX node with its Biolink category'],
  ];
  for (const [file, summary] of files) {
    app.get(
      `/api/kg/export/${file}.jsonl`,
      {
        schema: {
          tags: ['knowledge graph'],
          summary,
          description:
            'Streamed (application/x-ndjson, one JSON object a line); the filters of GET /api/kg/edges, ' +
            'no paging. Edges whose subject or object is not a CURIE KGX accepts are left out.',
          querystring: KgxExportQuery,
          response: {
            200: {
              description: 'KGX JSON Lines',
              content: { [NDJSON]: { schema: Type.Unsafe<Readable>({ type: 'string' }) } },
            },
            400: ErrorResponse,
          },
        },
      },
      async (request, reply) => {
        const chunks = exportKgx(deps, file, edgeFilterOf(request.query));
        // One chunk (one database batch) buffered at most: the socket's own buffer does the rest.
        const body = Readable.from(textOf(chunks), { objectMode: false, highWaterMark: 1 });
        return reply
          .type(NDJSON)
          .header('content-disposition', `attachment; filename="${file}.jsonl"`)
          .send(body);
      },
    );
  }
}
