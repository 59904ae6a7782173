import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labDown, labUp } from './lab';
import { fleetFile, secretsFile } from './labPaths';
import { labStatus } from './labStatus';
import { FAULT_NAMES, runFault } from './faultCommands';

const USAGE = `Usage: npm run lab -- up [fleet-spec.json] | down | status | fault PLATFORM FAULT [ARG]
  up      start a lab fleet (default: test/lab/fleets/demo.json) and write a fleet file the console imports
  down    remove everything the lab made: processes, mounts, loop devices, namespaces, veths
  status  show each platform's namespace, SSH port and data partition use
  fault   inject or heal a fault on one platform: ${FAULT_NAMES.join(', ')}`;

async function main(): Promise<void> {
  const [command, argument] = process.argv.slice(2);
  switch (command) {
    case 'up': {
      const specPath = argument ?? join(__dirname, 'fleets', 'demo.json');
      const started = Date.now();
      const lab = await labUp(JSON.parse(await readFile(specPath, 'utf8')) as unknown);
      for (const p of lab.platforms) console.log(`${p.name.padEnd(24)} ${p.address.padEnd(15)} ${p.sshServer.padEnd(9)} ${p.formFactor.padEnd(14)} /dev/${p.dataDevice}`);
      console.log(`\n${lab.platforms.length} platforms up in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      console.log(`Fleet file: ${fleetFile()}\nSecrets:    ${secretsFile()} (admin and root passwords; keep it private)`);
      return;
    }
    case 'down':
      await labDown();
      console.log('The lab is down; nothing of it is left.');
      return;
    case 'status': {
      const rows = await labStatus();
      if (rows.length === 0) console.log('No lab is running. Start one with: npm run lab -- up');
      for (const r of rows) {
        console.log(`${r.site.padEnd(16)} ${r.name.padEnd(24)} ${r.address.padEnd(15)} ${r.sshServer.padEnd(9)} ns:${r.namespace ? 'up' : 'MISSING'} ssh:${r.sshOpen ? 'open' : 'CLOSED'} data:${r.dataUse}`);
      }
      return;
    }
    case 'fault': {
      const [platform, faultName, value] = process.argv.slice(3);
      if (!platform || !faultName) throw new Error(USAGE);
      console.log(await runFault(platform, faultName, value));
      return;
    }
    default:
      console.log(USAGE);
      if (command !== undefined && command !== 'help') process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
