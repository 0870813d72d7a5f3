// The demo's "Explain a link": runs explainUrl on a link (verifying with the
// STS secret this page holds for the link's access key, if any) and renders
// the explanation readably: the verdict and window with seconds left, the
// problems highlighted, what is signed and what is not, the canonical
// strings, and, for a failed fetch, COS's error XML beside it.
import { explainUrl } from '../index.js';

function h(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

/**
 * explain(url, { method, clockOffset, secretFor }) -> { explanation, secretHeld } or { error }.
 * `secretFor(accessKeyId)` gives the secret key this page holds for it, or undefined.
 */
export async function explain(url, { method, clockOffset, secretFor }) {
  try {
    const first = await explainUrl(url, { method, clockOffset });
    const secretKey = secretFor(first.accessKeyId);
    if (secretKey === undefined) return { explanation: first, secretHeld: false };
    return { explanation: await explainUrl(url, { method, clockOffset, secretKey }), secretHeld: true };
  } catch (error) {
    return { error };
  }
}

const showLines = (text) => text.replace(/\n/g, '↵\n');

function verdict(e, secretHeld) {
  if (!secretHeld) return { cls: 'unknown', text: `Signature not checked: this page holds no secret for ${e.accessKeyId}.` };
  if (e.verified) return { cls: 'ok', text: 'The signature verifies with the credentials this page holds.' };
  return { cls: 'bad', text: 'The signature does not match.' };
}

function windowLine(e) {
  const fmt = (s) => new Date(s * 1000).toLocaleString();
  const left = h('span', { class: 'countdown' });
  // app.js's ticker updates every .countdown[data-expires-at] each second.
  left.dataset.expiresAt = String(Date.now() + e.secondsLeft * 1000);
  left.dataset.lifetime = String(Math.max(1, e.end - e.start));
  return h('p', { class: 'window' }, [`Valid ${fmt(e.start)} → ${fmt(e.end)} (${e.end - e.start} s) · left: `, left]);
}

function partsTable(e) {
  const rows = [];
  const row = (kind, part, signed) => rows.push(h('tr', { class: signed ? 'signed' : 'unsigned' }, [
    h('td', { text: kind }), h('td', { class: 'mono', text: part.name }),
    h('td', { class: 'mono', text: part.value === null ? '(none)' : part.value }),
    h('td', { text: signed ? 'signed' : 'not signed' }),
  ]));
  for (const p of e.signedHeaders) row('header', p, true);
  for (const p of e.signedParams) row('parameter', p, true);
  for (const p of e.unsignedParams) row('parameter', p, false);
  return h('table', { class: 'parts' }, [
    h('thead', {}, [h('tr', {}, ['', 'name', 'value', ''].map((t) => h('th', { text: t })))]),
    h('tbody', {}, rows),
  ]);
}

function facts(e) {
  const items = [['kind', e.kind === 'cos' ? 'COS signature' : 'AWS SigV4'], ['method', e.method], ['host', e.host],
    ['bucket', e.bucket ?? '(not told by the host)'], ['region', e.region ?? '(not told by the host)'], ['key', e.key], ['access key', e.accessKeyId]];
  return h('dl', { class: 'facts' }, items.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { class: 'mono', text: v })]));
}

function canonicalStrings(e) {
  const c = e.canonical;
  const blocks = e.kind === 'cos'
    ? [['HttpString', c.httpString], ['StringToSign', c.stringToSign]]
    : [['Canonical request', c.canonicalRequest], ['String to sign', c.stringToSign]];
  return h('details', { class: 'canonical' }, [
    h('summary', { text: 'Canonical strings, as the server builds them from this link (↵ marks a line end)' }),
    ...blocks.flatMap(([title, text]) => [h('h4', { text: title }), h('pre', { text: showLines(text) })]),
  ]);
}

/** The rendered result of explain(); `answer` = { status, xml } of a failed fetch, shown beside it. */
export function renderExplanation({ explanation: e, secretHeld, error }, answer) {
  const body = [];
  let state;
  if (error) {
    state = 'error';
    body.push(h('p', { class: 'verdict bad', text: `Not explained: ${error.message} (${error.code || error.name})` }));
  } else {
    const v = verdict(e, secretHeld);
    state = secretHeld ? String(e.verified) : 'unchecked';
    body.push(h('p', { class: `verdict ${v.cls}`, text: v.text }), windowLine(e));
    const refused = answer && answer.xml !== undefined;
    body.push(e.problems.length === 0
      ? h('p', { class: 'no-problems', text: refused && e.verified
        ? 'No problem found in the link: it is signed right, so the refusal is about permissions (what the credentials allow), not the signature.'
        : 'No problem found in the link.' })
      : h('ul', { class: 'problems' }, e.problems.map((p) => h('li', { class: 'problem', 'data-code': p.code }, [
        h('code', { text: p.code }), ' ', h('span', { class: 'mono', text: p.field }), `: ${p.message}`,
      ]))));
    body.push(facts(e), partsTable(e), canonicalStrings(e));
  }
  const panel = h('div', { class: 'explanation', 'data-verified': state, 'data-problems': e ? e.problems.map((p) => p.code).join(' ') : '' });
  if (answer && answer.xml !== undefined) {
    panel.append(h('div', { class: 'why-columns' }, [
      h('div', {}, body),
      h('div', { class: 'answer' }, [h('h4', { text: `What the server answered (HTTP ${answer.status})` }), h('pre', { class: 'xml', text: answer.xml })]),
    ]));
  } else {
    panel.append(...body);
  }
  return panel;
}
