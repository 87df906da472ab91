/**
 * The order jest runs the spec files in: its own (slowest first, failed first), except that the
 * two specs holding the default ports are kept apart — the fresh clone first, the deployment run
 * last — so that neither of the two workers waits idle for the other to let go of the ports.
 */
import testSequencer from '@jest/test-sequencer';

const Sequencer = testSequencer.default ?? testSequencer;
const FIRST = 'test/deploy/readme.spec.ts';
const LAST = 'test/deploy/deployment.spec.ts';

export default class DefaultPortsApart extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const rank = (test) => (test.path.endsWith(FIRST) ? -1 : test.path.endsWith(LAST) ? 1 : 0);
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}
