/**
 * Completion scripts for bash, zsh and fish. Commands and options are written into the script; paper
 * ids and area names come from `papers __complete ids|areas`, run on the list the command line names
 * (its --file / -f, else $PAPERS_FILE, else ./README.md).
 */
import type { CommandSpec, CompletionSpec, OptionSpec } from './spec.js';

const SHELLS = ['bash', 'zsh', 'fish'];

function flags(options: OptionSpec[]): string[] {
  return options.flatMap((option) => [option.short, option.long].filter((flag): flag is string => flag !== null));
}

function valueFlags(spec: CompletionSpec): string[] {
  return [...spec.globals, ...spec.commands.flatMap((command) => command.options)]
    .filter((option) => option.takesValue)
    .flatMap((option) => flags([option]));
}

function withIds(spec: CompletionSpec, kind: CommandSpec['argument']): string[] {
  return spec.commands.filter((command) => command.argument === kind).flatMap((command) => command.names);
}

const ID_KINDS = ['ids', 'unread', 'read'] as const;

/** One `case` branch per kind of id that some command takes: `names) <body with KIND> ;;`. */
function idCases(spec: CompletionSpec, indent: string, body: (kind: string) => string): string {
  return ID_KINDS.filter((kind) => withIds(spec, kind).length > 0)
    .map((kind) => `${indent}${withIds(spec, kind).join('|')}) ${body(kind)} ;;`)
    .join('\n');
}

/** Single-quoted for sh-like shells. */
function q(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function bashScript(spec: CompletionSpec): string {
  const commandNames = spec.commands.flatMap((command) => command.names);
  const optionCases = spec.commands
    .map((command) => `      ${command.names.join('|')}) opts=${q(flags(command.options).join(' '))} ;;`)
    .join('\n');
  const choiceCases = [...spec.globals, ...spec.commands.flatMap((command) => command.options)]
    .filter((option) => Array.isArray(option.values))
    .map(
      (option) =>
        `    ${flags([option]).join('|')}) _papers_reply_words ${q((option.values as string[]).join(' '))}; return ;;`,
    );
  const uniqueChoiceCases = [...new Set(choiceCases)].join('\n');
  return `# bash completion for papers: source <(papers completion bash)
_papers_reply_lines() {
  # One candidate a line on stdin; keep those starting with the current word, quoted for the shell.
  local line
  COMPREPLY=()
  while IFS= read -r line; do
    [[ -n "$line" && "$line" == "$_papers_cur"* ]] && COMPREPLY+=("$(printf '%q' "$line")")
  done
}
_papers_reply_words() {
  COMPREPLY=($(compgen -W "$1" -- "$_papers_cur"))
}
_papers() {
  local _papers_cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" file="" i w
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
      -f|--file)
        # bash splits --file=x into --file, =, x.
        if [[ "\${COMP_WORDS[i+1]}" == "=" ]]; then file="\${COMP_WORDS[i+2]}"; (( i += 2 )); else file="\${COMP_WORDS[i+1]}"; (( i++ )); fi ;;
      --file=*) file="\${w#--file=}" ;;
      ${valueFlags(spec)
        .filter((flag) => flag !== '-f' && flag !== '--file')
        .join('|')}) [[ -n "$cmd" ]] && (( i++ )) ;;
      -*) ;;
      *) [[ -z "$cmd" ]] && cmd="$w" ;;
    esac
  done
  file="\${file/#\\~/$HOME}"
  local -a list=()
  [[ -n "$file" ]] && list=(--file "$file")
  case "$prev" in
    -f|--file) COMPREPLY=($(compgen -f -- "$_papers_cur")); compopt -o filenames 2>/dev/null; return ;;
    -a|--area) _papers_reply_lines < <(command papers "\${list[@]}" __complete areas 2>/dev/null); return ;;
${uniqueChoiceCases}
  esac
  if [[ -z "$cmd" ]]; then
    if [[ "$_papers_cur" == -* ]]; then _papers_reply_words ${q(flags(spec.globals).join(' '))}
    else _papers_reply_words ${q(commandNames.join(' '))}; fi
    return
  fi
  if [[ "$_papers_cur" == -* ]]; then
    local opts=""
    case "$cmd" in
${optionCases}
    esac
    _papers_reply_words "$opts"
    return
  fi
  case "$cmd" in
${idCases(spec, '    ', (kind) => `_papers_reply_lines < <(command papers "\${list[@]}" __complete ${kind} 2>/dev/null)`)}
    ${withIds(spec, 'shells').join('|')}) _papers_reply_words ${q(SHELLS.join(' '))} ;;
  esac
}
complete -F _papers papers
`;
}

function zshScript(spec: CompletionSpec): string {
  const describe = (name: string, text: string) => q(`${name.replace(/:/g, '\\:')}:${text}`);
  const commandList = spec.commands
    .flatMap((command) => command.names.map((name) => describe(name, command.description)))
    .join(' \\\n    ');
  const optionCases = spec.commands
    .map((command) => `      ${command.names.join('|')}) opts=(${flags(command.options).map(q).join(' ')}) ;;`)
    .join('\n');
  const choiceCases = [
    ...new Set(
      [...spec.globals, ...spec.commands.flatMap((command) => command.options)]
        .filter((option) => Array.isArray(option.values))
        .map(
          (option) =>
            `    ${flags([option]).join('|')}) compadd -- ${(option.values as string[]).map(q).join(' ')}; return ;;`,
        ),
    ),
  ].join('\n');
  return `#compdef papers
# zsh completion for papers: papers completion zsh > "\${fpath[1]}/_papers" (or: source <(papers completion zsh))
_papers() {
  local cmd="" file="" i w
  for (( i = 2; i < CURRENT; i++ )); do
    w="\${words[i]}"
    case "$w" in
      -f|--file) file="\${words[i+1]}"; (( i++ )) ;;
      --file=*) file="\${w#--file=}" ;;
      ${valueFlags(spec)
        .filter((flag) => flag !== '-f' && flag !== '--file')
        .join('|')}) [[ -n "$cmd" ]] && (( i++ )) ;;
      -*) ;;
      *) [[ -z "$cmd" ]] && cmd="$w" ;;
    esac
  done
  local prev="\${words[CURRENT-1]}" cur="\${words[CURRENT]}"
  local -a list opts
  [[ -n "$file" ]] && list=(--file "\${~file}")
  case "$prev" in
    -f|--file) _files; return ;;
    -a|--area) compadd -- \${(f)"$(command papers $list __complete areas 2>/dev/null)"}; return ;;
${choiceCases}
  esac
  if [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then compadd -- ${flags(spec.globals).map(q).join(' ')}
    else
      local -a commands
      commands=(
    ${commandList}
      )
      _describe -t commands 'papers command' commands
    fi
    return
  fi
  if [[ "$cur" == -* ]]; then
    case "$cmd" in
${optionCases}
    esac
    compadd -- $opts
    return
  fi
  case "$cmd" in
${idCases(spec, '    ', (kind) => `compadd -- \${(f)"$(command papers $list __complete ${kind} 2>/dev/null)"}`)}
    ${withIds(spec, 'shells').join('|')}) compadd -- ${SHELLS.map(q).join(' ')} ;;
  esac
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _papers "$@"
else
  compdef _papers papers
fi
`;
}

function fishScript(spec: CompletionSpec): string {
  const lines: string[] = [
    '# fish completion for papers: papers completion fish > ~/.config/fish/completions/papers.fish',
    'function __papers_list_args',
    '    set -l tokens (commandline -opc)',
    '    for i in (seq (count $tokens))',
    '        if contains -- $tokens[$i] -f --file; and test $i -lt (count $tokens)',
    '            echo --file',
    '            echo $tokens[(math $i + 1)]',
    '        end',
    '    end',
    'end',
    'function __papers_ids',
    '    command papers (__papers_list_args) __complete $argv[1] 2>/dev/null',
    'end',
    'function __papers_areas',
    '    command papers (__papers_list_args) __complete areas 2>/dev/null',
    'end',
    'complete -c papers -f',
  ];
  const all = spec.commands.flatMap((command) => command.names).join(' ');
  const option = (condition: string, spec: OptionSpec): string => {
    const parts = ['complete -c papers', `-n ${q(condition)}`];
    if (spec.short) parts.push(`-s ${spec.short.slice(1)}`);
    if (spec.long) parts.push(`-l ${spec.long.slice(2)}`);
    if (spec.takesValue) parts.push(spec.values === 'files' ? '-r -F' : '-x');
    if (Array.isArray(spec.values)) parts.push(`-a ${q(spec.values.join(' '))}`);
    if (spec.values === 'areas') parts.push(`-a '(__papers_areas)'`);
    parts.push(`-d ${q(spec.description)}`);
    return parts.join(' ');
  };
  for (const global of spec.globals) lines.push(option('true', global));
  for (const command of spec.commands) {
    for (const name of command.names)
      lines.push(
        `complete -c papers -n ${q(`not __fish_seen_subcommand_from ${all}`)} -a ${q(name)} -d ${q(command.description)}`,
      );
    const seen = `__fish_seen_subcommand_from ${command.names.join(' ')}`;
    for (const spec of command.options) lines.push(option(seen, spec));
    if (command.argument === 'ids' || command.argument === 'unread' || command.argument === 'read')
      lines.push(`complete -c papers -n ${q(seen)} -a '(__papers_ids ${command.argument})'`);
    if (command.argument === 'shells') lines.push(`complete -c papers -n ${q(seen)} -a ${q(SHELLS.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}

export const SCRIPTS: Record<string, (spec: CompletionSpec) => string> = {
  bash: bashScript,
  zsh: zshScript,
  fish: fishScript,
};
