/**
 * A model version's `runtime` (docs/concepts.md#inference-runtimes): the TypeBox schema of each kind — the
 * single source of the types, of the registration body's validation and of the OpenAPI document — and the
 * parse a job applies to a stored runtime before running it.
 */
import { type Static, type TObject, Type } from 'typebox';
import { Value } from 'typebox/value';
import { RuntimeUnavailable } from './inference-errors.ts';
import { isLinkLocalOrMetadataHost } from './private-addresses.ts';

/** A local process speaking JSON Lines on stdin/stdout. */
export const ProcessRuntimeSchema = Type.Object(
  {
    kind: Type.Literal('process'),
    command: Type.Array(Type.String({ maxLength: 4096 }), {
      minItems: 1,
      maxItems: 256,
      description: 'The program and its arguments, e.g. ["python3", "eval.py"]',
    }),
    cwd: Type.Optional(Type.String({ minLength: 1, maxLength: 4096, description: 'An existing directory' })),
    env: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String({ maxLength: 4096 }), {
        maxProperties: 100,
        description:
          "Variables the process gets besides PATH, HOME, LANG and TMPDIR (never the server's own)",
      }),
    ),
  },
  { additionalProperties: false },
);

/** A server speaking the Open Inference Protocol (KServe v2). */
export const HttpRuntimeSchema = Type.Object(
  {
    kind: Type.Literal('http'),
    url: Type.String({ pattern: '^https?://', maxLength: 2048, description: 'An http:// or https:// URL' }),
    model: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

/** An ONNX model file run in-process by onnxruntime. */
export const OnnxRuntimeSchema = Type.Object(
  {
    kind: Type.Literal('onnx'),
    uri: Type.String({ pattern: '^file:', maxLength: 4096, description: 'A file: URL' }),
  },
  { additionalProperties: false },
);

const SCHEMAS = { process: ProcessRuntimeSchema, http: HttpRuntimeSchema, onnx: OnnxRuntimeSchema };

/** How to run a model version's inference: one of the runtime kinds. */
export const RuntimeSchema = Type.Union([ProcessRuntimeSchema, HttpRuntimeSchema, OnnxRuntimeSchema], {
  description: "How to run the version's inference; the kind selects the fields",
});

/** A process runtime. */
export type ProcessRuntime = Static<typeof ProcessRuntimeSchema>;
/** An http runtime. */
export type HttpRuntime = Static<typeof HttpRuntimeSchema>;
/** An onnx runtime. */
export type OnnxRuntime = Static<typeof OnnxRuntimeSchema>;
/** A validated runtime. */
export type Runtime = Static<typeof RuntimeSchema>;
/** A runtime kind. */
export type RuntimeKind = Runtime['kind'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Issue = ReturnType<typeof Value.Errors>[number];

/** What is wrong with a runtime: the field (none for the runtime as a whole) and the problem. */
export interface RuntimeProblem {
  field?: string;
  problem: string;
}

/** One schema issue as a problem of a named field: a missing one, or what a present one must be. */
function problemOf(schema: TObject, issue: Issue): RuntimeProblem {
  if (issue.keyword === 'required') {
    const [missing] = (issue.params as { requiredProperties?: string[] }).requiredProperties ?? [];
    return { field: missing, problem: 'is required' };
  }
  const field = issue.instancePath.split('/')[1] || undefined;
  const description =
    field && (schema.properties[field] as { description?: string } | undefined)?.description;
  // A pattern says little to a person; the field's description says what the value must be.
  const problem =
    issue.keyword === 'pattern' && description ? `must be ${description.replace(/^A/, 'a')}` : issue.message;
  return { field, problem };
}

/** What is wrong with a runtime, or undefined when it is valid. */
export function findRuntimeProblem(runtime: unknown): RuntimeProblem | undefined {
  if (!isRecord(runtime)) return { problem: 'must be a JSON object' };
  const kind = runtime.kind as RuntimeKind;
  const schema = Object.hasOwn(SCHEMAS, String(kind)) ? SCHEMAS[kind] : undefined;
  if (!schema)
    return {
      field: 'kind',
      problem: `must be one of ${Object.keys(SCHEMAS)
        .map((k) => `"${k}"`)
        .join(', ')}`,
    };
  const [issue] = [...Value.Errors(schema, runtime)].filter((error) => error.keyword !== 'boolean');
  if (issue) return problemOf(schema, issue);
  // What a schema cannot say: a program name, and a URL that parses.
  if (runtime.kind === 'process' && (runtime.command as string[])[0] === '') {
    return { field: 'command', problem: 'must name a program first' };
  }
  if (runtime.kind === 'http') {
    if (!URL.canParse(runtime.url as string))
      return { field: 'url', problem: 'must be an http:// or https:// URL' };
    if (isLinkLocalOrMetadataHost(new URL(runtime.url as string).hostname)) {
      return { field: 'url', problem: 'must not name a link-local or cloud-metadata address' };
    }
  }
  return undefined;
}

/** The parts of a process runtime only its lineage's maintainers and `admin` may see. */
const PRIVATE_FIELDS = ['command', 'env'];

/** A runtime as a reader who may not see a process runtime's command and env gets it. */
export function redactRuntime(runtime: Record<string, unknown> | null): Record<string, unknown> | null {
  if (runtime?.kind !== 'process') return runtime;
  return {
    ...Object.fromEntries(Object.entries(runtime).filter(([key]) => !PRIVATE_FIELDS.includes(key))),
    hidden: PRIVATE_FIELDS,
  };
}

/** A problem in the words of a request body: `runtime.<field> <problem>`. */
export function describeRuntimeProblem(found: RuntimeProblem): string {
  return found.field ? `runtime.${found.field} ${found.problem}` : `runtime ${found.problem}`;
}

/** Checks a stored runtime before a job runs it; throws `RuntimeUnavailable` saying what is wrong. */
export function parseRuntime(runtime: unknown): Runtime {
  if (runtime === undefined || runtime === null)
    throw new RuntimeUnavailable('the model version has no runtime');
  const found = findRuntimeProblem(runtime);
  if (found) throw new RuntimeUnavailable(describeRuntimeProblem(found));
  return runtime as Runtime;
}
