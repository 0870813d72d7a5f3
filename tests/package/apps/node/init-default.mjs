// init() from the package's default location, reporting how it ended: run
// by the tests under Deno without --allow-read, which must be a clear InitError.
import { init } from 'cos-presign';

init().then(
  (signer) => console.log(JSON.stringify({ loaded: typeof signer.presignUrl })),
  (e) => console.log(JSON.stringify({ name: e.name, code: e.code, cause: e.cause?.name, message: e.message })),
);
