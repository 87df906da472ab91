/**
 * The Node flags the gateway runs with wherever it is deployed (the image's default command,
 * docker-compose's gateway service) and under `npm run bench`, kept here once: the deployment specs
 * check both files against it, and the bench forks our gateway with it.
 *
 * A young generation of at most 8 MB per semi-space (V8 sizes it from the machine's memory, up to
 * 64 MB here): the gateway's garbage is short-lived request data, so a smaller nursery is swept more
 * often and the process holds about 190 MB under the bench's load instead of about 300 MB, for
 * about a millisecond more of gateway CPU per dashboard request, while the subgraph tier sets the
 * throughput (npm run bench, README "Every target at once").
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = Object.freeze(['--max-semi-space-size=8']);
