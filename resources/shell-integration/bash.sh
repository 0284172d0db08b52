# Handrail shell integration for bash (>= 4.4, for PS0). Emits OSC 633-style marks that the host
# reads to know where prompts and commands begin and end and how each command exited:
#   A prompt start, B prompt end (input starts), C command output starts, D;<code> command ended.
# Every mark carries the session's nonce (a shell variable, never exported) so output of a
# program cannot forge one. Loaded at spawn for local shells (--rcfile) or typed into a remote
# shell by the host, which sets __hr_nonce first. Nothing is written to disk.
if [ -n "${HANDRAIL_NONCE:-}" ]; then
  __hr_nonce=$HANDRAIL_NONCE
  unset HANDRAIL_NONCE
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
    # D is sent after every prompt; the host counts it only after a C, so an empty line or
    # Ctrl-C at the prompt records no command.
    __hr_mark D "$__hr_status"
    __hr_last_history=$(__hr_history)
    __hr_last_history=${__hr_last_history#"${__hr_last_history%%[0-9]*}"}
    __hr_last_history=${__hr_last_history%%[!0-9]*}
    __hr_mark A
    # Prompt frameworks may rewrite PS1 each time; put the B mark back at its end if it is gone.
    case "$PS1" in *"$__hr_b"*) ;; *) PS1="${PS1}\\[${__hr_b}\\]" ;; esac
    return $__hr_status
  }
  PROMPT_COMMAND="__hr_precmd${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
fi
