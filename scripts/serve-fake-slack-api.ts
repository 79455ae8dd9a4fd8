/** The stand-in Web API for npm run bench:slack, in its own process as Slack's would be. Prints its port. */
import { FakeSlackApi } from '../tests/support/fake-slack-api.js';

const api = new FakeSlackApi({ recordCalls: false });
void api.start().then(() => process.stdout.write(`${api.port}\n`));
process.once('SIGINT', () => process.exit(0));
