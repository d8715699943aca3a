// @ts-check
// The type-check: tsconfig.json (src, test, scripts/*.ts) and tsconfig.scripts.json (the .mjs scripts,
// checked from their JSDoc), as two programs that parse the declaration files of node_modules (the
// standard library, @types/node: most of the lines) once between them. Exit 1 on any error.
// (The lint and the format check are Biome's: `npm run lint`, `npm run format:check`.)
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @type {Map<string, ts.SourceFile | undefined>} */
const sharedLibraries = new Map();

/**
 * A program for one tsconfig. Declaration files from node_modules (the standard library, @types/node:
 * most of the lines parsed) are parsed once for both configs; both use the same target.
 * @param {string} configName
 */
function programOf(configName) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    `${root}/${configName}`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configName}`);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.includes('/node_modules/')) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!sharedLibraries.has(key))
      sharedLibraries.set(key, getSourceFile(fileName, languageVersion, onError, shouldCreate));
    return sharedLibraries.get(key);
  };
  return {
    program: ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host }),
    configErrors: parsed.errors,
  };
}

const formatHost = {
  getCanonicalFileName: (/** @type {string} */ name) => name,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

const main = programOf('tsconfig.json');
const scripts = programOf('tsconfig.scripts.json');
const diagnostics = [
  ...main.configErrors,
  ...ts.getPreEmitDiagnostics(main.program),
  ...scripts.configErrors,
  ...ts.getPreEmitDiagnostics(scripts.program),
];
if (diagnostics.length > 0) {
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  process.stdout.write(format(diagnostics, formatHost));
  process.stdout.write(`\ntype-check: ${diagnostics.length} error(s)\n`);
}
process.exitCode = diagnostics.length > 0 ? 1 : 0;
