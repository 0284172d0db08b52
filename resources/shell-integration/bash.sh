# Handrail shell integration for bash (>= 4.4, for PS0). Emits OSC 633-style marks that the host
# reads to know where prompts and commands begin and end and how each command exited:
#   A prompt start, B prompt end (input starts), C command output starts, D;<code> command ended.
# Every mark carries the session's nonce (a shell variable, never exported) so output of a
# program cannot forge one. Loaded at spawn for local shells (--rcfile) or typed into a remote
# shell by the host, which sets __hr_nonce first. A local shell reads the nonce from a file only
# the user can read and deletes it at once (the environment would keep it in /proc/<pid>/environ
# for any program of the session to read).
if [ -n "${HANDRAIL_NONCE_FILE:-}" ]; then
  IFS= read -r __hr_nonce < "$HANDRAIL_NONCE_FILE"
  rm -f -- "$HANDRAIL_NONCE_FILE"
  # The last of the two readers removes the folder (a host that was killed cannot).
  rmdir -- "${HANDRAIL_NONCE_FILE%/*}" 2>/dev/null || :
  unset HANDRAIL_NONCE_FILE
  if [ -n "${HANDRAIL_SOURCE_RC:-}" ]; then
    unset HANDRAIL_SOURCE_RC
    [ -r /etc/bash.bashrc ] && . /etc/bash.bashrc
    [ -r "$HOME/.bashrc" ] && . "$HOME/.bashrc"
  fi
fi
if [ -n "${__hr_nonce:-}" ] && [ -z "${__hr_installed:-}" ]; then
  __hr_installed=1
  __hr_mark() { printf '\033]633;%s;%s%s\007' "$1" "$__hr_nonce" "${2:+;$2}"; }
  __hr_b=$(__hr_mark B)
  # The newest history entry: "<number> <command line>".
  __hr_history() { HISTTIMEFORMAT= builtin history 1 2>/dev/null; }
  # E with the command line, from the history entry the line just made. A line kept out of the
  # history (ignorespace, ignoredups, history off) sends no E and the host reads the echoed input.
  # Escaped so the line cannot end or split the mark: \ -> \\, ; -> \x3b, ESC/BEL/LF/CR -> \xHH.
  __hr_e() {
    local entry line
    entry=$(__hr_history)
    [[ $entry =~ ^[[:space:]]*([0-9]+)[*[:space:]]+(.*)$ ]] || return 0
    [ "${BASH_REMATCH[1]}" != "${__hr_last_history:-}" ] || return 0
    line=${BASH_REMATCH[2]}
    line=${line//\\/\\\\}
    line=${line//;/\\x3b}
    line=${line//$'\e'/\\x1b}
    line=${line//$'\a'/\\x07}
    line=${line//$'\n'/\\x0a}
    line=${line//$'\r'/\\x0d}
    __hr_mark E "$line"
  }
  # PS0 is printed after a command line is read and before it runs (bash 4.4+): E, then C.
  PS0="${PS0:-}"'$(__hr_e)'"$(__hr_mark C)"
  __hr_precmd() {
    local __hr_status=$?
    # A block Ctrl-C stopped did not reach __hr_end: undo what the runner changed.
    __hr_end
    # D is sent after every prompt; the host counts it only after a C, so an empty line or
    # Ctrl-C at the prompt records no command.
    __hr_mark D "$__hr_status"
    __hr_snapshot
    __hr_last_history=$(__hr_history)
    __hr_last_history=${__hr_last_history#"${__hr_last_history%%[0-9]*}"}
    __hr_last_history=${__hr_last_history%%[!0-9]*}
    __hr_mark A
    # Prompt frameworks may rewrite PS1 each time; put the B mark back at its end if it is gone.
    case "$PS1" in *"$__hr_b"*) ;; *) PS1="${PS1}\\[${__hr_b}\\]" ;; esac
    return $__hr_status
  }
  # The working folder and exported variables, so that a poll runs where this shell stands:
  # sent as V marks (escaped like E, in pieces the host joins) when they changed since the last
  # prompt. `export -p` prints them as bash reads them back.
  __hr_snapshot() {
    local now piece
    now="$PWD"$'\n'"$(builtin export -p)"
    [ "$now" != "${__hr_last_snapshot:-}" ] || return 0
    __hr_last_snapshot=$now
    now=${now//\\/\\\\}
    now=${now//$'\e'/\\x1b}
    now=${now//$'\a'/\\x07}
    now=${now//$'\n'/\\x0a}
    now=${now//$'\r'/\\x0d}
    while [ -n "$now" ]; do
      piece=${now:0:3000}
      now=${now:3000}
      __hr_mark V "+$piece"
    done
    __hr_mark V .
  }
  # The runner (docs/terminals.md, "Running a step"). The host types ` __hr_run`; the loop asks
  # for each command with a P;next mark and reads it with echo off (lines carry the nonce:
  # anything typed ahead is dropped); it runs in this shell, not a subshell, between an S and an
  # X;<code> mark. An empty command ends the block.
  # errexit is scoped to the block: the ERR trap below turns it off before bash would exit and
  # returns from the command instead, so `set -e` stops the block, never the shell.
  alias __hr_run='__hr_begin; while __hr_next; do __hr_arm; . <(builtin printf "%s\n" "$__hr_cmd"); __hr_done; done; __hr_end'
  __hr_begin() {
    local entry
    __hr_active=1 __hr_first=1 __hr_errexit= __hr_stop=
    __hr_saved_err=$(builtin trap -p ERR)
    __hr_saved_flags=$-
    entry=$(__hr_history)
    if [[ $entry =~ ^[[:space:]]*([0-9]+)[*[:space:]]+__hr_run[[:space:]]*$ ]]; then
      builtin history -d "${BASH_REMATCH[1]}" 2>/dev/null
    fi
    set -E
    builtin trap '__hr_err && return 2>/dev/null' ERR
    return 0
  }
  # In the ERR trap: true (stop: return) when errexit would end the shell, or already did stop
  # this command; subshells keep bash's own errexit.
  __hr_err() {
    [ "$BASH_SUBSHELL" = 0 ] || return 1
    case $- in *e*) set +e; __hr_errexit=1; __hr_stop=1 ;; esac
    [ -n "$__hr_stop" ]
  }
  __hr_next() {
    local line first=1
    __hr_cmd= __hr_flags=
    command stty -echo 2>/dev/null
    __hr_mark P next
    while IFS= read -r line; do
      [[ $line == *"$__hr_nonce"* ]] || continue
      line=${line#*"$__hr_nonce"}
      case $line in
        h*) __hr_flags=${line#h} ;;
        '|'*)
          [ -n "$first" ] || __hr_cmd+=$'\n'
          __hr_cmd+=${line#?}
          first=
          ;;
        +*) __hr_cmd+=${line#?} ;;
        .) break ;;
      esac
    done
    command stty echo 2>/dev/null
    [ -n "$__hr_cmd" ] || return 1
    case $__hr_flags in *e*) __hr_errexit=1 ;; esac
    __hr_show
    __hr_mark S
  }
  # The prompt's last line and the command, as if typed (the first replaces the ` __hr_run` line).
  __hr_show() {
    local prompt=${PS1//"$__hr_b"/} more=${PS2@P}
    prompt=${prompt@P}
    prompt=${prompt//[$'\001\002']/}
    prompt=${prompt##*$'\n'}
    if [ -n "$__hr_first" ]; then
      builtin printf '\033[A\r\033[K'
      __hr_first=
    fi
    builtin printf '%s%s\n' "$prompt" "${__hr_cmd//$'\n'/$'\n'"${more//[$'\001\002']/}"}"
  }
  __hr_arm() {
    __hr_stop=
    [ -z "$__hr_errexit" ] || set -e
  }
  __hr_done() {
    local status=$? flags=$-
    set +e
    __hr_mark X "$status"
    case $flags in
      *e*) __hr_errexit=1 ;;
      *) [ -n "$__hr_stop" ] || __hr_errexit= ;;
    esac
    builtin history -s -- "$__hr_cmd"
    return 0
  }
  __hr_end() {
    [ -n "${__hr_active:-}" ] || return 0
    __hr_active=
    set +e
    if [ -n "$__hr_saved_err" ]; then eval "$__hr_saved_err"; else builtin trap - ERR; fi
    case $__hr_saved_flags in *E*) ;; *) set +E ;; esac
    case $__hr_saved_flags in *e*) set -e ;; esac
    command stty echo 2>/dev/null
    return 0
  }
  PROMPT_COMMAND="__hr_precmd${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
fi
