// @ts-check
// The type-check and the lint over one TypeScript program. tsc and typescript-eslint's type-aware rules
// each build a program of the same ~650 files (parse, bind, check); run apart they cost ~17 s and ~24 s of
// CPU on this machine, together here ~25 s: ESLint is handed the program tsc has already checked
// (typescript-eslint's `parserOptions.programs`), so its type questions are answered from tsc's work.
//
//   node scripts/check.mjs            both (what npm test runs)
//   node scripts/check.mjs --types    the type-check only (npm run typecheck)
//   node scripts/check.mjs --lint     the lint only (npm run lint); more arguments are files to lint
//
// The type-check covers tsconfig.json (src, test, scripts/*.ts) and tsconfig.scripts.json (the .mjs
// scripts, checked from their JSDoc); the lint every file ESLint's config takes (eslint.config.js).
// Exit 1 when either finds a problem.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const typesOnly = args.includes('--types');
const lintOnly = args.includes('--lint');
const lintTargets = args.filter((arg) => !arg.startsWith('--'));

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

let failed = false;
const main = programOf('tsconfig.json');

if (!lintOnly) {
  const diagnostics = [...main.configErrors, ...ts.getPreEmitDiagnostics(main.program)];
  const scripts = programOf('tsconfig.scripts.json');
  diagnostics.push(...scripts.configErrors, ...ts.getPreEmitDiagnostics(scripts.program));
  if (diagnostics.length > 0) {
    failed = true;
    const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
    process.stdout.write(format(diagnostics, formatHost));
    process.stdout.write(`\ntype-check: ${diagnostics.length} error(s)\n`);
  }
}

if (!typesOnly) {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ['**/*.ts'],
      languageOptions: { parserOptions: { projectService: false, programs: [main.program] } },
    },
  });
  const results = await eslint.lintFiles(lintTargets.length > 0 ? lintTargets : ['.']);
  const output = await (await eslint.loadFormatter('stylish')).format(results);
  if (output) process.stdout.write(output);
  if (results.some((result) => result.errorCount > 0 || result.fatalErrorCount > 0)) failed = true;
}

process.exitCode = failed ? 1 : 0;
