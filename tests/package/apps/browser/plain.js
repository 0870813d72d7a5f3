// The app with no bundler: the package's web/ folder served as it is
// installed (at /vendor/cos-presign/), imported by path from a module script.
import * as cos from '/vendor/cos-presign/index.js';
import * as sigv4 from '/vendor/cos-presign/index-sigv4.js';
import { runApp } from './app.js';

runApp(cos, sigv4);
