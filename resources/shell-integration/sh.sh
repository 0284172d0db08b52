# Handrail shell integration for POSIX sh (dash, busybox ash). Loaded through $ENV for local
# shells or typed into a remote shell by the host, which sets __hr_nonce first.
# sh has no hook before a command runs, so there is no C mark: the host takes the command line
# from the echoed input after B and counts a command when that line is not empty.
# PS1 is expanded with command substitution in the prompt (POSIX), which runs in a subshell that
# sees $? of the last command, the nonce and the functions.
if [ -n "${HANDRAIL_NONCE_FILE:-}" ]; then
  IFS= read -r __hr_nonce < "$HANDRAIL_NONCE_FILE"
  rm -f -- "$HANDRAIL_NONCE_FILE"
  # The last of the two readers removes the folder (a host that was killed cannot).
  rmdir -- "${HANDRAIL_NONCE_FILE%/*}" 2>/dev/null || :
  unset HANDRAIL_NONCE_FILE
  if [ -n "${HANDRAIL_USER_ENV:-}" ]; then
    __hr_env=$HANDRAIL_USER_ENV
    unset HANDRAIL_USER_ENV
    [ -r "$__hr_env" ] && . "$__hr_env"
    unset __hr_env
  fi
fi
if [ -n "${__hr_nonce:-}" ] && [ -z "${__hr_installed:-}" ]; then
  __hr_installed=1
  __hr_mark() { printf '\033]633;%s;%s%s\007' "$1" "$__hr_nonce" "${2:+;$2}"; }
  # The working folder and exported variables for polls (see bash.sh), every prompt: the prompt
  # runs in a subshell that cannot remember the last one. Hex, in pieces the host joins.
  __hr_snapshot() {
    { printf '%s\n' "$PWD"; export -p; } | od -An -v -tx1 | tr -d ' \n' | fold -w 3000 |
      while IFS= read -r __hr_piece || [ -n "$__hr_piece" ]; do __hr_mark V "h$__hr_piece"; __hr_piece=; done
    __hr_mark V .
  }
  # The runner (see bash.sh for the protocol). sh has no ERR trap, so errexit cannot be caught
  # before it would end the shell: once a block turned it on, it is off again after each
  # command, the host stops at the first failure, and a compound command (a loop) runs as
  # `( set -e; … )` so that it stops at its first failure; what such a command changes in the
  # shell (a cd inside the loop) stays in that subshell.
  alias __hr_run='__hr_begin; while __hr_next; do if [ -n "$__hr_sub" ]; then ( set -e; eval "$__hr_cmd" ); else eval "$__hr_cmd"; fi; __hr_done "$?"; done; __hr_end'
  __hr_begin() { __hr_active=1 __hr_first=1 __hr_errexit=; }
  # The prompt as written (sh expands it only when it prints it): shown before each command.
  __hr_ps1=${PS1:-\$ }
  __hr_next() {
    __hr_cmd= __hr_flags= __hr_more=
    stty -echo 2>/dev/null
    __hr_mark P next
    while IFS= read -r __hr_l; do
      case $__hr_l in *"$__hr_nonce"*) ;; *) continue ;; esac
      __hr_l=${__hr_l#*"$__hr_nonce"}
      case $__hr_l in
        h*) __hr_flags=${__hr_l#h} ;;
        '|'*)
          if [ -n "$__hr_more" ]; then __hr_cmd="$__hr_cmd
"; fi
          __hr_cmd=$__hr_cmd${__hr_l#?}
          __hr_more=1
          ;;
        +*) __hr_cmd=$__hr_cmd${__hr_l#?} ;;
        .) break ;;
      esac
    done
    stty echo 2>/dev/null
    [ -n "$__hr_cmd" ] || return 1
    case $__hr_flags in *e*) __hr_errexit=1 ;; *n*) __hr_errexit= ;; esac
    __hr_sub=
    if [ -n "$__hr_errexit" ]; then case $__hr_flags in *c*) __hr_sub=1 ;; esac; fi
    if [ -n "$__hr_first" ]; then printf '\033[A\r\033[K'; __hr_first=; fi
    printf '%s%s\n' "$__hr_ps1" "$__hr_cmd"
    __hr_mark S
  }
  __hr_done() {
    __hr_mark X "$1"
    case $- in *e*) set +e; __hr_errexit=1 ;; esac
    return 0
  }
  __hr_end() { __hr_active=; set +e; stty echo 2>/dev/null; }
  # After a block Ctrl-C stopped (echo may be off). Not at every prompt: stty while keys are
  # typed ahead can lose them.
  __hr_restore() { if [ -n "${__hr_active:-}" ]; then stty echo 2>/dev/null; fi; }
  PS1='$(__hr_mark D "$?"; __hr_restore; __hr_snapshot; __hr_mark A)'"${PS1:-\$ }"'$(__hr_mark B)'
fi
