// The commands that read and write spreadsheets (exceljs, csv): one lazily loaded bundle for both,
// so the library is bundled once (see LAZY_COMMANDS in scripts/bundle-cli.mjs).
export { runExport } from './export';
export { runImport } from './import';
