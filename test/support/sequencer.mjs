/**
 * The order jest runs the spec files in: its own (slowest first, failed first), except for the
 * two specs holding the default ports, which take turns by a lock. The fresh clone goes first and
 * the deployment run third, so that while one worker runs the first, the other runs the slowest
 * other spec (by time, failed or not), and the deployment run starts when the ports are free: neither worker waits idle
 * for the ports, and no long spec is left to run alone at the end.
 */
import testSequencer from '@jest/test-sequencer';

const Sequencer = testSequencer.default ?? testSequencer;
const FIRST = 'test/deploy/readme.spec.ts';
const THIRD = 'test/deploy/deployment.spec.ts';

export default class DefaultPortsApart extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const first = ordered.filter((test) => test.path.endsWith(FIRST));
    const third = ordered.filter((test) => test.path.endsWith(THIRD));
    const others = ordered.filter((test) => !first.includes(test) && !third.includes(test));
    // Second, the slowest other spec by its last run's time (super.sort sets it), even when jest
    // puts a spec that failed last time first: a short one there would leave the deployment run
    // waiting, its worker idle, for the fresh clone to free the ports.
    const second = others.reduce((slowest, test) => ((test.duration ?? 0) > (slowest?.duration ?? 0) ? test : slowest), others[0]);
    return [...first, ...(second ? [second] : []), ...third, ...others.filter((test) => test !== second)];
  }
}
