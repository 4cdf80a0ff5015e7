/**
 * The .bprop project file: parsing (with line:column for bad JSON), structural validation with
 * field paths, migrations from older format versions, stable serialisation, and the weight
 * tensors' encoding. Graph semantics (node types, shapes, losses) are graph.ts's job.
 */
import { Base64Error, decodeBase64, encodeBase64 } from './base64';
import { findJsonSyntaxError } from './json-position';
import { fail, isObject, object, ProjectError, shown, string, type Json } from './project-fields';
import { canonicalProject, printJson } from './project-print';
import { checkLesson } from './lesson';
import { checkRuns } from './project-runs';
import { checkProjectUi } from './project-ui';
import { checkData, checkGraph, checkTensor, checkWeights } from './project-sections';
import { checkOptimizerState } from './project-optimizer-state';
import { checkTraining } from './project-training';
import type { Graph } from './graph-types';
import { PROJECT_FORMAT, PROJECT_VERSION, type Project, type SerializedTensor } from './project-types';

export { ProjectError } from './project-fields';
export { withDefaults, type ProjectWithDefaults, type DataWithDefaults, type TrainingWithDefaults } from './project-defaults';
export { OPTIMIZER_DEFAULTS, DATA_DEFAULTS, TRAINING_DEFAULTS, EARLY_STOPPING_DEFAULTS } from './project-defaults';

/** Turns a project of version v into version v + 1 (the `version` field is set by migrateProject). */
export type Migration = (old: Json) => Json;

/**
 * migrations[v] upgrades version v to v + 1. Version 1 is the first published format, so the
 * table is empty; when version 2 appears, add `1: (p) => ...` and bump PROJECT_VERSION.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** Parses the text of a .bprop file. Throws ProjectError with the file name and a line:column or field path. */
export function parseProject(text: string, fileName?: string): Project {
  return validateProject(parseProjectJson(text, fileName), fileName);
}

/** The JSON value of a .bprop file's text (any kind); bad JSON is reported with line:column. */
export function parseProjectJson(text: string, fileName?: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors may add a BOM
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    const where = findJsonSyntaxError(source);
    const file = fileName ?? 'project';
    if (where) throw new ProjectError(`${file}:${where.line}:${where.column}: invalid JSON: ${where.reason}`);
    throw new ProjectError(`${file}: invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return value;
}

/** Checks the structure of a parsed project (migrating older versions first) and returns it typed. */
export function validateProject(value: unknown, fileName?: string): Project {
  try {
    const project = migrateProject(checkHeader(value)) as Json;
    if (project.kind !== undefined) refuseOtherKind(project.kind);
    object(project, '', ['format', 'version', 'name', 'graph', 'data', 'training'], ['lesson', 'runs', 'ui', 'weights', 'optimizerState']);
    string(project.name, 'name', false);
    checkGraph(project.graph, 'graph');
    checkData(project.data, 'data');
    checkTraining(project.training, 'training');
    if (project.lesson !== undefined) checkLesson(project.lesson, 'lesson', project.graph as Graph);
    if (project.runs !== undefined) checkRuns(project.runs, 'runs');
    if (project.ui !== undefined) checkProjectUi(project.ui, 'ui');
    if (project.weights !== undefined) checkWeights(project.weights, 'weights');
    if (project.optimizerState !== undefined) checkOptimizerState(project.optimizerState, 'optimizerState', project.weights !== undefined);
    return project as unknown as Project;
  } catch (err) {
    if (err instanceof ProjectError && fileName) throw new ProjectError(`${fileName}: ${withoutHelp(err)}`, err.path, err.help);
    throw err;
  }
}

function withoutHelp(err: ProjectError): string {
  return err.help ? err.message.slice(0, err.message.length - `\n  help: ${err.help}`.length) : err.message;
}

/** A file of another kind (a computational graph) is not a network project. */
function refuseOtherKind(kind: unknown): never {
  if (kind === 'computationalGraph')
    throw new ProjectError("kind: this file is a computational graph ('computationalGraph'), not a network project", 'kind', 'open it in the app, or evaluate it with bprop grad');
  fail('kind', `must be 'computationalGraph' or left out for a network (got ${shown(kind)})`);
}

/** format and version, the two fields every version of the format keeps. */
export function checkHeader(value: unknown): Json & { version: number } {
  if (!isObject(value)) throw new ProjectError(`not a Backprop Studio project (the file holds ${shown(value)}, not an object)`);
  if (value.format !== PROJECT_FORMAT) {
    const found = value.format === undefined ? "there is no 'format' field" : `format is ${typeof value.format === 'string' ? `'${value.format}'` : shown(value.format)}`;
    throw new ProjectError(`not a Backprop Studio project (${found})`, 'format');
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    fail('version', `must be a whole number (got ${shown(version)})`);
  if (version > PROJECT_VERSION)
    throw new ProjectError(
      `This project was saved by a newer Backprop Studio (format version ${version}); this version reads version ${PROJECT_VERSION} at most`,
      'version',
      'update Backprop Studio',
    );
  return value as Json & { version: number };
}

/** Brings an older project up to the current version, one step at a time. */
export function migrateProject(raw: { version: number } & Json, migrations: Readonly<Record<number, Migration>> = MIGRATIONS): unknown {
  let project: Json = raw;
  for (let version = raw.version; version < PROJECT_VERSION; version++) {
    const step = migrations[version];
    if (!step) throw new ProjectError(`Format version ${version} cannot be read by this Backprop Studio (no migration to version ${version + 1})`, 'version');
    project = { ...step(project), version: version + 1 };
  }
  return project;
}

/** JSON with 2-space indent and a fixed key order (weights and optimizerState last), ending with a newline. */
export function serializeProject(project: Project): string {
  const canonical = canonicalProject(project);
  validateProject(canonical); // never write a file we would refuse to open
  return `${printJson(canonical)}\n`;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The float32 values as little-endian bytes, as the file stores them: a view of the same memory
 * on a little-endian host, a converted copy on a big-endian one (`littleEndianHost` is a
 * parameter so tests run both ways).
 */
export function float32ToLittleEndian(data: Float32Array, littleEndianHost = LITTLE_ENDIAN_HOST): Uint8Array {
  if (littleEndianHost) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return bytes;
}

/** The inverse of float32ToLittleEndian: `bytes.length / 4` values (on a little-endian host, a view of `bytes`). */
export function littleEndianToFloat32(bytes: Uint8Array, littleEndianHost = LITTLE_ENDIAN_HOST): Float32Array {
  const n = bytes.length / 4;
  if (littleEndianHost) return new Float32Array(bytes.buffer, bytes.byteOffset, n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = view.getFloat32(i * 4, true);
  return data;
}

export function encodeTensor(shape: readonly number[], data: Float32Array): SerializedTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new Error(`encodeTensor: shape [${shape.join(', ')}] needs ${size} values, got ${data.length}`);
  return { shape: [...shape], data: encodeBase64(float32ToLittleEndian(data)) };
}

/** Decodes a stored tensor; errors name `path` (e.g. "weights.h.kernel"). */
export function decodeTensor(t: SerializedTensor, path: string): { shape: number[]; data: Float32Array } {
  const { shape } = checkTensor(t, path);
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(t.data);
  } catch (err) {
    if (err instanceof Base64Error) fail(`${path}.data`, err.message);
    throw err;
  }
  return { shape, data: littleEndianToFloat32(bytes) };
}
