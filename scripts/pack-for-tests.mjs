// `npm run test:package` packs the package once, before its tests install
// the tarball into throwaway apps (tests/package/helpers/package.js).
import { pack } from '../tests/package/helpers/package.js';

const { tarball, files, size } = pack();
console.log(`pack-for-tests: ${tarball} (${files.length} files, ${size} bytes)`);
