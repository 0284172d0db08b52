/** Entry point of browser mode (`npm run serve`, and `npm start` where Electron is missing). */
import { reportFatal } from './fatal';
import { runBrowserMode } from './browser-mode';

runBrowserMode(process.argv.slice(2)).catch(reportFatal);
