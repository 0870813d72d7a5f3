// The demo's upload panel: pick or drop a file, get an upload URL signed in
// the page (upload-only credentials for the upload prefix), PUT it straight
// to the bucket with XMLHttpRequest (fetch has no upload progress), show the
// progress, then a signed download link for what was stored. Failures say
// what failed: COS's error code from the XML body, or CORS for a network error.

const $ = (id) => document.getElementById(id);

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** PUTs `body` with exactly the signed headers; resolves to { status, etag, code, message }. */
function putWithProgress(upload, body, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(upload.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size));
    xhr.addEventListener('load', () => {
      const text = xhr.responseText || '';
      resolve({
        status: xhr.status,
        etag: xhr.getResponseHeader('ETag'),
        code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1],
        message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1],
      });
    });
    // A refused preflight or a missing CORS rule is a network error to the page, never the 403.
    xhr.addEventListener('error', () => resolve({ status: 0 }));
    xhr.addEventListener('abort', () => resolve({ status: 0, message: 'aborted' }));
    xhr.send(body);
  });
}

/**
 * Wires the panel. getPresigner/getConfig: the page's current ones;
 * onUploaded({ key, size, contentType }): the page lists the new object.
 */
export function setUpUploadPanel({ getPresigner, getConfig, onUploaded, describeError }) {
  const input = $('upload-file');
  const drop = $('upload-drop');
  const progress = $('upload-progress');
  const result = $('upload-result');
  let busy = false;

  function show(kind, text, status) {
    result.className = `result ${kind}`;
    result.textContent = text;
    if (status !== undefined) result.dataset.status = String(status);
  }

  async function upload(file) {
    if (busy || !file) return;
    busy = true;
    delete result.dataset.status;
    result.replaceChildren();
    const config = getConfig();
    const key = `${config.uploadPrefix}${file.name}`;
    let events = 0;
    try {
      if (config.maxUploadBytes && file.size > config.maxUploadBytes) {
        show('bad', `${file.name} is ${formatBytes(file.size)}; this bucket takes at most ${formatBytes(config.maxUploadBytes)} per upload.`, 'too-large');
        return;
      }
      // Sign the type the browser would send for this file, and pin the size.
      const signed = await getPresigner().getUploadUrl(key, {
        contentType: file.type || 'application/octet-stream', contentLength: file.size, expires: 600,
      });
      progress.hidden = false;
      progress.value = 0;
      show('', `Uploading ${file.name} (${formatBytes(file.size)}) to ${key}…`);
      const r = await putWithProgress(signed, file, (loaded, total) => {
        events++;
        progress.value = total ? loaded / total : 1;
        result.dataset.progressEvents = String(events);
      });
      result.dataset.progressEvents = String(events);
      if (r.status === 0) {
        show('bad', `Network error uploading ${file.name}: the bucket's CORS rule must allow PUT from this origin with the headers ${Object.keys(signed.headers).join(', ')}.`, 0);
        return;
      }
      if (r.status !== 200) {
        show('bad', `Upload refused: ${r.status} ${r.code || ''}${r.message ? `: ${r.message}` : ''}`, r.status);
        result.dataset.code = r.code || '';
        return;
      }
      progress.value = 1;
      const link = await getPresigner().getObjectUrl(key, { download: file.name, expires: 600 });
      const a = document.createElement('a');
      a.href = link;
      a.textContent = 'signed download link';
      a.rel = 'noopener';
      a.id = 'upload-link';
      result.className = 'result ok';
      result.textContent = `Stored ${key} (${formatBytes(file.size)}, ETag ${r.etag}) · `;
      result.append(a);
      result.dataset.status = '200';
      result.dataset.etag = r.etag || '';
      result.dataset.key = key;
      onUploaded({ key, size: file.size, contentType: file.type });
    } catch (e) {
      show('bad', `Could not upload: ${describeError(e)}`, 'error');
    } finally {
      busy = false;
      input.value = '';
    }
  }

  input.addEventListener('change', () => upload(input.files[0]));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    upload(e.dataTransfer.files[0]);
  });
  return { upload };
}
