// The app as bundlers see it: the package imported by name.
import * as cos from 'cos-presign';
import * as sigv4 from 'cos-presign/sigv4';
import { runApp } from './app.js';

runApp(cos, sigv4);
