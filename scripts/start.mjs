// `npm start`: build, package the .vsix, and check the bundled example workspace.
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run(process.execPath, ['scripts/build.mjs', '--production']);
run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', 'dist/isms-author.vsix']);
console.log(`\npackaged dist/isms-author.vsix (${Math.round(statSync('dist/isms-author.vsix').size / 1024)} KiB)\n`);
console.log('$ node dist/cli.js check examples/acme-isms\n');
const check = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples/acme-isms'], { stdio: 'inherit' });
if (check.status === 1) {
  console.log('\nExit code 1 is expected: the example holds deliberate mistakes, listed in examples/acme-isms/README.md.');
} else if (check.status !== 0) {
  process.exit(check.status ?? 2);
}
