// The Lighthouse command line, exactly as node_modules/.bin/lighthouse runs it, with one difference:
// the process exits as soon as the report is written and Chrome is closed. Lighthouse 13's image
// gatherer leaves a 5-second timer running, which otherwise keeps node alive after every page.
import {begin} from '../node_modules/lighthouse/cli/bin.js';

await begin();
process.exit(0);
