import { runInit, configTemplate } from '/work/main/server/src/cli/init.ts';
console.log(configTemplate());
console.log(await runInit(process.argv[2], { today: '2026-02-29'.replace('02-29','03-01') }));
