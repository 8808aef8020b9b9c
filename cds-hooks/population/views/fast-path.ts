import {
  DotAtom,
  EqualsAtom,
  type FhirPathAtom,
  FunctionAtom,
  LiteralAtom,
  resolveId,
  SymbolAtom,
} from '@medplum/core';

/**
 * A shortcut for the plain paths most columns are (`status`, `subject.getReferenceKey(Patient)`,
 * `code.coding.where(system = %loinc).code.first()`, `value.ofType(Quantity).value`): the parsed
 * expression walked over the resource's JSON directly, without Medplum's typed values (its
 * per-step schema lookups are most of a view's time). Only member access, `first()`,
 * `where(member = %constant | 'literal')`, `ofType(Type)` on a choice element,
 * `getResourceKey()` and `getReferenceKey([Type])` compile; any other expression is left to
 * Medplum. Whenever the JSON is not as plain as the shortcut assumes (a primitive's `_element`
 * extension, a choice element named without `ofType`, a value where an object should be), it
 * answers `UNSURE` and that resource's column is evaluated by Medplum: same results, by
 * construction and by test (`test/cds-hooks/population/views.test.ts`, both ways on every view).
 */

export const UNSURE = Symbol('unsure');

type Step = (input: unknown[], variables: Record<string, { value: unknown }>) => unknown[] | typeof UNSURE;

export type FastPath = (resource: unknown, variables: Record<string, { value: unknown }>) => unknown[] | typeof UNSURE;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `name` followed by an upper-case letter: how JSON names a choice element (`valueQuantity`). */
function hasChoiceKey(item: Record<string, unknown>, name: string): boolean {
  for (const key of Object.keys(item)) {
    if (key.length > name.length && key.startsWith(name)) {
      const next = key.charCodeAt(name.length);
      if (next >= 65 && next <= 90) return true;
    }
  }
  return false;
}

function member(name: string): Step {
  return (input) => {
    const out: unknown[] = [];
    for (const item of input) {
      if (!isObject(item)) return UNSURE;
      if (`_${name}` in item) return UNSURE;
      const value = item[name];
      if (value === undefined || value === null) {
        if (hasChoiceKey(item, name) || item.resourceType === name) return UNSURE;
        continue;
      }
      if (Array.isArray(value)) {
        for (const v of value) if (v !== null && v !== undefined) out.push(v);
      } else out.push(value);
    }
    return out;
  };
}

/** `name.ofType(Type)` on a choice element: the JSON key `name` + `Type` (`valueQuantity`, `effectiveDateTime`). */
function choice(name: string, type: string): Step {
  const key = `${name}${type.charAt(0).toUpperCase()}${type.slice(1)}`;
  return (input) => {
    const out: unknown[] = [];
    for (const item of input) {
      if (!isObject(item) || name in item || `_${key}` in item) return UNSURE;
      const value = item[key];
      if (Array.isArray(value)) return UNSURE;
      if (value !== undefined && value !== null) out.push(value);
    }
    return out;
  };
}

function whereEquals(name: string, right: (variables: Record<string, { value: unknown }>) => unknown): Step {
  return (input, variables) => {
    const wanted = right(variables);
    const out: unknown[] = [];
    for (const item of input) {
      if (!isObject(item) || `_${name}` in item) return UNSURE;
      const value = item[name];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string' || typeof wanted !== 'string') return UNSURE;
      if (value === wanted) out.push(item);
    }
    return out;
  };
}

const first: Step = (input) => input.slice(0, 1);

const resourceKey: Step = (input) => {
  const resource = input[0];
  if (!isObject(resource)) return UNSURE;
  return typeof resource.id === 'string' && resource.id !== '' ? [resource.id] : [];
};

function referenceKey(type: string | undefined): Step {
  return (input) => {
    if (input.length === 0) return [];
    const reference = input[0];
    if (!isObject(reference)) return UNSURE;
    if (typeof reference.reference !== 'string' || reference.reference === '') return [];
    if (type && !reference.reference.startsWith(`${type}/`)) return [];
    return [resolveId(reference as { reference: string })];
  };
}

/** The steps of a path the shortcut handles, or undefined. */
function steps(atom: unknown): Step[] | undefined {
  if (atom instanceof DotAtom) {
    const right = atom.right;
    if (right instanceof FunctionAtom && right.name === 'ofType' && atom.left instanceof SymbolAtom) {
      const type = right.args[0];
      return type instanceof SymbolAtom && right.args.length === 1 ? [choice(atom.left.name, type.name)] : undefined;
    }
    if (right instanceof FunctionAtom && right.name === 'ofType' && atom.left instanceof DotAtom) {
      const inner = atom.left;
      const type = right.args[0];
      if (!(inner.right instanceof SymbolAtom) || !(type instanceof SymbolAtom) || right.args.length !== 1) return;
      const before = steps(inner.left);
      return before ? [...before, choice(inner.right.name, type.name)] : undefined;
    }
    const left = steps(atom.left);
    const rest = steps(atom.right);
    return left && rest ? [...left, ...rest] : undefined;
  }
  if (atom instanceof SymbolAtom) return atom.name.startsWith('%') ? undefined : [member(atom.name)];
  if (atom instanceof FunctionAtom) {
    if (atom.name === 'first' && atom.args.length === 0) return [first];
    if (atom.name === 'getResourceKey' && atom.args.length === 0) return [resourceKey];
    if (atom.name === 'getReferenceKey' && atom.args.length <= 1) {
      const type = atom.args[0];
      if (type !== undefined && !(type instanceof SymbolAtom)) return undefined;
      return [referenceKey(type?.name)];
    }
    if (atom.name === 'where' && atom.args.length === 1) {
      const test = atom.args[0];
      if (!(test instanceof EqualsAtom) || !(test.left instanceof SymbolAtom)) return undefined;
      const right = test.right;
      if (right instanceof SymbolAtom && right.name.startsWith('%')) {
        const variable = right.name;
        return [whereEquals(test.left.name, (variables) => variables[variable]?.value)];
      }
      if (right instanceof LiteralAtom && typeof right.value.value === 'string') {
        const literal = right.value.value;
        return [whereEquals(test.left.name, () => literal)];
      }
    }
  }
  return undefined;
}

/** The shortcut for an expression evaluated on the resource itself, when it has one. */
export function fastPath(expression: FhirPathAtom): FastPath | undefined {
  const chain = steps(expression.child);
  if (!chain) return undefined;
  return (resource, variables) => {
    let values: unknown[] | typeof UNSURE = [resource];
    for (const step of chain) {
      values = step(values, variables);
      if (values === UNSURE) return UNSURE;
    }
    // Objects (a whole CodeableConcept) go through Medplum, which knows how to type them.
    return values.some((v) => typeof v === 'object') ? UNSURE : values;
  };
}
