// Option checking shared by the COS and SigV4 signers: JS types, lone
// surrogates, and the core's error records turned into errors that name
// the option (never its value).
import { invalid } from './errors.js';
import { checkWellFormed } from './wire.js';
import { coreMessage } from './core-messages.js';

export function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export function checkOptions(options, allowed) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalid('ERR_INVALID_TYPE', 'options', `must be an object, not ${typeName(options)}`);
  }
  for (const name in options) {
    if (!allowed.has(name) && options[name] !== undefined) {
      // A typo such as `expire` (or an option of the other signature) would
      // otherwise silently mean the default.
      throw invalid('ERR_UNKNOWN_OPTION', JSON.stringify(name), 'is not an option of this call');
    }
  }
  return options;
}

// A batch's keys: an array of well-formed strings; a bad one is named by index.
export function checkKeys(keys) {
  if (!Array.isArray(keys)) throw invalid('ERR_INVALID_TYPE', 'keys', 'must be an array of strings');
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof k !== 'string') {
      throw invalid(k === undefined || k === null ? 'ERR_MISSING_FIELD' : 'ERR_INVALID_TYPE', 'key', 'must be a string', i);
    }
    checkWellFormed(k, 'key', i);
  }
}

// A string option. `fallback` undefined means required.
export function string(o, field, fallback) {
  return stringValue(o[field], field, fallback);
}

export function stringValue(v, field, fallback) {
  if (v === undefined || v === null || v === '') {
    if (fallback !== undefined) return fallback;
    throw invalid('ERR_MISSING_FIELD', field, 'is required');
  }
  if (typeof v !== 'string') throw invalid('ERR_INVALID_TYPE', field, `must be a string, not ${typeName(v)}`);
  checkWellFormed(v, field);
  return v;
}

// Query or header object -> [[name, value | null]]. `undefined` values are
// left out; `null` is a query parameter without a value.
export function pairs(obj, field) {
  if (obj === undefined || obj === null) return [];
  if (typeof obj !== 'object' || Array.isArray(obj)) {
    throw invalid('ERR_INVALID_TYPE', field, `must be an object of name: value, not ${typeName(obj)}`);
  }
  const isQuery = field === 'query';
  const list = [];
  for (const name of Object.keys(obj)) {
    const v = obj[name];
    if (v === undefined) continue;
    const label = `${isQuery ? 'query' : 'header'} ${JSON.stringify(name)}`;
    checkWellFormed(name, `${label} name`);
    let value;
    if (typeof v === 'string') {
      checkWellFormed(v, `${label} value`);
      value = v;
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      value = String(v);
    } else if (v === null && isQuery) {
      value = null;
    } else {
      throw invalid('ERR_INVALID_VALUE', `${label} value`,
        `must be a string or a finite number${isQuery ? ', or null for a parameter without a value' : ''}, not ${typeName(v)}`);
    }
    list.push([name, value]);
  }
  return list;
}

export function listBound(list) {
  let n = 4;
  for (const [name, value] of list) n += 9 + 3 * name.length + (value === null ? 0 : 3 * value.length);
  return n;
}

// The core's error record -> an InvalidArgumentError naming the option.
export function coreError(r, query, headers, batch) {
  let field = r.field;
  let index;
  if (field === 'key') {
    if (batch) index = r.index;
  } else {
    // Name the parameter (names are not secret; values are never echoed).
    const m = /^(query|header) (name|value)$/.exec(field);
    const entry = m && (m[1] === 'query' ? query : headers)[r.index];
    if (entry) field = `${m[1]} ${JSON.stringify(entry[0])} ${m[2]}`;
  }
  const err = invalid(r.code, field, coreMessage(r.code, r.field), index);
  err.field = r.field;
  return err;
}
