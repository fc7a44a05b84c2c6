import { runImport } from '/work/main/server/src/cli/import.ts';
const r = await runImport({ file: process.argv[2], output: process.argv[3], force: true });
console.log(r.report.join('\n'));
