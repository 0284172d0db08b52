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
  # PS0 is printed after a command line is read and before it runs (bash 4.4+): the C mark.
  PS0="${PS0:-}$(__hr_mark C)"
  __hr_precmd() {
    local __hr_status=$?
    # D is sent after every prompt; the host counts it only after a C, so an empty line or
    # Ctrl-C at the prompt records no command.
    __hr_mark D "$__hr_status"
    __hr_mark A
    # Prompt frameworks may rewrite PS1 each time; put the B mark back at its end if it is gone.
    case "$PS1" in *"$__hr_b"*) ;; *) PS1="${PS1}\\[${__hr_b}\\]" ;; esac
    return $__hr_status
  }
  PROMPT_COMMAND="__hr_precmd${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
fi
