/**
 * The specs that run the whole system on its default ports, one after the other in one file: in
 * two files, one worker would wait idle for the other to let go of the ports.
 * - support/readme-walkthrough.ts: the README's two commands in a fresh clone, and its walk-through as pasted;
 * - support/deployment-run.ts: every service of docker-compose.yml as a process of its own, in production.
 */
import './support/readme-walkthrough';
import './support/deployment-run';
