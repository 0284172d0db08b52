# Handrail shell integration for zsh. Local zsh loads it through ZDOTDIR (the host points ZDOTDIR
# at a folder whose .zshrc sources the user's own and then this file); a remote zsh gets it typed
# in by the host, which sets __hr_nonce first. Same marks as bash.sh: A, B, C, D;<code>.
if [[ -n "${HANDRAIL_NONCE_FILE:-}" ]]; then
  IFS= read -r __hr_nonce < "$HANDRAIL_NONCE_FILE"
  rm -f -- "$HANDRAIL_NONCE_FILE"
  # The last of the two readers removes the folder (a host that was killed cannot).
  rmdir -- "${HANDRAIL_NONCE_FILE%/*}" 2>/dev/null || :
  unset HANDRAIL_NONCE_FILE
fi
if [[ -n "${__hr_nonce:-}" && -z "${__hr_installed:-}" ]]; then
  __hr_installed=1
  __hr_mark() { printf '\033]633;%s;%s%s\007' "$1" "$__hr_nonce" "${2:+;$2}"; }
  __hr_b=$(__hr_mark B)
  __hr_precmd() {
    local __hr_status=$?
    __hr_end
    __hr_mark D "$__hr_status"
    __hr_snapshot
    __hr_mark A
    [[ "$PS1" == *"$__hr_b"* ]] || PS1="${PS1}%{${__hr_b}%}"
    return $__hr_status
  }
  __hr_preexec() { __hr_mark C; }
  # Snapshot and runner as in bash.sh and sh.sh (untested: zsh is not installed where Handrail
  # is built). Like sh, a compound command runs in `( set -e; … )` once a block set errexit.
  __hr_snapshot() {
    local now piece
    now="$PWD"$'\n'"$(export -p)"
    [[ "$now" != "${__hr_last_snapshot:-}" ]] || return 0
    __hr_last_snapshot=$now
    now=${now//\\/\\\\}
    now=${now//$'\e'/\\x1b}
    now=${now//$'\a'/\\x07}
    now=${now//$'\n'/\\x0a}
    now=${now//$'\r'/\\x0d}
    while [[ -n "$now" ]]; do
      piece=${now[1,3000]}
      now=${now[3001,-1]}
      __hr_mark V "+$piece"
    done
    __hr_mark V .
  }
  alias __hr_run='__hr_begin; while __hr_next; do if [[ -n "$__hr_sub" ]]; then ( set -e; eval "$__hr_cmd" ); else eval "$__hr_cmd"; fi; __hr_done "$?"; done; __hr_end'
  __hr_begin() { __hr_active=1 __hr_first=1 __hr_errexit=; }
  __hr_next() {
    local line more=
    __hr_cmd= __hr_flags=
    stty -echo 2>/dev/null
    __hr_mark P next
    while IFS= read -r line; do
      [[ $line == *"$__hr_nonce"* ]] || continue
      line=${line#*"$__hr_nonce"}
      case $line in
        h*) __hr_flags=${line#h} ;;
        '|'*)
          [[ -z "$more" ]] || __hr_cmd+=$'\n'
          __hr_cmd+=${line#?}
          more=1
          ;;
        +*) __hr_cmd+=${line#?} ;;
        .) break ;;
      esac
    done
    stty echo 2>/dev/null
    [[ -n "$__hr_cmd" ]] || return 1
    case $__hr_flags in *e*) __hr_errexit=1 ;; *n*) __hr_errexit= ;; esac
    __hr_sub=
    if [[ -n "$__hr_errexit" && $__hr_flags == *c* ]]; then __hr_sub=1; fi
    if [[ -n "$__hr_first" ]]; then printf '\033[A\r\033[K'; __hr_first=; fi
    printf '%s%s\n' "${(%)PROMPT//$__hr_b/}" "$__hr_cmd"
    __hr_mark S
  }
  __hr_done() {
    __hr_mark X "$1"
    if [[ -o errexit ]]; then set +e; __hr_errexit=1; fi
    print -s -- "$__hr_cmd"
    return 0
  }
  __hr_end() {
    [[ -n "${__hr_active:-}" ]] || return 0
    __hr_active=
    set +e
    stty echo 2>/dev/null
    return 0
  }
  autoload -Uz add-zsh-hook
  add-zsh-hook precmd __hr_precmd
  add-zsh-hook preexec __hr_preexec
fi
